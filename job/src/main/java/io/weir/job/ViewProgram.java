package io.weir.job;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.LabelMatchers;
import io.weir.promql.eval.kernel.RangeKernel;
import io.weir.promql.eval.kernel.RangeKernels;
import io.weir.promql.model.Labels;
import io.weir.promql.plan.logical.Aggregate;
import io.weir.promql.plan.logical.InstantSample;
import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.NodeId;
import io.weir.promql.plan.logical.NumberValue;
import io.weir.promql.plan.logical.RangeWindow;
import io.weir.promql.plan.logical.ScalarBinary;
import io.weir.promql.plan.logical.SeriesScan;
import io.weir.promql.plan.logical.VectorScalar;
import io.weir.promql.plan.physical.ViewCompiler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the three stages run for one view, taken from its logical plan. The plan shapes run so far
 * are
 *
 * <pre>
 *   post-ops( aggregate?( pre-ops( leaf ) ) )
 *   leaf     = instant selector | range function with a kernel over a selector (constant scalars)
 *   aggregate= sum | avg | min | max | count, by or without labels
 *   ops      = vector +, -, *, / a constant scalar, either side
 * </pre>
 *
 * {@link #compile} refuses anything else with an error naming the plan node, and {@link
 * ViewPlanner} then runs the view on the evaluated path instead, so no view ever runs with a plan
 * the stages would compute wrongly.
 */
public final class ViewProgram implements ViewPlan {
    /** Aggregations the aggregation stage finishes. */
    static final Set<AggregateOp> AGGREGATIONS =
            Collections.unmodifiableSet(
                    EnumSet.of(
                            AggregateOp.SUM,
                            AggregateOp.AVG,
                            AggregateOp.MIN,
                            AggregateOp.MAX,
                            AggregateOp.COUNT));

    private static final ViewCompiler COMPILER = ViewCompiler.defaults();

    final ViewSpec spec;
    final List<LabelMatcher> matchers;

    /** Null for an instant selector. */
    final String function;

    final RangeKernel kernel;

    /** The range function's constant scalar arguments, in argument order. */
    @SuppressWarnings("MutablePublicArray") // never written after construction
    final double[] params;

    /** The range of the window, or the lookback of an instant selector. */
    final long reachMillis;

    final long offsetMillis;
    final boolean leafDropsName;
    final List<ScalarOp> pre;

    /** Null when the view has no aggregation. */
    final AggregateOp aggregation;

    final Set<String> grouping;
    final boolean without;
    final List<ScalarOp> post;

    /**
     * The id of the leaf's plan node (selector or range function, with its step): views whose
     * leaves have the same id share the leaf's computation on the series stage.
     */
    final NodeId leaf;

    private ViewProgram(
            ViewSpec spec,
            NodeId leaf,
            List<LabelMatcher> matchers,
            String function,
            double[] params,
            long reachMillis,
            long offsetMillis,
            List<ScalarOp> pre,
            AggregateOp aggregation,
            Set<String> grouping,
            boolean without,
            List<ScalarOp> post) {
        this.spec = spec;
        this.leaf = leaf;
        this.matchers = List.copyOf(matchers);
        this.function = function;
        this.kernel = function == null ? null : RangeKernels.forFunction(function);
        this.params = params.clone();
        this.reachMillis = reachMillis;
        this.offsetMillis = offsetMillis;
        this.leafDropsName =
                function != null
                        && !function.equals("last_over_time")
                        && !function.equals("first_over_time");
        this.pre = List.copyOf(pre);
        this.aggregation = aggregation;
        this.grouping = Set.copyOf(grouping);
        this.without = without;
        this.post = List.copyOf(post);
    }

    /**
     * Compiles a registration.
     *
     * @throws UnsupportedViewException when the query does not compile, or uses a construct that
     *     the stages do not run yet (the message names it)
     */
    public static ViewProgram compile(ViewSpec spec) throws UnsupportedViewException {
        LogicalNode root;
        try {
            root = COMPILER.compile(spec.name(), spec.query(), spec.stepMillis()).logical();
        } catch (PromqlException e) {
            throw new UnsupportedViewException("view " + spec.name() + ": " + e.getMessage(), e);
        }
        return fromPlan(spec, root);
    }

