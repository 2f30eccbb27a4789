package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.connectors.codec.MetricSample;
import io.weir.promql.model.Labels;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The series stage at a job's start: the metrics backlog and the queries topic are read at once, so
 * samples can reach the stage before the registration of the view that reads them. Their steps must
 * still come out when the watermark first moves, however far it jumps.
 */
class SeriesStageStartTest {
    private static final long STEP = 60_000;
    private static final List<String> INSTANCES = List.of("a", "b", "c");

    @Test
    void samplesBeforeTheRegistrationAreInTheViewsSteps() throws Exception {
        assertEquals(expectedPoints(), run(true));
    }

    @Test
    void samplesAfterTheRegistrationAsWell() throws Exception {
        assertEquals(expectedPoints(), run(false));
    }

    /** Each instance's rate at the steps 1m to 5m (the 0m step sees one sample only). */
    private static Set<String> expectedPoints() {
        Set<String> want = new TreeSet<>();
        for (String instance : INSTANCES) {
            for (long t = STEP; t <= 5 * STEP; t += STEP) {
                want.add(instance + "@" + t);
            }
        }
        return want;
    }

    private static Set<String> run(boolean samplesFirst) throws Exception {
        ViewSpec view = new ViewSpec("v", "rate(c[1m])", STEP, 0, -1);
        KeyedBroadcastOperatorTestHarness<Long, MetricSample, ViewSpec, StepPoint> h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new SeriesStage("metrics", 10 * STEP),
                        s -> s.labels().hash64(),
                        Types.LONG,
                        Programs.VIEWS);
        try {
            h.open();
            if (!samplesFirst) {
                h.processBroadcastElement(view, 0);
            }
            // Five minutes of samples every 15 s, with no watermark yet.
            for (long t = 0; t <= 5 * STEP; t += 15_000) {
                for (String instance : INSTANCES) {
                    Labels l = Labels.of("__name__", "c", "instance", instance);
                    h.processElement(new MetricSample(l, t, t / 1000.0), t);
                }
            }
            if (samplesFirst) {
                h.processBroadcastElement(view, 0);
            }
            // The control stream goes idle, then the watermark jumps past every step at once.
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(20 * STEP);
            Set<String> got = new TreeSet<>();
            for (StepPoint p : h.extractOutputValues()) {
                got.add(p.toLabels().get("instance") + "@" + p.step());
            }
            return got;
        } finally {
            h.close();
        }
    }
}
