package io.weir.server.http;

import io.weir.connectors.codec.SampleBatch;
import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.promql.model.Labels;
import io.weir.server.api.SamplePublisher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/import}: a Prometheus text or OpenMetrics body (OpenMetrics when it ends with
 * {@code # EOF}), every sample with its timestamp, sent on as binary batches of one series each.
 * The whole body is parsed first: a bad line fails the request with its line number and nothing is
 * sent.
 */
final class ImportEndpoint {
    /** Samples per batch record: keeps records well under Kafka's default size limit. */
    static final int BATCH = 4096;

    private final SamplePublisher publisher;

    ImportEndpoint(SamplePublisher publisher) {
        this.publisher = publisher;
    }

    String handle(byte[] body) throws ApiError {
        if (publisher == null) {
            throw new ApiError(
                    ApiError.Type.UNAVAILABLE, "import is not available: no metrics topic");
        }
        Map<Labels, Series> series = new LinkedHashMap<>();
        long n;
        try {
            ExpositionParser parser = new ExpositionParser(ExpositionFormat.detect(body), "body");
            n =
                    parser.parse(
                            body,
                            (labels, t, v) ->
                                    series.computeIfAbsent(labels, k -> new Series()).add(t, v));
        } catch (ExpositionException e) {
            throw ApiError.badData(e.getMessage());
        }
        List<SampleBatch> batches = new ArrayList<>();
        for (Map.Entry<Labels, Series> e : series.entrySet()) {
            Series s = e.getValue();
            for (int from = 0; from < s.size; from += BATCH) {
                int to = Math.min(s.size, from + BATCH);
                batches.add(
                        new SampleBatch(
                                e.getKey(),
                                Arrays.copyOfRange(s.t, from, to),
                                Arrays.copyOfRange(s.v, from, to)));
            }
        }
        try {
            publisher.publish(batches);
        } catch (IOException e) {
            throw new ApiError(ApiError.Type.UNAVAILABLE, e.getMessage());
        }
        return Json.success("{\"samples\":" + n + "}");
    }

    /** One series' samples in file order. */
    private static final class Series {
        long[] t = new long[8];
        double[] v = new double[8];
        int size;

        void add(long time, double value) {
            if (size == t.length) {
                t = Arrays.copyOf(t, size * 2);
                v = Arrays.copyOf(v, size * 2);
            }
            t[size] = time;
            v[size] = value;
            size++;
        }
    }
}
