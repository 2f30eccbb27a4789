package io.weir.promql.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlicePanesTest {
    private final SlicePanes rule = new SlicePanes();

    @Test
    void slidingWindowSharesPanesOfTheGcd() {
        assertEquals(
                """
                RangeWindow rate range=5m offset=0s step=2m panes=5x1m/SAMPLES
                  SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "rate(x[5m])", 120_000));
    }

    @Test
    void mergeableFunctionsKeepASummaryPerPane() {
        assertEquals(
                """
                RangeWindow sum_over_time range=10m offset=30s step=45s panes=40x15s/PARTIAL_STATE
                  SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "sum_over_time(x[10m] offset 30s)", 45_000));
    }

    @Test
    void subqueryWindowsAreSlicedToo() {
        assertEquals(
                """
                RangeWindow max_over_time range=30m offset=0s step=1m panes=30x1m/PARTIAL_STATE
                  Subquery step=1m
                    InstantSample lookback=5m offset=0s step=1m
                      SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "max_over_time(x[30m:1m])"));
    }

    @Test
    void doesNotFireWhenWindowsDoNotOverlap() {
        assertEquals(
                """
                RangeWindow rate range=5m offset=0s step=5m
                  SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "rate(x[5m])", 300_000));
        assertEquals(
                """
                RangeWindow rate range=1m offset=0s step=5m
                  SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "rate(x[1m])", 300_000));
    }

    @Test
    void doesNotFireWhenPanesWouldBeTooSmall() {
        // gcd(5m, 7001ms) = 1ms: 300000 panes a window.
        assertEquals(
                """
                RangeWindow rate range=5m offset=0s step=7s1ms
                  SeriesScan {__name__="x"}
                """,
                Rewrite.after(rule, "rate(x[5m])", 7_001));
    }

    @Test
    void gcd() {
        assertEquals(60_000, SlicePanes.gcd(300_000, 120_000));
        assertEquals(15_000, SlicePanes.gcd(600_000, 45_000));
        assertEquals(7, SlicePanes.gcd(7, 7));
    }
}
