package io.weir.search.optimizer.rules;

import io.weir.search.ast.And;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.optimizer.CostModel;
import io.weir.search.optimizer.CostModel.Estimate;
import io.weir.search.optimizer.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Orders the operands of every AND and OR by estimated cost: keyword lookups first, then label
 * lookups, then anything with a percentile; within a tier, the smallest estimated result first. The
 * prefilter executor evaluates an AND's operands in this order, each on what the previous ones
 * left, so a percentile sees only the series that survived the cheap predicates.
 *
 * <pre>
 * pct(0.99, 1h) > 0.5 AND label('region') AND kw('checkout')
 *   =>  kw('checkout') AND label('region') AND pct(0.99, 1h) > 0.5
 * </pre>
 *
 * Does not fire when the operands are already in order (the sort is stable).
 */
public final class OrderByCost implements Rule {
    private final CostModel costs;

    public OrderByCost(CostModel costs) {
        this.costs = costs;
    }

    @Override
    public String name() {
        return "OrderByCost";
    }

    @Override
    public Optional<Predicate> apply(Predicate node) {
        if (node instanceof And a) {
            return sorted(a.operands()).map(ops -> new And(ops, a.pos()));
        }
        if (node instanceof Or o) {
            return sorted(o.operands()).map(ops -> new Or(ops, o.pos()));
        }
        return Optional.empty();
    }

    private Optional<List<Predicate>> sorted(List<Predicate> ops) {
        List<Estimate> est = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            est.add(costs.estimate(ops.get(i)));
            idx.add(i);
        }
        idx.sort(
                Comparator.<Integer>comparingInt(i -> est.get(i).tier())
                        .thenComparingDouble(i -> est.get(i).rows()));
        List<Predicate> out = new ArrayList<>();
        boolean moved = false;
        for (int k = 0; k < idx.size(); k++) {
            moved |= idx.get(k) != k;
            out.add(ops.get(idx.get(k)));
        }
        return moved ? Optional.of(out) : Optional.empty();
    }
}
