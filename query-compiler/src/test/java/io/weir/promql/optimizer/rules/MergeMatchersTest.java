package io.weir.promql.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MergeMatchersTest {
    private final MergeMatchers rule = new MergeMatchers();

    @Test
    void impliedMatchersOfAnEqualityAreDropped() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  SeriesScan {job="api", __name__="up"}
                """,
                Rewrite.after(rule, "up{job=\"api\", job!=\"web\", job=~\"a.*\", job!~\"w.*\"}"));
    }

    @Test
    void contradictoryEqualitiesSelectNothing() {
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  EmptyScan
                """,
                Rewrite.after(rule, "up{job=\"api\", job=\"web\"}"));
    }

    @Test
    void anEqualityThatFailsAnotherMatcherSelectsNothing() {
        String empty =
                """
                RangeWindow rate range=5m offset=0s step=1m
                  EmptyScan
                """;
        assertEquals(empty, Rewrite.after(rule, "rate(up{job=\"api\", job!=\"api\"}[5m])"));
        assertEquals(empty, Rewrite.after(rule, "rate(up{job=\"api\", job=~\"w.*\"}[5m])"));
        assertEquals(empty, Rewrite.after(rule, "rate(up{job=\"api\", job!~\"a.*\"}[5m])"));
        assertEquals(empty, Rewrite.after(rule, "rate(up{job!~\".*\"}[5m])"));
    }

    @Test
    void aMissingLabelIsTheEmptyValue() {
        // job="" holds for series without job, so job!~".+" is implied, and job=~".+" fails.
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  SeriesScan {job="", __name__="up"}
                """,
                Rewrite.after(rule, "up{job=\"\", job!~\".+\"}"));
        assertEquals(
                """
                InstantSample lookback=5m offset=0s step=1m
                  EmptyScan
                """,
                Rewrite.after(rule, "up{job=\"\", job=~\".+\"}"));
    }

    @Test
    void absentKeepsTheLabelsOfTheMatchersAsWritten() {
        assertEquals(
                """
                Absent {}
                  InstantSample lookback=5m offset=0s step=1m
                    EmptyScan
                """,
                Rewrite.after(rule, "absent(up{job=\"api\", job=\"web\"})"));
    }

    @Test
    void doesNotFireWithoutEqualitiesOnTheSameLabel() {
        String q = "up{job=\"api\", env!=\"dev\", path=~\"/a.*\", code!~\"5..\"}";
        assertEquals(Rewrite.before(q), Rewrite.after(rule, q));
        String regexesOnly = "up{job=~\"a.*\", job!~\"ab\"}";
        assertEquals(Rewrite.before(regexesOnly), Rewrite.after(rule, regexesOnly));
    }
}
