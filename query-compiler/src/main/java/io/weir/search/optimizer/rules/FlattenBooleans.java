package io.weir.search.optimizer.rules;

import io.weir.search.ast.And;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.optimizer.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splices an AND operand of an AND (an OR operand of an OR) into its parent, so that the rules
 * after it see every conjunct of a conjunction side by side.
 *
 * <pre>
 * (kw('a') AND label('b')) AND kw('c')   =>   kw('a') AND label('b') AND kw('c')
 * </pre>
 */
public final class FlattenBooleans implements Rule {
    @Override
    public String name() {
        return "FlattenBooleans";
    }

    @Override
    public Optional<Predicate> apply(Predicate node) {
        if (node instanceof And a && a.operands().stream().anyMatch(o -> o instanceof And)) {
            List<Predicate> out = new ArrayList<>();
            for (Predicate o : a.operands()) {
                if (o instanceof And inner) {
                    out.addAll(inner.operands());
                } else {
                    out.add(o);
                }
            }
            return Optional.of(new And(out, a.pos()));
        }
        if (node instanceof Or o && o.operands().stream().anyMatch(x -> x instanceof Or)) {
            List<Predicate> out = new ArrayList<>();
            for (Predicate x : o.operands()) {
                if (x instanceof Or inner) {
                    out.addAll(inner.operands());
                } else {
                    out.add(x);
                }
            }
            return Optional.of(new Or(out, o.pos()));
        }
        return Optional.empty();
    }
}
