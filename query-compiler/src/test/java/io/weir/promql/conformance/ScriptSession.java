package io.weir.promql.conformance;

import com.google.re2j.Pattern;
import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.parser.PromqlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the commands of one script in order against one store. Each eval is run on its own (it first
 * applies the loads and clears before it), so a single eval can be run alone.
 */
final class ScriptSession {
    /** Queries that read the range of the query itself; their range-mode re-run differs. */
    private static final Pattern QUERY_CONTEXT_FUNCTIONS =
            Pattern.compile("(start|end|range|step)\\(\\)");

    private static final long MINUTE = 60_000;

    private final List<Command> commands;
    private final Engine engine;
    private final Function<Expr, String> printer;
    private final HistogramPolicy histogramPolicy;
    private final MemorySampleStore store = new MemorySampleStore();
    private final HistogramScope histograms = new HistogramScope();
    private int next;

    /**
     * What to do with an eval whose query may read a native histogram sample (they are never
     * loaded: only float samples are).
     */
    enum HistogramPolicy {
        /** Skip it: the reference result may depend on the histograms. */
        SKIP,
        /**
         * Run it on the float samples alone: a match with the reference result is a pass; a
         * mismatch is reported as skipped, with the difference, since it may come from the missing
         * histograms.
         */
        TRY;

        static final String PROPERTY = "weir.conformance.histograms";

        static HistogramPolicy fromSystemProperty() {
            return "try".equalsIgnoreCase(System.getProperty(PROPERTY, "skip")) ? TRY : SKIP;
        }
    }

    /**
     * @param printer renders an AST as query text for the {@code @} re-runs of instant evals; null
     *     leaves those re-runs out
     */
    ScriptSession(
            List<Command> commands,
            Engine engine,
            Function<Expr, String> printer,
            HistogramPolicy histogramPolicy) {
        this.commands = List.copyOf(commands);
        this.engine = engine;
        this.printer = printer;
        this.histogramPolicy = histogramPolicy;
    }

    /** The outcome of one eval: passed, or skipped with a reason; failures are thrown. */
    record Outcome(boolean skipped, String reason) {
        static final Outcome PASSED = new Outcome(false, null);

        static Outcome skipped(String reason) {
            return new Outcome(true, reason);
        }
    }

    /** A check of an eval failed. */
    static final class EvalFailure extends AssertionError {
        private static final long serialVersionUID = 1L;

        EvalFailure(String message) {
            super(message);
        }
    }

    /**
     * Runs the eval at {@code index} of the commands, applying the loads and clears before it.
     *
     * @throws EvalFailure when a check fails
     */
    Outcome run(int index) {
        advanceTo(index);
        Command.Eval ev = (Command.Eval) commands.get(index);
        if (ev.expectsHistogram()) {
            return Outcome.skipped("expects a native histogram (out of scope)");
        }
        HistogramScope.Hit hit = histograms.isEmpty() ? null : histogramRead(ev);
        if (hit == null) {
            evaluate(ev);
            return Outcome.PASSED;
        }
        String reason =
                "may read the native histogram of "
                        + hit.series()
                        + " at "
                        + hit.timeMillis()
                        + "ms (out of scope)";
        if (histogramPolicy == HistogramPolicy.SKIP) {
            return Outcome.skipped(reason);
        }
        try {
            evaluate(ev);
            return Outcome.PASSED;
        } catch (EvalFailure f) {
            return Outcome.skipped(
                    reason
                            + "; without them: "
                            + f.getMessage().lines().skip(1).findFirst().orElse(""));
        }
    }

    private void evaluate(Command.Eval ev) {
        if (ev.range()) {
            runRange(ev);
        } else {
            runInstant(ev);
        }
    }

    private HistogramScope.Hit histogramRead(Command.Eval ev) {
        Expr ast;
        try {
            ast = PromqlParser.parse(ev.query());
        } catch (PromqlException e) {
            // The reference parses every query of its scripts; a query we cannot parse fails
            // when it is evaluated, which is the more useful report.
            return null;
        }
        // Only the steps that are compared count: an instant eval's time (its range-mode re-run
        // compares that step alone, its @ re-runs pin that time), or a range eval's range.
        long start = ev.range() ? ev.start() : ev.evalTime();
        long end = ev.range() ? ev.end() : ev.evalTime();
        return histograms.readBy(ast, start, end, engine.options().lookbackMillis());
    }

    private void advanceTo(int index) {
        if (index < next) {
            throw new IllegalStateException("evals of a script must run in order");
        }
        for (; next < index; next++) {
            Command c = commands.get(next);
            if (c instanceof Command.Load load) {
                load(load);
            } else if (c instanceof Command.Clear) {
                store.clear();
                histograms.onClear();
            }
        }
        next = index + 1;
    }

