package io.weir.promql.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NumberValue;
import io.weir.promql.plan.logical.PlanOptions;
import io.weir.promql.plan.logical.PlanPrinter;
import io.weir.promql.plan.logical.Planner;
import io.weir.promql.plan.logical.SeriesScan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static LogicalNode plan(String q) {
        return Planner.plan(q, PlanOptions.withStep(60_000));
    }

    @Test
    void theRuleListIsOrdered() {
        assertEquals(
                List.of(
                        "NormalizeMatchers",
                        "MergeMatchers",
                        "OrderMatchersByCost",
                        "SplitAggregation",
                        "SlicePanes"),
                OptimizerRules.names());
    }

    @Test
    void allRulesRunToAFixedPoint() {
        OptimizerResult r =
                Optimizer.withDefaults(Set.of())
                        .optimize(plan("sum by (job) (rate(x{job=~\"api\", env=~\".*\"}[5m]))"));
        assertEquals(
                """
                Aggregate sum by(job) final
                  Aggregate sum by(job) partial
                    RangeWindow rate range=5m offset=0s step=1m panes=5x1m/SAMPLES
                      SeriesScan {__name__="x", job="api"}
                """,
                PlanPrinter.print(r.plan()));
        assertEquals(
                List.of(
                        "NormalizeMatchers",
                        "OrderMatchersByCost",
                        "SplitAggregation",
                        "SlicePanes"),
                r.fired());
        assertTrue(r.fixedPoint());
        OptimizerResult again = Optimizer.withDefaults(Set.of()).optimize(r.plan());
        assertEquals(List.of(), again.fired());
        assertEquals(r.plan(), again.plan());
    }

    @Test
    void rulesCanBeDisabledByName() {
        OptimizerResult r =
                Optimizer.withDefaults(Set.of("SplitAggregation", "SlicePanes"))
                        .optimize(plan("sum(rate(x[5m]))"));
        assertEquals(
                """
                Aggregate sum by()
                  RangeWindow rate range=5m offset=0s step=1m
                    SeriesScan {__name__="x"}
                """,
                PlanPrinter.print(r.plan()));
        assertEquals(List.of(), r.fired());
    }

    @Test
    void anUnknownRuleNameIsAnError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> Optimizer.withDefaults(Set.of("SplitAggregations")));
        assertTrue(e.getMessage().contains("SplitAggregations"), e.getMessage());
        assertTrue(e.getMessage().contains("SplitAggregation,"), e.getMessage());
    }

    /** A broken rule: drops aggregations, which changes the output labels. */
    static final class DropAggregation implements Rule {
        @Override
        public Optional<LogicalNode> apply(LogicalNode node) {
            return node instanceof Aggregate a ? Optional.of(a.input()) : Optional.empty();
        }
    }

    /** A broken rule: turns selectors into numbers, which changes the value type. */
    static final class SelectorToNumber implements Rule {
        @Override
        public Optional<LogicalNode> apply(LogicalNode node) {
            return node instanceof InstantSample
                    ? Optional.of(new NumberValue(1))
                    : Optional.empty();
        }
    }

    /** A rule that never settles: it reverses the matchers of every scan. */
    static final class ReverseMatchers implements Rule {
        @Override
        public Optional<LogicalNode> apply(LogicalNode node) {
            if (node instanceof SeriesScan s && s.matchers().size() > 1) {
                List<LabelMatcher> m = new ArrayList<>(s.matchers());
                Collections.reverse(m);
                return Optional.of(new SeriesScan(m));
            }
            return Optional.empty();
        }
    }

    private static Optimizer only(Rule rule, int cap) {
        return new Optimizer(List.of(new OptimizerRules.Stage("test", List.of(rule))), cap);
    }

    @Test
    void theInvariantCatchesALabelSchemaChange() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> only(new DropAggregation(), 4).optimize(plan("sum by (job) (x)")));
        assertEquals(
                "rule DropAggregation changed the label schema of Aggregate from at most [job] to"
                        + " input",
                e.getMessage());
    }

    @Test
    void theInvariantCatchesAValueTypeChange() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> only(new SelectorToNumber(), 4).optimize(plan("x")));
        assertEquals(
                "rule SelectorToNumber changed the value type of InstantSample from"
                        + " INSTANT_VECTOR to SCALAR",
                e.getMessage());
    }

    @Test
    void theCapStopsARuleThatNeverSettles() {
        OptimizerResult r = only(new ReverseMatchers(), 5).optimize(plan("x{a=\"1\"}"));
        assertFalse(r.fixedPoint());
        assertEquals(5, r.passes());
        assertEquals(5, r.fired().size());
    }

    @Test
    void theCapMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> only(new ReverseMatchers(), 0));
    }
}