    /**
     * The staged program of a compiled view's logical plan.
     *
     * @throws UnsupportedViewException when the plan has a shape the staged path does not run (the
     *     message names it)
     */
    static ViewProgram fromPlan(ViewSpec spec, LogicalNode root) throws UnsupportedViewException {
        List<ScalarOp> post = new ArrayList<>();
        LogicalNode n = peelOps(spec, root, post);
        AggregateOp aggregation = null;
        Set<String> grouping = new HashSet<>();
        boolean without = false;
        if (n instanceof Aggregate a) {
            if (!AGGREGATIONS.contains(a.op()) || a.phase() != Aggregate.Phase.SINGLE) {
                throw unsupported(spec, a, "aggregation " + a.op().keyword());
            }
            aggregation = a.op();
            grouping.addAll(a.grouping());
            without = a.without();
            n = a.input();
        }
        List<ScalarOp> pre = new ArrayList<>();
        n = peelOps(spec, n, pre);
        if (n instanceof InstantSample s && s.input() instanceof SeriesScan scan) {
            if (s.timestamps()) {
                throw unsupported(spec, s, "timestamp()");
            }
            return new ViewProgram(
                    spec,
                    n.id(),
                    scan.matchers(),
                    null,
                    new double[0],
                    s.lookbackMillis(),
                    s.offsetMillis(),
                    pre,
                    aggregation,
                    grouping,
                    without,
                    post);
        }
        if (n instanceof RangeWindow w && w.input() instanceof SeriesScan scan) {
            RangeKernel kernel = RangeKernels.forFunction(w.function());
            if (kernel == null) {
                throw unsupported(spec, w, "range function " + w.function());
            }
            double[] params = new double[w.params().size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = constant(spec, w.params().get(i));
            }
            try {
                kernel.checkParams(params);
            } catch (PromqlException e) {
                // The evaluator reports it where a window has samples; so does the evaluated path.
                throw unsupported(spec, w, "range function " + w.function() + " argument");
            }
            return new ViewProgram(
                    spec,
                    n.id(),
                    scan.matchers(),
                    w.function(),
                    params,
                    w.rangeMillis(),
                    w.offsetMillis(),
                    pre,
                    aggregation,
                    grouping,
                    without,
                    post);
        }
        if (n instanceof RangeWindow w) {
            throw unsupported(spec, w.input(), w.input().kind() + " under " + w.function());
        }
        throw unsupported(spec, n, n.kind());
    }

    /** Strips vector-constant arithmetic off {@code n}, outermost last in {@code ops}. */
    private static LogicalNode peelOps(ViewSpec spec, LogicalNode n, List<ScalarOp> ops)
            throws UnsupportedViewException {
        List<ScalarOp> outerFirst = new ArrayList<>();
        while (n instanceof VectorScalar vs) {
            if (!ScalarOp.supports(vs.op()) || vs.returnBool()) {
                throw unsupported(spec, vs, "vector-scalar operator " + vs.op().symbol());
            }
            outerFirst.add(new ScalarOp(vs.op(), constant(spec, vs.scalar()), vs.scalarLeft()));
            n = vs.vector();
        }
        Collections.reverse(outerFirst);
        ops.addAll(outerFirst);
        return n;
    }

    private static double constant(ViewSpec spec, LogicalNode n) throws UnsupportedViewException {
        if (n instanceof NumberValue v) {
            return v.value();
        }
        if (n instanceof ScalarBinary b && ScalarOp.supports(b.op()) && !b.returnBool()) {
            return ScalarOp.apply(b.op(), constant(spec, b.lhs()), constant(spec, b.rhs()));
        }
        throw unsupported(spec, n, "scalar " + n.kind());
    }

    private static UnsupportedViewException unsupported(
            ViewSpec spec, LogicalNode n, String construct) {
        return new UnsupportedViewException(
                "view "
                        + spec.name()
                        + ": "
                        + construct
                        + " is not supported by the streaming job yet (plan node "
                        + n.kind()
                        + " "
                        + n.attributes()
                        + ")");
    }

    @Override
    public ViewSpec spec() {
        return spec;
    }

    @Override
    public long backReachMillis() {
        return offsetMillis + reachMillis;
    }

    @Override
    public long forwardMillis() {
        return 0; // negative offsets go to the evaluated path
    }

    @Override
    public long finalDelayMillis() {
        return spec.latenessMillis();
    }

    @Override
    public boolean selects(Labels l) {
        for (LabelMatcher m : matchers) {
            String v = l.get(m.name());
            if (!LabelMatchers.matches(m, v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<List<LabelMatcher>> selectors() {
        return List.of(matchers);
    }

    @Override
    public long firstStepSeeing(long ts) {
        long step = spec.stepMillis();
        return Math.max(Math.floorDiv(ts + offsetMillis + step - 1, step) * step, spec.firstStep());
    }

    @Override
    public long lastStepSeeing(long ts) {
        long step = spec.stepMillis();
        // Visible while ts > t - offset - reach, i.e. t < ts + offset + reach.
        return Math.floorDiv(ts + offsetMillis + reachMillis - 1, step) * step;
    }

    /** The output labels of the aggregation group of {@code l}, as the evaluator groups. */
    Labels group(Labels l) {
        if (without) {
            return l.filter(n -> !grouping.contains(n) && !n.equals(Labels.METRIC_NAME));
        }
        if (grouping.isEmpty()) {
            return Labels.EMPTY;
        }
        return l.filter(grouping::contains);
    }

    long lateness() {
        return spec.latenessMillis();
    }
}
