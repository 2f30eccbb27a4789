package io.weir.promql.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Selects scripts and cases to run, from the system property {@code weir.conformance.filter}: a
 * comma-separated list of {@code file} or {@code file:line} ({@code .test} may be left out), e.g.
 * {@code -Dweir.conformance.filter=functions.test:123,staleness}. Empty: everything.
 */
final class CaseFilter {
    static final String PROPERTY = "weir.conformance.filter";

    private record Entry(String file, int line) {}

    private final List<Entry> entries;

    private CaseFilter(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static CaseFilter fromSystemProperty() {
        return parse(System.getProperty(PROPERTY, ""));
    }

    static CaseFilter parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.lastIndexOf(':');
            if (colon > 0
                    && p.substring(colon + 1).chars().allMatch(Character::isDigit)
                    && colon < p.length() - 1) {
                entries.add(
                        new Entry(
                                base(p.substring(0, colon)),
                                Integer.parseInt(p.substring(colon + 1))));
            } else {
                entries.add(new Entry(base(p), -1));
            }
        }
        return new CaseFilter(entries);
    }

    private static String base(String file) {
        return file.endsWith(".test") ? file.substring(0, file.length() - 5) : file;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    boolean acceptsFile(String fileName) {
        return entries.isEmpty() || entries.stream().anyMatch(e -> e.file.equals(base(fileName)));
    }

    boolean acceptsCase(String fileName, int line) {
        return entries.isEmpty()
                || entries.stream()
                        .anyMatch(
                                e ->
                                        e.file.equals(base(fileName))
                                                && (e.line < 0 || e.line == line));
    }
}
