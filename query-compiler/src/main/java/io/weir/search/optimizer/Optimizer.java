package io.weir.search.optimizer;

import io.weir.search.ast.Keyword;
import io.weir.search.ast.KeywordSet;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchPrinter;
import io.weir.search.index.IndexStatistics;
import io.weir.search.optimizer.rules.FlattenBooleans;
import io.weir.search.optimizer.rules.MergeKeywords;
import io.weir.search.optimizer.rules.OrderByCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The search optimizer: an ordered list of rules, each run over the whole tree to a fixed point
 * (with a cap) before the next, with an invariant checked after every pass.
 */
public final class Optimizer {
    /** Passes of one rule before the driver gives up on a fixed point. */
    static final int MAX_PASSES = 16;

    private final List<Rule> rules;

    /**
     * The rules, in order. Why this order: flattening first puts every conjunct of a conjunction
     * side by side, so merging sees all keywords "directly under one AND"; merging before ordering,
     * so that the merged lookup is what gets costed and placed first.
     */
    public static List<Rule> rules(IndexStatistics stats) {
        return List.of(
                new FlattenBooleans(), new MergeKeywords(), new OrderByCost(new CostModel(stats)));
    }

    public Optimizer(IndexStatistics stats) {
        this(stats, Set.of());
    }

    /** An optimizer without the rules named in {@code disabled}. */
    public Optimizer(IndexStatistics stats, Set<String> disabled) {
        List<Rule> keep = new ArrayList<>();
        for (Rule r : rules(stats)) {
            if (!disabled.contains(r.name())) {
                keep.add(r);
            }
        }
        this.rules = List.copyOf(keep);
    }

    public List<Rule> activeRules() {
        return rules;
    }

    public Predicate optimize(Predicate plan) {
        Predicate p = plan;
        for (Rule rule : rules) {
            for (int pass = 0; ; pass++) {
                if (pass == MAX_PASSES) {
                    throw new IllegalStateException(rule.name() + " did not reach a fixed point");
                }
                Predicate next = Trees.rewrite(p, rule::apply);
                checkInvariant(rule, p, next);
                if (next == p) {
                    break;
                }
                p = next;
            }
        }
        return p;
    }

    /**
     * Rules may regroup keywords and reorder operands but never add or drop a predicate: the
     * keyword tokens and the other leaves are the same before and after.
     */
    private static void checkInvariant(Rule rule, Predicate before, Predicate after) {
        if (!leaves(before).equals(leaves(after))) {
            throw new IllegalStateException(
                    rule.name()
                            + " changed the predicates of "
                            + SearchPrinter.print(before)
                            + " into "
                            + SearchPrinter.print(after));
        }
    }

    private static Set<String> leaves(Predicate p) {
        Set<String> out = new TreeSet<>();
        collect(p, out);
        return out;
    }

    private static void collect(Predicate p, Set<String> out) {
        List<Predicate> children = Trees.children(p);
        if (!children.isEmpty()) {
            children.forEach(c -> collect(c, out));
        } else if (p instanceof Keyword k) {
            k.tokens().forEach(t -> out.add("token " + t));
        } else if (p instanceof KeywordSet s) {
            s.tokens().forEach(t -> out.add("token " + t));
        } else {
            out.add(SearchPrinter.print(p));
        }
    }
}
