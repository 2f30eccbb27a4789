package io.weir.server.views;

import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorSelector;
import java.util.List;
import java.util.function.Consumer;

/** Tree helpers other server packages use: normal forms, selectors, {@code @} modifiers. */
public final class Expressions {
    private Expressions() {}

    /** The printed normal form: equal for queries that differ only in parentheses or order. */
    public static String normalForm(Expr e) {
        return ExprTrees.normalForm(e);
    }

    /** Every vector selector of {@code e}, those of matrix selectors included. */
    public static void selectors(Expr e, List<VectorSelector> out) {
        ExprTrees.selectors(e, out);
    }

    /** Calls {@code f} on every node of {@code e}, parents before children. */
    public static void forEachNode(Expr e, Consumer<Expr> f) {
        f.accept(e);
        ExprTrees.mapChildren(
                e,
                c -> {
                    forEachNode(c, f);
                    return c;
                });
    }

    /**
     * True when the result at a step depends on the query's range ({@code @ start()} or {@code @
     * end()}): such a query cannot be cut into time ranges and joined.
     */
    public static boolean dependsOnRange(Expr e) {
        boolean[] found = {false};
        forEachNode(
                e,
                n -> {
                    AtModifier at = null;
                    if (n instanceof VectorSelector v) {
                        at = v.at();
                    } else if (n instanceof SubqueryExpr s) {
                        at = s.at();
                    }
                    if (at instanceof AtModifier.Start || at instanceof AtModifier.End) {
                        found[0] = true;
                    }
                });
        return found[0];
    }
}
