package io.weir.server.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewChainsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC);
    private static final long MIN = 60_000;

    static QueryRegistration reg(String name, String query, Duration step) {
        return new QueryRegistration(name, query, step, Duration.ZERO, Duration.ZERO);
    }

    @Test
    void instantAndRangeSelectorsOfAViewAreInlined() throws Exception {
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(new MemoryControlLog(), store, CLOCK)) {
            r.register(reg("job:rate5m", "sum by (job) (rate(x[5m]))", Duration.ofMinutes(1)));
            ViewRegistry.Prepared p =
                    r.prepare(
                            reg(
                                    "w",
                                    "sum(job:rate5m) + max_over_time(job:rate5m[10m])",
                                    Duration.ofMinutes(2)),
                            Map.of());
            assertTrue(p.expanded());
            assertEquals("sum(job:rate5m) + max_over_time(job:rate5m[10m])", p.userQuery());
            String v = "label_replace((sum by (job) (rate(x[5m]))), \"__name__\", \"job:rate5m\"";
            assertEquals(
                    "sum(" + v + ", \"\", \"\")) + max_over_time(" + v + ", \"\", \"\")[10m:1m])",
                    p.published().query());
            // Unrelated selectors, and queries selecting no view, are left as written.
            ViewRegistry.Prepared plain =
                    r.prepare(reg("u", "sum(rate(y[5m]))", Duration.ofMinutes(1)), Map.of());
            assertFalse(plain.expanded());
            assertEquals("sum(rate(y[5m]))", plain.published().query());
        }
    }

    @Test
    void chainsExpandFullyAndTheListKeepsTheUsersQuery() throws Exception {
        MemoryControlLog log = new MemoryControlLog();
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(log, store, CLOCK)) {
            r.register(reg("a", "rate(x[5m])", Duration.ofMinutes(1)));
            r.register(reg("b", "sum(a)", Duration.ofMinutes(1)));
            r.register(reg("c", "b * 2", Duration.ofMinutes(5)));
            String a = "label_replace((rate(x[5m])), \"__name__\", \"a\", \"\", \"\")";
            String b = "label_replace((sum(" + a + ")), \"__name__\", \"b\", \"\", \"\")";
            QueryControl last = log.records().get(log.records().size() - 1);
            assertEquals(b + " * 2", ((QueryControl.Register) last).registration().query());
            ViewInfo c = r.get("c").orElseThrow();
            assertEquals("b * 2", c.registration().query());
            assertEquals(b + " * 2", c.expandedQuery());
            assertNull(r.get("a").orElseThrow().expandedQuery());
            // Dropping a view another was built on leaves that one whole: it was inlined.
            r.drop("b");
            assertEquals(b + " * 2", r.get("c").orElseThrow().expandedQuery());
        }
    }

    @Test
    void aRuleSelectsAnEarlierRuleOfTheSameRequest() throws Exception {
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(new MemoryControlLog(), store, CLOCK)) {
            Map<String, QueryRegistration> earlier = new HashMap<>();
            ViewRegistry.Prepared first =
                    r.prepare(reg("a", "rate(x[5m])", Duration.ofMinutes(1)), earlier);
            earlier.put("a", first.published());
            ViewRegistry.Prepared second =
                    r.prepare(reg("b", "sum(a)", Duration.ofMinutes(1)), earlier);
            assertTrue(second.published().query().contains("rate(x[5m])"));
        }
    }

    @Test
    void refusalsNameTheSelectorsPosition() throws Exception {
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(new MemoryControlLog(), store, CLOCK)) {
            r.register(reg("v", "sum by (job) (rate(x[5m]))", Duration.ofMinutes(1)));
            assertRefused(r, "sum(\n  v{job=\"a\"})", Duration.ofMinutes(1), "2:3: ", "matchers");
            assertRefused(r, "sum(v offset 5m)", Duration.ofMinutes(1), "1:5: ", "offset");
            // The compiler refuses any @ in a view first, at the modifier.
            assertRefused(r, "1 + sum(v @ 100)", Duration.ofMinutes(1), "1:", "@");
            assertRefused(r, "rate(v[5m] offset 1m)", Duration.ofMinutes(1), "1:6: ", "offset");
            assertRefused(r, "sum(v)", Duration.ofSeconds(90), "1:5: ", "not a multiple");
            // A range selector at any step reads only the view's own steps: accepted.
            r.prepare(reg("w", "avg_over_time(v[5m])", Duration.ofSeconds(90)), Map.of());
            assertRefused(r, "v + 1", Duration.ofMinutes(1), "v", "1:1: ", "own output");
        }
    }

    private static void assertRefused(
            ViewRegistry r, String query, Duration step, String where, String why) {
        assertRefused(r, query, step, "w", where, why);
    }

    private static void assertRefused(
            ViewRegistry r, String query, Duration step, String name, String where, String why) {
        InvalidViewException e =
                assertThrows(
                        InvalidViewException.class,
                        () -> r.prepare(reg(name, query, step), Map.of()));
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    // ---- semantic proof: the original query over samples + views equals the expansion over
    // samples alone ----

    private static final long END = 150 * MIN;

    /** Counters every 15s; instance c stops at 60m, instance d starts at 70m. */
    private static MemorySampleStore samples() {
        MemorySampleStore s = new MemorySampleStore();
        String[][] series = {{"a", "api"}, {"b", "api"}, {"c", "db"}, {"d", "db"}};
        for (int i = 0; i < series.length; i++) {
            Labels l =
                    Labels.of(
                            "__name__",
                            "http_requests",
                            "instance",
                            series[i][0],
                            "job",
                            series[i][1]);
            double v = 0;
            for (long t = 0; t <= END; t += 15_000) {
                v += (i + 1) * 3.0 + (t / 15_000 % 7) * (i + 1);
                boolean present =
                        switch (series[i][0]) {
                            case "c" -> t <= 60 * MIN;
                            case "d" -> t >= 70 * MIN;
                            default -> true;
                        };
                if (present) {
                    s.append(l, t, v);
                }
            }
        }
        return s;
    }

    /**
     * What the job stores of a view: its published query evaluated at its steps, named by the view,
     * with a staleness marker at the first step a series is missing.
     */
    private static void storeView(
            Engine engine, MemorySampleStore samples, MemoryViewStore views, QueryRegistration v) {
        long step = v.step().toMillis();
        QueryValue.Matrix m = engine.rangeQuery(samples, v.query(), 0, END, step);
        List<ResultRecord> out = new ArrayList<>();
        for (QueryValue.Series s : m.series()) {
            Map<Long, Double> at = new HashMap<>();
            for (int i = 0; i < s.size(); i++) {
                at.put(s.timestamps()[i], s.values()[i]);
            }
            boolean was = false;
            for (long t = 0; t <= END; t += step) {
                Double x = at.get(t);
                if (x != null) {
                    out.add(new ResultRecord(v.name(), s.labels(), t, x, ResultKind.FINAL));
                } else if (was) {
                    out.add(
                            new ResultRecord(
                                    v.name(), s.labels(), t, StaleNaN.VALUE, ResultKind.FINAL));
                }
                was = x != null;
            }
        }
        views.write(out);
    }

    @Test
    void theExpansionComputesWhatTheStoredViewsAnswer() throws Exception {
        MemorySampleStore samples = samples();
        try (Engine engine = new Engine(EngineOptions.defaults());
                MemoryViewStore views = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(new MemoryControlLog(), views, CLOCK)) {
            QueryRegistration v =
                    r.register(
                            reg(
                                    "instance:rate1m",
                                    "rate(http_requests[1m])",
                                    Duration.ofMinutes(1)));
            storeView(engine, samples, views, v);
            QueryRegistration j =
                    r.register(
                            reg(
                                    "job:rate1m",
                                    "sum by (job) (instance:rate1m)",
                                    Duration.ofMinutes(1)));
            assertTrue(j.query().contains("label_replace"), j.query());
            storeView(engine, samples, views, j);
            CombinedStore both = new CombinedStore(samples, views);
            String[][] cases = {
                {"sum(instance:rate1m)", "2m"},
                {"instance:rate1m", "1m"},
                {"instance:rate1m > 1", "3m"},
                {"rate(instance:rate1m[5m])", "1m"},
                {"max_over_time(instance:rate1m[7m])", "30s"},
                {"sum_over_time(instance:rate1m[5m]) / count_over_time(instance:rate1m[5m])", "2m"},
                {"job:rate1m / on (job) group_left sum by (job) (instance:rate1m)", "1m"},
                {"avg_over_time(job:rate1m[10m]) * 2", "1m"},
            };
            for (String[] c : cases) {
                long step = io.weir.server.api.QueryParams.parseDuration("step", c[1]);
                ViewRegistry.Prepared w =
                        r.prepare(reg("w", c[0], Duration.ofMillis(step)), Map.of());
                assertTrue(w.expanded(), c[0]);
                long from = 20 * MIN;
                QueryValue.Matrix viaViews = engine.rangeQuery(both, c[0], from, END, step);
                QueryValue.Matrix expanded =
                        engine.rangeQuery(samples, w.published().query(), from, END, step);
                assertFalse(viaViews.series().isEmpty(), c[0]);
                assertSame(c[0], viaViews, expanded);
            }
        }
    }

    private static void assertSame(String query, QueryValue.Matrix a, QueryValue.Matrix b) {
        Map<Labels, QueryValue.Series> bs = new HashMap<>();
        for (QueryValue.Series s : b.series()) {
            bs.put(s.labels(), s);
        }
        assertEquals(a.series().size(), b.series().size(), query + ": series " + a + " vs " + b);
        for (QueryValue.Series s : a.series()) {
            QueryValue.Series t = bs.get(s.labels());
            assertTrue(t != null, query + ": no series " + s.labels() + " in " + b);
            assertEquals(s.size(), t.size(), query + ": points of " + s.labels());
            for (int i = 0; i < s.size(); i++) {
                assertEquals(s.timestamps()[i], t.timestamps()[i], query);
                double x = s.values()[i];
                double y = t.values()[i];
                assertTrue(
                        x == y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)),
                        query + " at " + s.timestamps()[i] + ": " + x + " vs " + y);
            }
        }
    }
}
