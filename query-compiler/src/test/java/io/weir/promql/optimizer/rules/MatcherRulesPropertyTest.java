package io.weir.promql.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.LabelMatcher.MatchOp;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.plan.logical.EmptyScan;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.PlanText;
import io.weir.promql.plan.logical.SeriesScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The matcher rules keep a scan's meaning: over a fixed set of series, the evaluator selects the
 * same series with the rewritten matchers as with the original ones (none for an empty scan).
 */
class MatcherRulesPropertyTest {
    private static final List<String> VALUES = List.of("", "a", "b", "ab", "a.b");
    private static final List<String> REGEXES =
            List.of("a", "", ".", "a.b", ".*", ".+", "a.*", "a|b", "a\\.b", "b?", "[ab]");
    private static final long T = 1_000_000;

    private static Engine engine;
    private static MemorySampleStore store;

    @BeforeContainer
    static void data() {
        engine = new Engine(EngineOptions.defaults());
        store = new MemorySampleStore();
        // Every combination of x and y values, with y sometimes missing.
        for (String x : VALUES) {
            for (String y : VALUES) {
                Labels.Builder b = Labels.builder().set("__name__", "m").set("x", x);
                if (!y.isEmpty()) {
                    b.set("y", y);
                }
                store.append(b.build(), T, 1);
            }
        }
    }

    @AfterContainer
    static void close() {
        engine.close();
    }

    @Provide
    Arbitrary<List<LabelMatcher>> matchers() {
        Arbitrary<LabelMatcher> m =
                Combinators.combine(
                                Arbitraries.of("x", "y"),
                                Arbitraries.of(MatchOp.class),
                                Arbitraries.of(VALUES),
                                Arbitraries.of(REGEXES))
                        .as(
                                (name, op, value, re) ->
                                        new LabelMatcher(name, op, op.isRegex() ? re : value));
        return m.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 300)
    void normalisingAndMergingSelectTheSameSeries(@ForAll("matchers") List<LabelMatcher> written) {
        List<LabelMatcher> ms = new ArrayList<>(written);
        ms.add(LabelMatcher.equal("__name__", "m"));
        LogicalNode scan = new SeriesScan(ms);
        LogicalNode rewritten =
                Rewrite.apply(new MergeMatchers(), Rewrite.apply(new NormalizeMatchers(), scan));
        rewritten = Rewrite.apply(new OrderMatchersByCost(), rewritten);
        Set<Labels> expected = select(ms);
        Set<Labels> actual =
                rewritten instanceof EmptyScan
                        ? Set.of()
                        : select(((SeriesScan) rewritten).matchers());
        assertEquals(expected, actual, "matchers " + ms + " became " + rewritten);
    }

    private static Set<Labels> select(List<LabelMatcher> ms) {
        QueryValue v = engine.instantQuery(store, "{" + PlanText.matchers(ms) + "}", T);
        Set<Labels> out = new TreeSet<>();
        for (QueryValue.Sample s : ((QueryValue.Vector) v).samples()) {
            out.add(s.labels());
        }
        return out;
    }
}
