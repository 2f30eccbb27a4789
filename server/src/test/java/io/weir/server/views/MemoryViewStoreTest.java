package io.weir.server.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryViewStoreTest {
    private static final Labels A = Labels.of("code", "200");

    private static ResultRecord r(String view, long t, double v, ResultKind kind) {
        return new ResultRecord(view, A, t, v, kind);
    }

    private static double valueAt(MemoryViewStore s, String view, long t) {
        List<SampleStore.StoredSeries> found =
                s.select(List.of(LabelMatcher.equal("__name__", view)), t, t);
        assertEquals(1, found.size());
        SampleChunk c = found.get(0).read(t, t);
        assertEquals(1, c.size());
        return c.values()[c.from()];
    }

    @Test
    void seriesAreNamedByTheViewAndFinalReplacesEarlyButNotTheOtherWay() {
        try (MemoryViewStore s = new MemoryViewStore()) {
            s.write(List.of(r("v", 60_000, 1, ResultKind.EARLY)));
            assertEquals(OptionalLong.empty(), s.lastFinalStep("v"));
            s.write(List.of(r("v", 60_000, 2, ResultKind.FINAL)));
            assertEquals(2, valueAt(s, "v", 60_000));
            s.write(List.of(r("v", 60_000, 3, ResultKind.EARLY)));
            assertEquals(2, valueAt(s, "v", 60_000));
            assertEquals(OptionalLong.of(60_000), s.lastFinalStep("v"));
            // A late correction is final too: it replaces.
            s.write(List.of(r("v", 60_000, 4, ResultKind.FINAL)));
            assertEquals(4, valueAt(s, "v", 60_000));
            assertEquals(
                    Labels.of("__name__", "v", "code", "200"),
                    s.select(List.of(LabelMatcher.equal("code", "200")), 0, 100_000)
                            .get(0)
                            .labels());
        }
    }

    @Test
    void selectsByNameAcrossViewsAndDropFreesAView() throws Exception {
        try (MemoryViewStore s = new MemoryViewStore()) {
            s.write(List.of(r("a", 0, 1, ResultKind.FINAL), r("b", 0, 2, ResultKind.FINAL)));
            assertEquals(2, s.select(List.of(LabelMatcher.equal("code", "200")), 0, 0).size());
            assertEquals(1, s.select(List.of(LabelMatcher.equal("__name__", "b")), 0, 0).size());
            assertEquals(List.of("a", "b"), s.labelValues("__name__"));
            s.drop("a");
            assertEquals(List.of("b"), s.labelValues("__name__"));
            assertEquals(OptionalLong.empty(), s.lastFinalStep("a"));
        }
    }

    @Test
    void listenersHearEveryBatchUntilTheyUnsubscribe() throws Exception {
        try (MemoryViewStore s = new MemoryViewStore()) {
            List<ResultRecord> heard = new ArrayList<>();
            AutoCloseable sub = s.subscribe(heard::addAll);
            s.write(List.of(r("v", 0, 1, ResultKind.FINAL)));
            sub.close();
            s.write(List.of(r("v", 60_000, 1, ResultKind.FINAL)));
            assertEquals(1, heard.size());
            assertTrue(heard.get(0).stepMillis() == 0);
        }
    }
}
