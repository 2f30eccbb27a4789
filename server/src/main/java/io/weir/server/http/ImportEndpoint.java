package io.weir.server.http;

import io.weir.connectors.text.ExpositionException;
import io.weir.connectors.text.ExpositionFormat;
import io.weir.connectors.text.ExpositionParser;
import io.weir.server.api.SamplePublisher;
import java.io.IOException;

/**
 * {@code POST /api/v1/import}: a Prometheus text or OpenMetrics body (OpenMetrics when it ends with
 * {@code # EOF}), every sample with its timestamp, sent on as binary batches in time order (see
 * {@link TimeOrderedBatches}: each batch one series over at most a second). The whole body is
 * parsed first: a bad line fails the request with its line number and nothing is sent.
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
        TimeOrderedBatches samples = new TimeOrderedBatches();
        long n;
        try {
            ExpositionParser parser = new ExpositionParser(ExpositionFormat.detect(body), "body");
            n = parser.parse(body, samples::add);
        } catch (ExpositionException e) {
            throw ApiError.badData(e.getMessage());
        }
        try {
            publisher.publish(samples.batches(BATCH));
        } catch (IOException e) {
            throw new ApiError(ApiError.Type.UNAVAILABLE, e.getMessage());
        }
        return Json.success("{\"samples\":" + n + "}");
    }
}
