package io.weir.promql.parser;

import io.weir.promql.conformance.TestDataLocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The queries of Prometheus's PromQL test scripts, read in place. The folder comes from the system
 * property {@code weir.promql.testdata}, else the environment variable {@code
 * WEIR_PROMQL_TESTDATA}, else the first {@code shared/promql-testdata} found walking up from the
 * working directory.
 */
final class ScriptQueries {
    /** Files whose syntax (duration expressions, fill, info, ...) is outside Weir's scope. */
    static final Set<String> OUT_OF_SCOPE =
            Set.of(
                    "duration_expression.test",
                    "extended_vectors.test",
                    "fill-modifier.test",
                    "info.test",
                    "type_and_unit.test",
                    "start_timestamps.test",
                    "native_histograms.test");

    // Our own fixed test input (script lines), not user input.
    private static final Pattern EVAL =
            Pattern.compile(
                    "^\\s*eval(_fail|_ordered|_warn|_info)?\\s+"
                            + "(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)"
                            + "\\s+(.*)$");

    private ScriptQueries() {}

    /** One eval command: where it is, its query, and whether the script expects it to fail. */
    record Query(String file, int line, String text, boolean expectFail) {}

    /** Where Prometheus's scripts are: one rule for every test that reads them. */
    static Optional<Path> folder() {
        return TestDataLocator.folder();
    }

    static List<Path> inScopeFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test"))
                    .filter(f -> !OUT_OF_SCOPE.contains(f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Query> queries(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Query> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = EVAL.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            boolean fail = "_fail".equals(m.group(1));
            for (int j = i + 1; j < lines.size() && !lines.get(j).isBlank(); j++) {
                String next = lines.get(j).trim();
                if (next.startsWith("expect fail") || next.startsWith("expected_fail")) {
                    fail = true;
                }
                if (EVAL.matcher(lines.get(j)).matches()) {
                    break;
                }
            }
            out.add(new Query(file.getFileName().toString(), i + 1, m.group(2), fail));
        }
        return out;
    }
}
