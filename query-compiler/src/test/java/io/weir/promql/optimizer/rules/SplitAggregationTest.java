package io.weir.promql.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitAggregationTest {
    private final SplitAggregation rule = new SplitAggregation();

    @Test
    void sumOverPerSeriesInputIsSplit() {
        assertEquals(
                """
                Aggregate sum by(job) final
                  Aggregate sum by(job) partial
                    RangeWindow rate range=5m offset=0s step=1m
                      SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "sum by (job) (rate(x[5m]))"));
    }

    @Test
    void topkKeepsItsParameterInBothPhases() {
        assertEquals(
                """
                Aggregate topk without(instance) final
                  Aggregate topk without(instance) partial
                    InstantSample lookback=5m offset=0s step=1m
                      SeriesScan {__name__="x"}
                    NumberValue 3
                  NumberValue 3
                """,
                Rewrite.after(rule, "topk without (instance) (3, x)"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sum",
                "count",
                "min",
                "max",
                "avg",
                "group",
                "stddev",
                "stdvar",
                "count_values(\"v\",",
                "topk(2,",
                "bottomk(2,",
                "quantile(0.5,"
            })
    void everyDecomposableAggregationIsSplit(String op) {
        String q = op.endsWith(",") ? op + " x * 2)" : op + "(x * 2)";
        String out = Rewrite.after(rule, q);
        assertEquals(true, out.contains(" final\n") && out.contains(" partial\n"), out);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "limitk(2, x)",
                "limit_ratio(0.5, x)",
                "max(sum by (job) (x))",
                "sum(rate(x[5m]) / rate(y[5m]))",
                "sum(x * scalar(y))",
                "topk(scalar(y), x)",
                "sum(label_replace(sum by (a) (x), \"b\", \"c\", \"a\", \".*\"))"
            })
    void doesNotFire(String q) {
        String out = Rewrite.after(rule, q);
        // Only inner aggregations over per-series input may be split, never the outer one.
        assertEquals(
                false,
                out.startsWith("Aggregate") && out.lines().findFirst().get().endsWith(" final"),
                out);
    }
}
