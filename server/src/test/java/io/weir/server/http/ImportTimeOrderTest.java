package io.weir.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An import written series by series (as promtool's dumps and backfill files are) reaches Kafka in
 * time order: the job's watermark, which trails the newest sample time of a partition by a few
 * seconds, never passes a sample before it arrives.
 */
class ImportTimeOrderTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final long INTERVAL = 15_000;
    private static final int SERIES = 4;
    private static final int PER_SERIES = 120;

    private final List<SampleBatch> sent = new ArrayList<>();
    private final ImportEndpoint endpoint = new ImportEndpoint(sent::addAll);

    /** All of series 0, then all of series 1, ...: thirty minutes of each. */
    private static String seriesOrdered() {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < SERIES; s++) {
            sb.append("# TYPE up gauge\n");
            for (int i = 0; i < PER_SERIES; i++) {
                sb.append("up{instance=\"")
                        .append(s)
                        .append("\"} ")
                        .append(i)
                        .append(' ')
                        .append(T0 + i * INTERVAL)
                        .append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void aSeriesOrderedFileIsSentInTimeOrder() throws ApiError {
        String answer = endpoint.handle(seriesOrdered().getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "{\"status\":\"success\",\"data\":{\"samples\":" + SERIES * PER_SERIES + "}}",
                answer);

        long newest = Long.MIN_VALUE;
        long worst = 0;
        Map<Labels, List<Long>> bySeries = new LinkedHashMap<>();
        for (SampleBatch b : sent) {
            long first = b.timestamp(0);
            for (int i = 0; i < b.size(); i++) {
                long t = b.timestamp(i);
                assertTrue(
                        t - first < TimeOrderedBatches.SPAN_MILLIS,
                        "a batch spans " + (t - first) + " ms");
                if (newest != Long.MIN_VALUE) {
                    worst = Math.max(worst, newest - t);
                }
                newest = Math.max(newest, t);
                bySeries.computeIfAbsent(b.labels(), k -> new ArrayList<>()).add(t);
                long index = (t - T0) / INTERVAL;
                assertEquals(index, (long) b.value(i));
            }
        }
        // Every sample once, each series in time order, and no sample sent after one more than
        // a batch's span newer than it (in any partition, which sees a subsequence of this).
        assertTrue(worst < TimeOrderedBatches.SPAN_MILLIS, "out of order by " + worst + " ms");
        assertEquals(SERIES, bySeries.size());
        for (List<Long> times : bySeries.values()) {
            assertEquals(PER_SERIES, times.size());
            for (int i = 0; i < PER_SERIES; i++) {
                assertEquals(T0 + i * INTERVAL, times.get(i));
            }
        }
    }

    @Test
    void samplesOfOneSecondOfOneSeriesShareABatchAndDuplicatesKeepFileOrder() throws ApiError {
        endpoint.handle(
                "a 1 1000\nb 1 1000\na 2 1500\na 3 1500\nb 2 2100\na 4 999\n"
                        .getBytes(StandardCharsets.UTF_8));
        List<String> batches = new ArrayList<>();
        for (SampleBatch b : sent) {
            StringBuilder sb = new StringBuilder(b.labels().metricName());
            for (int i = 0; i < b.size(); i++) {
                sb.append(' ').append(b.timestamp(i)).append('=').append((long) b.value(i));
            }
            batches.add(sb.toString());
        }
        assertEquals(List.of("a 999=4", "a 1000=1 1500=2 1500=3", "b 1000=1", "b 2100=2"), batches);
    }
}
