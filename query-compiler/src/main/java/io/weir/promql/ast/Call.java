package io.weir.promql.ast;

import java.util.List;
import java.util.Objects;

/** A function call {@code rate(x[5m])}; {@code function} is the name as written. */
public record Call(String function, List<Expr> args, PositionRange pos) implements Expr {
    public Call {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }
}
