package io.weir.promql.plan.logical;

import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.VectorMatching;
import java.util.ArrayList;
import java.util.List;

/** The {@link LabelSchema} of a node's output, derived from the node and its inputs. */
public final class Schemas {
    private Schemas() {}

    public static LabelSchema of(LogicalNode n) {
        if (n.type() == PlanType.SCALAR || n.type() == PlanType.STRING) {
            return LabelSchema.NONE;
        }
        if (n instanceof SeriesScan || n instanceof EmptyScan) {
            return LabelSchema.ALL;
        } else if (n instanceof InstantSample s) {
            return of(s.input());
        } else if (n instanceof RangeWindow w) {
            return of(w.input());
        } else if (n instanceof Subquery s) {
            return of(s.input());
        } else if (n instanceof SeriesFunction f) {
            return seriesFunction(f);
        } else if (n instanceof VectorScalar v) {
            return of(v.vector());
        } else if (n instanceof VectorJoin j) {
            return join(j);
        } else if (n instanceof Aggregate a) {
            return aggregate(a);
        } else if (n instanceof BucketFunction b) {
            LabelSchema in = of(b.input()).without(List.of("le"));
            return b.strings().isEmpty() ? in : in.with(b.strings().get(0));
        } else if (n instanceof Absent a) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < a.labels().size(); i++) {
                names.add(a.labels().name(i));
            }
            return LabelSchema.atMost(names);
        } else if (n instanceof Sort s) {
            return of(s.input());
        } else if (n instanceof ToVector) {
            return LabelSchema.atMost(List.of());
        } else if (n instanceof NumberValue
                || n instanceof StringValue
                || n instanceof StepTime
                || n instanceof ScalarFunction
                || n instanceof ScalarBinary
                || n instanceof ToScalar) {
            return LabelSchema.NONE;
        }
        throw new IllegalStateException("unknown node " + n.kind());
    }

    private static LabelSchema seriesFunction(SeriesFunction f) {
        LabelSchema in = of(f.input());
        if (f.function().equals("label_replace") || f.function().equals("label_join")) {
            return in.with(f.strings().get(0));
        }
        return in;
    }

    private static LabelSchema join(VectorJoin j) {
        VectorMatching m = j.matching();
        LabelSchema lhs = of(j.lhs());
        LabelSchema rhs = of(j.rhs());
        return switch (m.cardinality()) {
            // and / unless keep the left side; or adds right-side series.
            case MANY_TO_MANY -> j.op() == io.weir.promql.ast.BinaryOp.OR ? union(lhs, rhs) : lhs;
            case ONE_TO_ONE ->
                    m.on() ? lhs.keep(m.matchingLabels()) : lhs.without(m.matchingLabels());
            case MANY_TO_ONE -> include(lhs, m.include());
            case ONE_TO_MANY -> include(rhs, m.include());
        };
    }

    private static LabelSchema include(LabelSchema s, List<String> names) {
        LabelSchema out = s;
        for (String n : names) {
            out = out.with(n);
        }
        return out;
    }

    private static LabelSchema union(LabelSchema a, LabelSchema b) {
        if (a.kind() == LabelSchema.Kind.AT_MOST && b.kind() == LabelSchema.Kind.AT_MOST) {
            List<String> all = new ArrayList<>(a.labels());
            all.addAll(b.labels());
            return LabelSchema.atMost(all);
        }
        return LabelSchema.ALL;
    }

    private static LabelSchema aggregate(Aggregate a) {
        if (a.phase() == Aggregate.Phase.FINAL) {
            return aggregateOf(a, of(((Aggregate) a.input()).input()));
        }
        return aggregateOf(a, of(a.input()));
    }

    private static LabelSchema aggregateOf(Aggregate a, LabelSchema in) {
        AggregateOp op = a.op();
        if (op == AggregateOp.TOPK
                || op == AggregateOp.BOTTOMK
                || op == AggregateOp.LIMITK
                || op == AggregateOp.LIMIT_RATIO) {
            return in;
        }
        LabelSchema grouped = a.without() ? in.without(a.grouping()) : in.keep(a.grouping());
        if (op == AggregateOp.COUNT_VALUES) {
            return grouped.with(((StringValue) a.param()).value());
        }
        return grouped;
    }
}
