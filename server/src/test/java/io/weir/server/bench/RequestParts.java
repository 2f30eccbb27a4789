package io.weir.server.bench;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.api.PrometheusJson;
import java.util.Locale;

/**
 * The parts of one {@code query_range} request measured alone in the benchmark's JVM: the store's
 * reads of the series the query selects, the evaluator over the store (its reads included), and the
 * JSON encoding of the result. Each round runs the three in that order, as a request does.
 */
final class RequestParts {
    private RequestParts() {}

    /**
     * @param reads the store whose reads are timed, of the series {@code selector} selects
     * @param evaluated the store the evaluator reads
     */
    static void measure(
            String readWhat,
            SampleStore reads,
            String selector,
            SampleStore evaluated,
            String query,
            long start,
            long end,
            long step,
            int warmups,
            int rounds)
            throws Exception {
        Timings read = new Timings("store: select + read of " + readWhat, rounds);
        Timings eval = new Timings("evaluator over the store (includes the reads)", rounds);
        Timings json = new Timings("JSON encoding of the result", rounds);
        long[] points = new long[1];
        Evaluation[] last = new Evaluation[1];
        try (Engine engine = new Engine(EngineOptions.defaults())) {
            Timings.Task readTask =
                    () -> {
                        points[0] = 0;
                        for (SampleStore.StoredSeries s :
                                reads.select(
                                        PromqlParser.parseMetricSelector(selector), start, end)) {
                            points[0] += s.read(start, end).size();
                        }
                    };
            Timings.Task evalTask =
                    () -> last[0] = engine.evaluateRange(evaluated, query, start, end, step);
            Timings.Task jsonTask =
                    () ->
                            PrometheusJson.querySuccess(
                                    last[0].value(), last[0].warnings(), last[0].infos());
            for (int r = -warmups; r < rounds; r++) {
                if (r < 0) {
                    readTask.run();
                    evalTask.run();
                    jsonTask.run();
                } else {
                    read.time(readTask);
                    eval.time(evalTask);
                    json.time(jsonTask);
                }
            }
        }
        QueryValue.Matrix m = (QueryValue.Matrix) last[0].value();
        System.out.printf(
                Locale.ROOT,
                "   reads %,d stored points; result %,d series, %,d points (after %d warm-up"
                        + " runs)%n",
                points[0],
                m.series().size(),
                m.series().stream().mapToLong(QueryValue.Series::size).sum(),
                warmups);
        read.print();
        eval.print();
        json.print();
    }
}