    private void load(Command.Load load) {
        histograms.onLoad(load);
        for (SeriesNotation.Series s : load.series()) {
            long t = 0;
            for (SequenceValue v : s.values()) {
                if (v instanceof SequenceValue.FloatValue f) {
                    store.append(s.labels(), t, f.value());
                }
                t += load.intervalMillis();
            }
        }
    }

    private void runRange(Command.Eval ev) {
        QueryValue.Matrix result;
        try {
            result = engine.rangeQuery(store, ev.query(), ev.start(), ev.end(), ev.step());
        } catch (PromqlException e) {
            checkError(ev, ev.query(), e, "");
            return;
        }
        if (ev.expectsFailure()) {
            throw failure(ev, ev.query(), "expected an error but got none", result, "");
        }
        String diff = ResultComparator.compare(ev, result, ev.ordered());
        if (diff != null) {
            throw failure(ev, ev.query(), diff, result, "");
        }
    }

    private void runInstant(Command.Eval ev) {
        runInstantOnce(ev, ev.query(), ev.evalTime());
        if (printer == null || ev.expectsFailure()) {
            return;
        }
        Expr ast;
        try {
            ast = PromqlParser.parse(ev.query());
        } catch (PromqlException e) {
            return;
        }
        for (AtModifierVariants.Variant v : AtModifierVariants.of(ast, ev.evalTime())) {
            runInstantOnce(ev, printer.apply(v.expr()), v.evalTimeMillis());
        }
    }

    private void runInstantOnce(Command.Eval ev, String query, long time) {
        String where = query.equals(ev.query()) ? "" : " [re-run at t=" + time + "]";
        QueryValue result;
        try {
            result = engine.instantQuery(store, query, time);
        } catch (PromqlException e) {
            checkError(ev, query, e, where);
            return;
        }
        if (ev.expectsFailure()) {
            throw failure(ev, query, "expected an error but got none", result, where);
        }
        String diff = ResultComparator.compare(ev, result, ev.ordered());
        if (diff != null) {
            throw failure(ev, query, diff, result, where);
        }
        if (ev.excludeFromRangeQuery() || QUERY_CONTEXT_FUNCTIONS.matcher(query).find()) {
            return;
        }
        // The same query as a range query around t must give the same value at t.
        String rangeWhere =
                where + " [range mode: " + (time - MINUTE) + " to " + (time + MINUTE) + " step 1m]";
        QueryValue.Matrix matrix;
        try {
            matrix = engine.rangeQuery(store, query, time - MINUTE, time + MINUTE, MINUTE);
        } catch (PromqlException e) {
            throw new EvalFailure(
                    header(ev, query, rangeWhere) + "\nerror in range mode: " + e.getMessage());
        }
        if (ev.ordered()) {
            return;
        }
        String unsorted = ResultComparator.checkSorted(matrix);
        if (unsorted != null) {
            throw failure(ev, query, unsorted, matrix, rangeWhere);
        }
        List<QueryValue.Sample> atT = new ArrayList<>();
        for (QueryValue.Series s : matrix.series()) {
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] == time) {
                    atT.add(new QueryValue.Sample(s.labels(), time, s.values()[i]));
                    break;
                }
            }
        }
        String diff2;
        if (result instanceof QueryValue.Scalar) {
            diff2 =
                    atT.isEmpty()
                            ? "range mode returned no point at t=" + time
                            : ResultComparator.compareScalar(ev, atT.get(0).value());
        } else {
            diff2 = ResultComparator.compare(ev, new QueryValue.Vector(atT), false);
        }
        if (diff2 != null) {
            throw failure(ev, query, diff2, matrix, rangeWhere);
        }
    }

    private void checkError(Command.Eval ev, String query, PromqlException e, String where) {
        if (!ev.expectsFailure()) {
            throw new EvalFailure(
                    header(ev, query, where)
                            + "\nunexpected error: "
                            + e.getMessage()
                            + "\nexpected:\n"
                            + ResultComparator.describeExpected(ev));
        }
        for (Command.TextMatch m : ev.fail()) {
            if (!m.matches(e.getMessage())) {
                throw new EvalFailure(
                        header(ev, query, where)
                                + "\nexpected error matching "
                                + m
                                + "\nbut got: "
                                + e.getMessage());
            }
        }
    }

    private static EvalFailure failure(
            Command.Eval ev, String query, String diff, QueryValue got, String where) {
        return new EvalFailure(
                header(ev, query, where)
                        + "\n"
                        + diff
                        + "\nexpected:\n"
                        + ResultComparator.describeExpected(ev)
                        + "got:\n"
                        + ResultComparator.describe(got));
    }

    private static String header(Command.Eval ev, String query, String where) {
        String kind =
                ev.range()
                        ? "range from " + ev.start() + " to " + ev.end() + " step " + ev.step()
                        : "instant at " + ev.evalTime();
        return "eval " + kind + " (line " + ev.line() + "): " + query + where;
    }
}
