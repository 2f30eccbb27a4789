package io.weir.promql.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OrderMatchersByCostTest {
    private final OrderMatchersByCost rule = new OrderMatchersByCost();

    @Test
    void cheapSelectiveMatchersGoFirstRegexesLast() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  SeriesScan {__name__="http_requests_total", env="prod", instance=~"a|b", code!="200", path=~"/api/.*"}
                """,
                Rewrite.after(
                        rule,
                        "http_requests_total{path=~\"/api/.*\", code!=\"200\", instance=~\"a|b\","
                                + " env=\"prod\"}"));
    }

    @Test
    void theSameMatchersInAnyOrderEndInOneOrder() {
        assertEquals(
                Rewrite.after(rule, "x{b=\"2\", a=\"1\", c=~\"x.*\"}"),
                Rewrite.after(rule, "x{c=~\"x.*\", a=\"1\", b=\"2\"}"));
    }

    @Test
    void doesNotFireWhenAlreadyOrdered() {
        // The parser puts the name matcher last; a scan of the name alone is already ordered.
        String q = "rate(x[5m])";
        assertEquals(Rewrite.before(q), Rewrite.after(rule, q));
    }
}
