package io.weir.promql.conformance;

import java.util.Map;
import java.util.Set;

/** Which of Prometheus's scripts are in scope, and why the others are not. */
final class ConformanceScope {
    static final Set<String> IN_SCOPE =
            Set.of(
                    "aggregators",
                    "at_modifier",
                    "collision",
                    "functions",
                    "histograms",
                    "limit",
                    "literals",
                    "name_label_dropping",
                    "operators",
                    "range_queries",
                    "selectors",
                    "staleness",
                    "subquery",
                    "trig_functions");

    static final Map<String, String> OUT_OF_SCOPE =
            Map.of(
                    "duration_expression", "duration expressions",
                    "extended_vectors", "extended range selectors (anchored, smoothed)",
                    "fill-modifier", "binary operator fill modifiers",
                    "info", "the info function",
                    "type_and_unit", "type and unit labels",
                    "start_timestamps", "start timestamps",
                    "native_histograms", "native histograms");

    private ConformanceScope() {}

    /** Null when the script runs, else why it is skipped as a whole. */
    static String skipReason(String fileName) {
        String base =
                fileName.endsWith(".test")
                        ? fileName.substring(0, fileName.length() - 5)
                        : fileName;
        if (IN_SCOPE.contains(base)) {
            return null;
        }
        String feature = OUT_OF_SCOPE.get(base);
        if (feature != null) {
            return "feature not in scope: " + feature;
        }
        return "script not in the agreed scope";
    }
}
