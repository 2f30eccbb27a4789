package io.weir.promql.optimizer;

import io.weir.promql.optimizer.rules.MergeMatchers;
import io.weir.promql.optimizer.rules.NormalizeMatchers;
import io.weir.promql.optimizer.rules.OrderMatchersByCost;
import io.weir.promql.optimizer.rules.SlicePanes;
import io.weir.promql.optimizer.rules.SplitAggregation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * THE list of optimizer rules, in the order they run. Each stage runs to a fixed point before the
 * next starts. Sharing of identical sub-plans across views is not a rule of this list: it happens
 * when an optimized plan is added to the {@link SharedPlans} registry, after every rule here, so
 * that plans are compared in their final, normalised form.
 */
public final class OptimizerRules {
    private OptimizerRules() {}

    /** A named group of rules that runs to a fixed point. */
    public record Stage(String name, List<Rule> rules) {
        public Stage {
            rules = List.copyOf(rules);
        }
    }

    /** Every stage with every rule, in order. */
    public static List<Stage> all() {
        return List.of(
                // 1. Normalise selectors first: the later rules and sub-plan sharing compare
                //    scans by their matchers, and `a=~"x"` must look like `a="x"` by then.
                //    Normalising before merging lets merging see the equalities it needs.
                new Stage("normalise", List.of(new NormalizeMatchers(), new MergeMatchers())),
                // 2. Order matchers by cost once the set of matchers is final; merging can
                //    remove or replace matchers, which would spoil an earlier order.
                new Stage("cost", List.of(new OrderMatchersByCost())),
                // 3. Split aggregations into partial and final phases. It only needs to know
                //    whether the input is computed per series, which the rules above keep.
                new Stage("distribute", List.of(new SplitAggregation())),
                // 4. Slice windows into panes last: it reads the final range, step and function
                //    of a window and nothing after it rewrites windows.
                new Stage("windows", List.of(new SlicePanes())));
    }

    /** The names of every rule, in order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Stage s : all()) {
            for (Rule r : s.rules()) {
                names.add(r.name());
            }
        }
        return names;
    }

    /**
     * The stages without the rules named in {@code disabled}.
     *
     * @throws IllegalArgumentException when a name is not a rule's, so that a typo cannot leave a
     *     rule silently enabled
     */
    public static List<Stage> stages(Set<String> disabled) {
        Set<String> unknown = new LinkedHashSet<>(disabled);
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown optimizer rules " + unknown + "; the rules are " + names());
        }
        List<Stage> out = new ArrayList<>();
        for (Stage s : all()) {
            List<Rule> kept = new ArrayList<>();
            for (Rule r : s.rules()) {
                if (!disabled.contains(r.name())) {
                    kept.add(r);
                }
            }
            out.add(new Stage(s.name(), kept));
        }
        return out;
    }
}
