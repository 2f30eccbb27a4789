package io.weir.promql.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.plan.logical.SeriesScan;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizeMatchersTest {
    private final NormalizeMatchers rule = new NormalizeMatchers();

    @Test
    void literalRegexBecomesEqualityAndMatchAllGoes() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  SeriesScan {job="api", dc!="eu.1", __name__="up"}
                """,
                Rewrite.after(rule, "up{job=~\"api\", env=~\".*\", dc!~`eu\\.1`}"));
    }

    @Test
    void duplicatesAreKeptOnce() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  SeriesScan {job="api", __name__="up"}
                """,
                Rewrite.after(rule, "up{job=\"api\", job=~\"api\"}"));
    }

    @Test
    void emptyRegexIsAnEmptyEquality() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  SeriesScan {job="", __name__="up"}
                """,
                Rewrite.after(rule, "up{job=~\"\"}"));
    }

    @Test
    void doesNotFireOnRealRegexesOrNormalMatchers() {
        String q = "up{job=~\"api|web\", path=~\"/a/.*\", code!~\"5..\", env=\"p\", dc!=\"x\"}";
        assertEquals(Rewrite.before(q), Rewrite.after(rule, q));
        assertTrue(rule.apply(new SeriesScan(List.of(LabelMatcher.equal("a", "b")))).isEmpty());
    }

    @Test
    void keepsTheOnlyMatcherEvenIfItMatchesAll() {
        SeriesScan scan =
                new SeriesScan(List.of(new LabelMatcher("a", LabelMatcher.MatchOp.REGEX, ".*")));
        assertTrue(rule.apply(scan).isEmpty());
    }

    @Test
    void escapesOfNonMetacharactersAreNotLiterals() {
        assertEquals(null, LiteralRegex.literal("a\\d"));
        assertEquals("a.b", LiteralRegex.literal("a\\.b"));
        assertEquals(null, LiteralRegex.literal("a.b"));
        assertEquals("", LiteralRegex.literal(""));
    }
}
