package io.weir.search.optimizer;

import io.weir.search.ast.And;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Bottom-up rewriting of predicate trees. */
public final class Trees {
    private Trees() {}

    /**
     * Applies {@code f} to every node, children first; returns the same instance if nothing fired.
     */
    public static Predicate rewrite(Predicate p, Function<Predicate, Optional<Predicate>> f) {
        Predicate withChildren = p;
        if (p instanceof And a) {
            List<Predicate> ops = rewriteAll(a.operands(), f);
            withChildren = ops == null ? p : new And(ops, a.pos());
        } else if (p instanceof Or o) {
            List<Predicate> ops = rewriteAll(o.operands(), f);
            withChildren = ops == null ? p : new Or(ops, o.pos());
        } else if (p instanceof Not n) {
            Predicate op = rewrite(n.operand(), f);
            withChildren = op == n.operand() ? p : new Not(op, n.pos());
        }
        return f.apply(withChildren).orElse(withChildren);
    }

    /** The rewritten operands, or null when none changed. */
    private static List<Predicate> rewriteAll(
            List<Predicate> ops, Function<Predicate, Optional<Predicate>> f) {
        List<Predicate> out = new ArrayList<>(ops.size());
        boolean changed = false;
        for (Predicate op : ops) {
            Predicate r = rewrite(op, f);
            changed |= r != op;
            out.add(r);
        }
        return changed ? out : null;
    }

    /** The operands of a boolean node; empty for a leaf. */
    public static List<Predicate> children(Predicate p) {
        if (p instanceof And a) {
            return a.operands();
        }
        if (p instanceof Or o) {
            return o.operands();
        }
        if (p instanceof Not n) {
            return List.of(n.operand());
        }
        return List.of();
    }
}
