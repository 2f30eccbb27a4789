package io.weir.server.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingRulesTest {
    @Test
    void groupsIntervalsAndRulesInFileOrder() throws Exception {
        List<RuleView> rules =
                RecordingRules.parse(
                        """
                        groups:
                          - name: a
                            interval: 15s
                            rules:
                              - record: x:sum
                                expr: sum(x)
                          - name: b
                            rules:
                              - record: x:max
                                expr: |
                                  max(x)
                        """);
        assertEquals(
                List.of(
                        new RuleView(
                                "x:sum", "sum(x)", Duration.ofSeconds(15), "group \"a\", rule 1"),
                        new RuleView(
                                "x:max", "max(x)", Duration.ofMinutes(1), "group \"b\", rule 1")),
                rules);
    }

    @Test
    void labelsAreSetOnEveryOutputSeriesAsPrometheusSetsThem() throws Exception {
        String q = RecordingRules.withLabels("x", Map.of("team", "web", "job", "", "cost", "$5"));
        MemorySampleStore s = new MemorySampleStore();
        s.append(Labels.of("__name__", "x", "job", "api", "team", "db"), 1000, 1);
        try (Engine e = new Engine(EngineOptions.defaults())) {
            QueryValue.Vector v = (QueryValue.Vector) e.instantQuery(s, q, 1000);
            assertEquals(
                    Labels.of("__name__", "x", "team", "web", "cost", "$5"),
                    v.samples().get(0).labels());
        }
    }

    private static String error(String yaml) {
        return assertThrows(InvalidRulesException.class, () -> RecordingRules.parse(yaml))
                .getMessage();
    }

    @Test
    void badFilesSayWhere() {
        assertEquals(
                "group \"g\", rule 2: field 'expr' must be set in rule",
                error(
                        """
                        groups:
                        - name: g
                          rules:
                          - record: a
                            expr: x
                          - record: b
                        """));
        assertEquals(
                "group \"g\", rule 1: alerting rules are not supported",
                error(
                        """
                        groups:
                        - name: g
                          rules:
                          - alert: A
                            expr: up == 0
                        """));
        assertEquals(
                "group \"g\", rule 1: invalid recording rule name: a-b",
                error(
                        """
                        groups:
                        - name: g
                          rules:
                          - record: a-b
                            expr: x
                        """));
        String yaml = error("groups:\n- name: [\n");
        assertTrue(yaml.matches("\\d+:\\d+: invalid YAML: (?s).*"), yaml);
        assertTrue(
                error(
                                """
                                groups:
                                - name: g
                                  interval: 1x
                                  rules: []
                                """)
                        .startsWith("group \"g\": invalid parameter \"interval\""));
    }

    @Test
    void aRulesExpressionAndLabelsAreRecoveredFromItsQuery() {
        Map<String, String> labels = Map.of("team", "web", "cost", "$5 \"a\"", "gone", "");
        String expr = "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))  /  2";
        assertEquals(
                new RuleExpression(expr, new java.util.TreeMap<>(labels)),
                RecordingRules.ruleOf(RecordingRules.withLabels(expr, labels)));
        assertEquals(
                new RuleExpression("count(up)", new java.util.TreeMap<>()),
                RecordingRules.ruleOf("count(up)"));
        // Another label_replace is the rule's own expression.
        String own = "label_replace(up, \"a\", \"$1\", \"job\", \"(.*)\")";
        assertEquals(own, RecordingRules.ruleOf(own).expr());
        assertEquals(
                "x",
                RecordingRules.ruleOf(RecordingRules.withLabels("x", Map.of("a", "1"))).expr());
    }
}
