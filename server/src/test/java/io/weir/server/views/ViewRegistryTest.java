package io.weir.server.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultKind;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.model.Labels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewRegistryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1000), ZoneOffset.UTC);

    static QueryRegistration reg(String name, String query) {
        return new QueryRegistration(
                name, query, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO);
    }

    @Test
    void refusesWhatTheCompilerRefusesWithItsPositionedMessage() {
        MemoryControlLog log = new MemoryControlLog();
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(log, store, CLOCK)) {
            InvalidViewException parse =
                    assertThrows(
                            InvalidViewException.class,
                            () -> r.register(reg("v", "sum(rate(x[5m])")));
            assertTrue(parse.getMessage().startsWith("1:"), parse.getMessage());
            InvalidViewException at =
                    assertThrows(
                            InvalidViewException.class,
                            () -> r.register(reg("v", "x @ 1700000000")));
            assertTrue(at.getMessage().matches("\\d+:\\d+: .*"), at.getMessage());
            assertThrows(InvalidViewException.class, () -> r.register(reg("a-b", "x")));
            assertEquals(List.of(), log.records());
            assertEquals(List.of(), r.list());
        }
    }

    @Test
    void statusGoesFromRegisteredToRunningToDropped() throws Exception {
        MemoryControlLog log = new MemoryControlLog();
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(log, store, CLOCK)) {
            r.register(reg("v", "sum(x)"));
            assertEquals(ViewStatus.REGISTERED, r.get("v").orElseThrow().status());
            store.write(List.of(new ResultRecord("v", Labels.EMPTY, 960_000, 1, ResultKind.FINAL)));
            ViewInfo running = r.get("v").orElseThrow();
            assertEquals(ViewStatus.RUNNING, running.status());
            assertEquals(960_000, running.lastFinalStep().getAsLong());
            assertEquals(40.0, running.lagSeconds());
            assertTrue(r.drop("v"));
            assertFalse(r.drop("v"));
            assertEquals(ViewStatus.DROPPED, r.get("v").orElseThrow().status());
            assertTrue(r.active().isEmpty());
            assertEquals(
                    List.of(
                            new QueryControl.Register(reg("v", "sum(x)")),
                            new QueryControl.Drop("v")),
                    log.records());
            // The drop freed the view's history.
            assertTrue(store.lastFinalStep("v").isEmpty());
        }
    }

    @Test
    void aNewRegistryReadsTheViewsBackFromTheLog() throws Exception {
        MemoryControlLog log = new MemoryControlLog();
        try (MemoryViewStore store = new MemoryViewStore()) {
            ViewRegistry first = new ViewRegistry(log, store, CLOCK);
            first.register(reg("a", "sum(x)"));
            first.register(reg("b", "max(x)"));
            first.drop("a");
            ViewRegistry second = new ViewRegistry(log, store, CLOCK);
            assertEquals(2, second.list().size());
            assertEquals(ViewStatus.DROPPED, second.get("a").orElseThrow().status());
            assertEquals(List.of("b"), second.active().stream().map(v -> v.name()).toList());
        }
    }

    @Test
    void aRedefinedViewCoversOnlyStepsOfItsNewDefinition() throws Exception {
        MemoryControlLog log = new MemoryControlLog();
        try (MemoryViewStore store = new MemoryViewStore();
                ViewRegistry r = new ViewRegistry(log, store, CLOCK)) {
            r.register(reg("v", "sum(x)"));
            store.write(
                    List.of(
                            new ResultRecord("v", Labels.EMPTY, 0, 1, ResultKind.FINAL),
                            new ResultRecord("v", Labels.EMPTY, 60_000, 1, ResultKind.FINAL)));
            assertEquals(60_000, r.finalCoverage("v").orElseThrow()[1]);
            r.register(reg("v", "sum(x)")); // the same definition: nothing changes
            assertEquals(0, r.finalCoverage("v").orElseThrow()[0]);
            r.register(reg("v", "max(x)"));
            assertTrue(r.finalCoverage("v").isEmpty());
            store.write(List.of(new ResultRecord("v", Labels.EMPTY, 120_000, 1, ResultKind.FINAL)));
            assertEquals(120_000, r.finalCoverage("v").orElseThrow()[0]);
        }
    }

    @Test
    void aDropReadFromTheLogLeavesTheStoreToItsOwnConsumer() throws Exception {
        MemoryControlLog log = new MemoryControlLog();
        try (MemoryViewStore store = new MemoryViewStore()) {
            ViewRegistry first = new ViewRegistry(log, store, CLOCK);
            first.register(reg("v", "sum(x)"));
            first.drop("v");
            first.register(reg("v", "sum(x)"));
            store.write(List.of(new ResultRecord("v", Labels.EMPTY, 0, 1, ResultKind.FINAL)));
            // A restarted server replays register, drop, register: the history stays.
            ViewRegistry second = new ViewRegistry(log, store, CLOCK);
            assertEquals(ViewStatus.RUNNING, second.get("v").orElseThrow().status());
            assertEquals(0, store.lastFinalStep("v").getAsLong());
        }
    }
}
