package io.weir.server.rules;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A recording rule's {@code expr} and {@code labels} as written in its rules file, recovered from
 * the view's query (see {@link RecordingRules#ruleOf}).
 */
public record RuleExpression(String expr, SortedMap<String, String> labels) {
    public RuleExpression {
        labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    static RuleExpression of(String expr, Map<String, String> labels) {
        return new RuleExpression(expr, new TreeMap<>(labels));
    }
}
