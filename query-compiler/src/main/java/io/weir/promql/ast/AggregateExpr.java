package io.weir.promql.ast;

import java.util.List;
import java.util.Objects;

/**
 * An aggregation {@code sum by (job) (x)} or {@code topk(3, x)}.
 *
 * @param param the parameter of topk, bottomk, quantile, count_values, limitk, limit_ratio; else
 *     null
 * @param grouping the label names of {@code by} or {@code without}
 * @param without true for {@code without}, false for {@code by} or no clause
 */
public record AggregateExpr(
        AggregateOp op,
        Expr expr,
        Expr param,
        List<String> grouping,
        boolean without,
        PositionRange pos)
        implements Expr {
    public AggregateExpr {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(expr, "expr");
        grouping = List.copyOf(grouping);
    }
}
