package io.weir.promql.ast;

/** A PromQL expression. Every node is an immutable record that carries its source position. */
public sealed interface Expr
        permits NumberLiteral,
                StringLiteral,
                VectorSelector,
                MatrixSelector,
                SubqueryExpr,
                Call,
                AggregateExpr,
                BinaryExpr,
                UnaryExpr,
                ParenExpr {
    PositionRange pos();
}
