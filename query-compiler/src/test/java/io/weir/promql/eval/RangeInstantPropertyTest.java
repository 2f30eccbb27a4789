package io.weir.promql.eval;

import static io.weir.promql.eval.Ast.agg;
import static io.weir.promql.eval.Ast.bin;
import static io.weir.promql.eval.Ast.call;
import static io.weir.promql.eval.Ast.num;
import static io.weir.promql.eval.Ast.offset;
import static io.weir.promql.eval.Ast.range;
import static io.weir.promql.eval.Ast.sel;
import static io.weir.promql.eval.Ast.subquery;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.BinaryOp;
import io.weir.promql.ast.Expr;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the evaluator on random data: a range query's step at t equals the instant query at
 * t, and the result does not depend on how many threads computed it.
 */
class RangeInstantPropertyTest {
    private static final List<Expr> QUERIES =
            List.of(
                    sel("m"),
                    offset(sel("m"), 45_000),
                    call("sum_over_time", range(sel("m"), 70_000)),
                    agg(AggregateOp.SUM, sel("m"), List.of("job")),
                    agg(
                            AggregateOp.MAX,
                            call("count_over_time", range(sel("m"), 50_000)),
                            List.of()),
                    bin(BinaryOp.GTR, sel("m"), num(5)),
                    bin(BinaryOp.ADD, sel("m"), sel("m")),
                    agg(AggregateOp.TOPK, num(2), sel("m"), List.of("job")),
                    call("sum_over_time", subquery(sel("m"), 90_000, 20_000)),
                    call("absent", sel("m", "job", "none")),
                    agg(AggregateOp.COUNT_VALUES, Ast.str("v"), sel("m"), List.of()));

    private static MemorySampleStore randomStore(long seed) {
        Random r = new Random(seed);
        MemorySampleStore store = new MemorySampleStore();
        int series = 1 + r.nextInt(150);
        for (int s = 0; s < series; s++) {
            Labels l = Labels.of("__name__", "m", "job", "j" + (s % 3), "i", "" + s);
            for (int i = 0; i < 40; i++) {
                int roll = r.nextInt(10);
                if (roll == 0) {
                    continue;
                }
                double v =
                        roll == 1
                                ? StaleNaN.VALUE
                                : r.nextInt(10) + (roll > 5 ? r.nextDouble() : 0);
                store.append(l, i * 15_000L + r.nextInt(5) * 1000L, v);
            }
        }
        return store;
    }

    private static Map<String, Double> atStep(QueryValue.Matrix m, long t) {
        Map<String, Double> out = new TreeMap<>();
        for (QueryValue.Series s : m.series()) {
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] == t) {
                    out.put(s.labels().toString(), s.values()[i]);
                }
            }
        }
        return out;
    }

    private static Map<String, Double> vector(QueryValue v) {
        Map<String, Double> out = new TreeMap<>();
        for (QueryValue.Sample s : ((QueryValue.Vector) v).samples()) {
            out.put(s.labels().toString(), s.value());
        }
        return out;
    }

    @Property(tries = 60)
    void rangeStepsEqualInstantQueries(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = QUERIES_MAX) int query,
            @ForAll @IntRange(min = 1, max = 50) int stepSeconds) {
        MemorySampleStore store = randomStore(seed);
        Expr e = QUERIES.get(query);
        long step = stepSeconds * 1000L;
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            QueryValue.Matrix m = engine.rangeQuery(store, e, 0, 600_000, step);
            for (long t = 0; t <= 600_000; t += step) {
                assertEquals(vector(engine.instantQuery(store, e, t)), atStep(m, t), "t=" + t);
            }
        }
    }

    private static final int QUERIES_MAX = 10;

    @Property(tries = 30)
    void resultsDoNotDependOnParallelism(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = QUERIES_MAX) int query) {
        MemorySampleStore store = randomStore(seed);
        Expr e = QUERIES.get(query);
        EngineOptions one =
                new EngineOptions(300_000, 60_000, 50_000_000, Duration.ofMinutes(1), 1);
        EngineOptions four =
                new EngineOptions(300_000, 60_000, 50_000_000, Duration.ofMinutes(1), 4);
        try (Engine a = new Engine(one);
                Engine b = new Engine(four)) {
            assertEquals(
                    a.rangeQuery(store, e, 0, 600_000, 7_000),
                    b.rangeQuery(store, e, 0, 600_000, 7_000));
        }
    }
}
