package io.weir.promql.conformance;

import io.weir.promql.eval.Engine;
import io.weir.promql.eval.EngineOptions;
import io.weir.promql.parser.PromqlPrinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs PromQL test scripts against the reference evaluator: Prometheus's own scripts, read in place
 * (see {@link TestDataLocator}), and Weir's scripts in {@code src/test/resources/promql}. Each eval
 * is one dynamic test named {@code <file>:<line>: <query>}. At the end one line reports the
 * Prometheus scripts: {@code conformance: N passed, M failed, K skipped}.
 *
 * <p>Run one script or case with {@code -Dweir.conformance.filter=functions.test:123}. Native
 * histograms are out of scope: evals that expect one are skipped, and so, by default, are evals
 * whose query may read one (see {@link HistogramScope}); {@code -Dweir.conformance.histograms=try}
 * runs the latter on the float samples alone and counts those that still match the reference
 * result.
 */
class PrometheusConformanceTest {
    private static final Tally PROMETHEUS = new Tally();
    private static final Tally OURS = new Tally();
    private static final Engine ENGINE = new Engine(EngineOptions.defaults());
    private static final CaseFilter FILTER = CaseFilter.fromSystemProperty();
    private static final ScriptSession.HistogramPolicy HISTOGRAMS =
            ScriptSession.HistogramPolicy.fromSystemProperty();

    @TestFactory
    Stream<DynamicNode> prometheusScripts() throws IOException {
        TestDataLocator.Result located = TestDataLocator.locate();
        if (located.dir().isEmpty()) {
            String message =
                    "conformance: Prometheus test scripts not found (tried "
                            + located.tried()
                            + "; set -D"
                            + TestDataLocator.PROPERTY
                            + " or "
                            + TestDataLocator.ENV
                            + "), skipping them";
            System.out.println(message);
            return Stream.of(
                    DynamicTest.dynamicTest(
                            "Prometheus test scripts", () -> Assumptions.abort(message)));
        }
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : scripts(located.dir().get())) {
            String name = file.getFileName().toString();
            if (!FILTER.acceptsFile(name)) {
                continue;
            }
            String reason = ConformanceScope.skipReason(name);
            files.add(reason == null ? script(file, PROMETHEUS) : skippedScript(file, reason));
        }
        return files.stream();
    }

    @TestFactory
    Stream<DynamicNode> weirScripts() throws IOException, URISyntaxException {
        URL url = PrometheusConformanceTest.class.getResource("/promql");
        if (url == null || !"file".equals(url.getProtocol())) {
            return Stream.empty();
        }
        List<DynamicNode> files = new ArrayList<>();
        for (Path file : scripts(Path.of(url.toURI()))) {
            if (FILTER.acceptsFile(file.getFileName().toString())) {
                files.add(script(file, OURS));
            }
        }
        return files.stream();
    }

    @AfterAll
    static void summary() {
        ENGINE.close();
        if (OURS.total() > 0) {
            System.out.println("weir scripts: " + OURS);
        }
        System.out.println("conformance: " + PROMETHEUS);
    }

    private static List<Path> scripts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".test")).sorted().toList();
        }
    }

    private static DynamicNode script(Path file, Tally tally) {
        String name = file.getFileName().toString();
        List<Command> commands;
        try {
            commands = ScriptParser.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ScriptParser.ScriptException e) {
            return DynamicTest.dynamicTest(
                    name + ":" + e.line() + ": (script)",
                    () -> {
                        tally.failed();
                        throw new AssertionError(name + ": " + e.getMessage(), e);
                    });
        }
        ScriptSession session =
                new ScriptSession(commands, ENGINE, PromqlPrinter::print, HISTOGRAMS);
        List<DynamicNode> cases = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) instanceof Command.Eval ev && FILTER.acceptsCase(name, ev.line())) {
                int index = i;
                String caseName = name + ":" + ev.line() + ": " + ev.query();
                cases.add(
                        DynamicTest.dynamicTest(
                                caseName,
                                file.toUri(),
                                () -> runCase(session, index, caseName, tally)));
            }
        }
        return DynamicContainer.dynamicContainer(name, file.toUri(), cases.stream());
    }

    private static void runCase(ScriptSession session, int index, String caseName, Tally tally) {
        ScriptSession.Outcome outcome;
        try {
            outcome = session.run(index);
        } catch (RuntimeException | Error e) {
            tally.failed();
            throw e;
        }
        if (outcome.skipped()) {
            tally.skipped();
            System.out.println("skipped " + caseName + ": " + outcome.reason());
            Assumptions.abort(outcome.reason());
        }
        tally.passed();
    }

    /** A script out of scope: each of its evals is reported as skipped, with the reason once. */
    private static DynamicNode skippedScript(Path file, String reason) {
        String name = file.getFileName().toString();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DynamicNode> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("eval") && FILTER.acceptsCase(name, i + 1)) {
                String caseName = name + ":" + (i + 1) + ": " + ScriptParser.queryOf(l);
                cases.add(
                        DynamicTest.dynamicTest(
                                caseName,
                                () -> {
                                    PROMETHEUS.skipped();
                                    Assumptions.abort(reason);
                                }));
            }
        }
        System.out.println("skipped " + name + " (" + cases.size() + " cases): " + reason);
        return DynamicContainer.dynamicContainer(name, file.toUri(), cases.stream());
    }

    /** Counts of one group of scripts. */
    static final class Tally {
        private int passed;
        private int failed;
        private int skipped;

        synchronized void passed() {
            passed++;
        }

        synchronized void failed() {
            failed++;
        }

        synchronized void skipped() {
            skipped++;
        }

        synchronized int total() {
            return passed + failed + skipped;
        }

        @Override
        public synchronized String toString() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }
}
