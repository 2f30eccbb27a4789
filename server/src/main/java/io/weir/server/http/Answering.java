package io.weir.server.http;

import io.weir.promql.ast.Expr;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.parser.PromqlPrinter;
import io.weir.server.cache.CacheKey;
import io.weir.server.cache.Footprint;
import io.weir.server.cache.Matrices;
import io.weir.server.cache.ResultsCache;
import io.weir.server.views.Expressions;
import io.weir.server.views.ViewMatcher;
import io.weir.server.views.ViewRegistry;
import io.weir.server.views.ViewStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a query is answered: views matched (where they cover it), the range cut into the part the
 * views answer and the parts raw samples answer, and range results through the results cache.
 */
final class Answering {
    private final SampleStore store;
    private final ViewStore views;
    private final ViewRegistry registry;
    private final ViewMatcher matcher;
    private final ResultsCache cache;
    private final long cacheMinAgeMillis;
    private final RawProgress rawProgress;
    private final Clock clock;

    /** A query's answer, with what explain=true reports. */
    record Answer(Evaluation evaluation, ViewMatcher.Plan plan, ResultsCache.Outcome cached) {}

    Answering(
            SampleStore store,
            ViewStore views,
            ViewRegistry registry,
            ResultsCache cache,
            long cacheMinAgeMillis,
            RawProgress rawProgress,
            Clock clock) {
        this.store = store;
        this.views = views;
        this.registry = registry;
        this.matcher = new ViewMatcher(registry);
        this.cache = cache;
        this.cacheMinAgeMillis = cacheMinAgeMillis;
        this.rawProgress = rawProgress;
        this.clock = clock;
    }

    /** The plan of an instant query; views are used only with the server's lookback. */
    ViewMatcher.Plan planInstant(Expr expr, long time, long lookback) {
        return lookback > 0 ? none(expr) : matcher.plan(expr, time, time, 0);
    }

    Answer instant(Engine engine, String query, ViewMatcher.Plan plan, long time) {
        String text = plan.usesViews() ? PromqlPrinter.print(plan.rewritten()) : query;
        return new Answer(engine.evaluateInstant(store, text, time), plan, null);
    }

    ViewMatcher.Plan planRange(Expr expr, long start, long end, long step, long lookback) {
        if (lookback > 0 || Expressions.dependsOnRange(expr)) {
            return none(expr);
        }
        return matcher.plan(expr, start, end, step);
    }

    Answer range(
            Engine engine,
            String query,
            ViewMatcher.Plan plan,
            long start,
            long end,
            long step,
            long lookback) {
        Expr expr = plan.original();
        if (cache == null || Expressions.dependsOnRange(expr)) {
            return new Answer(segments(engine, query, plan, start, end, step), plan, null);
        }
        Set<String> matched = new TreeSet<>();
        for (ViewMatcher.Match m : plan.matches()) {
            matched.add(m.view());
        }
        boolean readsRaw = !plan.usesViews() || plan.from() > start || plan.to() < end;
        long rawFinal = rawFinalEnd();
        rawProgress.cachedUpTo(rawFinal);
        List<String> all = new ArrayList<>();
        for (ViewRegistry.ActiveView v : registry.active()) {
            all.add(v.name());
        }
        Footprint fp =
                Footprint.of(
                        readsRaw && plan.usesViews() ? expr : plan.rewritten(),
                        matched,
                        readsRaw,
                        lookback > 0 ? lookback : engine.options().lookbackMillis(),
                        rawFinal,
                        registry::isActive,
                        views::lastFinalStep,
                        all);
        CacheKey key = CacheKey.of(query, start, step, engine.options().lookbackMillis());
        ResultsCache.Outcome out =
                cache.range(
                        key,
                        start,
                        end,
                        step,
                        fp.finalEnd(),
                        fp.deps(),
                        (a, b) -> segments(engine, query, plan, a, b, step));
        return new Answer(out.evaluation(), plan, out);
    }

    /**
     * The last time whose raw-sample answer is final: older than the minimum age both by the clock
     * and by the samples the store is known to hold completely (a store still catching up on its
     * topic holds only part of older steps' samples).
     */
    private long rawFinalEnd() {
        long complete = rawProgress.completeUntil();
        long byClock = clock.millis() - cacheMinAgeMillis;
        if (complete == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return complete == Long.MAX_VALUE
                ? byClock
                : Math.min(byClock, complete - cacheMinAgeMillis);
    }

    /** The steps of {@code [a, b]}: those the plan's views cover from them, the rest raw. */
    private Evaluation segments(
            Engine engine, String query, ViewMatcher.Plan plan, long a, long b, long step) {
        if (!plan.usesViews() || b < plan.from() || a > plan.to()) {
            return engine.evaluateRange(store, query, a, b, step);
        }
        String rewritten = PromqlPrinter.print(plan.rewritten());
        List<Evaluation> parts = new ArrayList<>(3);
        if (a < plan.from()) {
            parts.add(engine.evaluateRange(store, query, a, plan.from() - step, step));
        }
        parts.add(
                engine.evaluateRange(
                        store, rewritten, Math.max(a, plan.from()), Math.min(b, plan.to()), step));
        if (b >= plan.to() + step) {
            // b need not be on the grid (Prometheus accepts any end): only a whole step more
            // leaves raw steps after the views' part.
            parts.add(engine.evaluateRange(store, query, plan.to() + step, b, step));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<QueryValue.Matrix> values = new ArrayList<>(parts.size());
        LinkedHashSet<String> warnings = new LinkedHashSet<>();
        LinkedHashSet<String> infos = new LinkedHashSet<>();
        for (Evaluation e : parts) {
            values.add((QueryValue.Matrix) e.value());
            warnings.addAll(e.warnings());
            infos.addAll(e.infos());
        }
        return new Evaluation(Matrices.concat(values), List.copyOf(warnings), List.copyOf(infos));
    }

    private static ViewMatcher.Plan none(Expr e) {
        return new ViewMatcher.Plan(e, e, List.of(), 1, 0);
    }

    /** The {@code explain} member of a query's data. */
    static String explain(Answer a, boolean range) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"views\":[");
        List<ViewMatcher.Match> ms = a.plan().matches();
        for (int i = 0; i < ms.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"view\":");
            Json.string(sb, ms.get(i).view());
            sb.append(",\"expression\":");
            Json.string(sb, ms.get(i).expression());
            sb.append('}');
        }
        sb.append(']');
        if (a.plan().usesViews()) {
            sb.append(",\"query\":");
            Json.string(sb, PromqlPrinter.print(a.plan().rewritten()));
            if (range) {
                sb.append(",\"viewSteps\":{\"start\":");
                io.weir.server.api.PrometheusJson.appendTimestamp(sb, a.plan().from());
                sb.append(",\"end\":");
                io.weir.server.api.PrometheusJson.appendTimestamp(sb, a.plan().to());
                sb.append('}');
            }
        }
        if (a.cached() != null) {
            long computed = 0;
            sb.append(",\"cache\":{\"cachedSteps\":").append(a.cached().cachedSteps());
            sb.append(",\"computed\":[");
            List<long[]> c = a.cached().computed();
            for (int i = 0; i < c.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('[');
                io.weir.server.api.PrometheusJson.appendTimestamp(sb, c.get(i)[0]);
                sb.append(',');
                io.weir.server.api.PrometheusJson.appendTimestamp(sb, c.get(i)[1]);
                sb.append(']');
                computed++;
            }
            sb.append("],\"computedRanges\":").append(computed).append('}');
        }
        return sb.append('}').toString();
    }
}
