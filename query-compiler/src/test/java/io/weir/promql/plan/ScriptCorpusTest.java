package io.weir.promql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weir.promql.PromqlException;
import io.weir.promql.PromqlException.ErrorCode;
import io.weir.promql.conformance.TestDataLocator;
import io.weir.promql.optimizer.Optimizer;
import io.weir.promql.optimizer.OptimizerResult;
import io.weir.promql.parser.PromqlParser;
import io.weir.promql.parser.PromqlPrinter;
import io.weir.promql.plan.physical.CompiledView;
import io.weir.promql.plan.physical.PhysicalPlanner;
import io.weir.promql.plan.physical.ViewCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every query of Prometheus's in-scope test scripts either compiles into a view's physical plan or
 * is rejected with UNSUPPORTED, positioned, naming the construct. Queries that do not parse or
 * check are counted apart (the scripts expect those to fail). Prints the counts.
 */
class ScriptCorpusTest {
    /** The scripts whose syntax is outside Weir's scope, as the conformance runner has it. */
    private static final Set<String> OUT_OF_SCOPE =
            Set.of(
                    "duration_expression.test",
                    "extended_vectors.test",
                    "fill-modifier.test",
                    "info.test",
                    "type_and_unit.test",
                    "start_timestamps.test",
                    "native_histograms.test");

    // Our own fixed test input (script lines), not user input.
    private static final Pattern EVAL =
            Pattern.compile(
                    "^\\s*eval(?:_fail|_ordered|_warn|_info)?\\s+"
                            + "(?:instant\\s+at\\s+\\S+|range\\s+from\\s+\\S+\\s+to\\s+\\S+\\s+step\\s+\\S+)"
                            + "\\s+(.*)$");

    /** The constructs a view may reject, by the start of the message. */
    private static final List<String> KNOWN_REJECTIONS =
            List.of("@ ", "invalid expression type", "function ");

    @Test
    void everyScriptQueryCompilesOrIsRejectedByName() {
        Optional<Path> folder = folder();
        assumeTrue(folder.isPresent(), "promql-testdata folder absent");
        ViewCompiler compiler = ViewCompiler.defaults();
        int total = 0;
        int compiled = 0;
        int invalid = 0;
        Map<String, Integer> rejected = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files(folder.get())) {
            for (String query : queries(file)) {
                total++;
                try {
                    PromqlParser.parse(query);
                } catch (PromqlException e) {
                    invalid++;
                    continue;
                }
                try {
                    CompiledView v = compiler.compile("q", query, 60_000);
                    PhysicalPlanner.plan(v);
                    compiled++;
                    checkStable(v, query, problems);
                } catch (PromqlException e) {
                    String kind = kind(e);
                    if (e.code() != ErrorCode.UNSUPPORTED || kind == null || !e.pos().isKnown()) {
                        problems.add(file.getFileName() + " `" + query + "`: " + e.getMessage());
                    } else {
                        rejected.merge(kind, 1, Integer::sum);
                    }
                } catch (RuntimeException e) {
                    problems.add(file.getFileName() + " `" + query + "`: " + e);
                }
            }
        }
        int rejectedTotal = rejected.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(
                "script queries: %d total, %d compiled, %d rejected as unsupported %s,"
                        + " %d invalid PromQL (expected to fail)%n",
                total, compiled, rejectedTotal, rejected, invalid);
        assertEquals(List.of(), problems);
        assertTrue(total > 1000, "found only " + total + " queries");
    }

    /**
     * The optimized plan is a fixed point, and the query printed and parsed again (other positions,
     * other spelling) plans to the same ids.
     */
    private static void checkStable(CompiledView v, String query, List<String> problems) {
        OptimizerResult again = Optimizer.withDefaults(Set.of()).optimize(v.plan());
        if (!again.fired().isEmpty()) {
            problems.add("`" + query + "` is not a fixed point: " + again.fired());
        }
        String printed = PromqlPrinter.print(PromqlParser.parse(query));
        CompiledView reparsed = ViewCompiler.defaults().compile("q", printed, 60_000);
        if (!reparsed.plan().id().equals(v.plan().id())) {
            problems.add("`" + query + "` and `" + printed + "` plan differently");
        }
    }

    private static String kind(PromqlException e) {
        String d = e.detail();
        if (d.startsWith("@ ") && d.contains("pins evaluation to a fixed time")) {
            return "@ <timestamp>";
        }
        if (d.contains(" inside a subquery ")) {
            return d.substring(0, d.indexOf(" inside a subquery ")) + " in a subquery";
        }
        if (d.startsWith("invalid expression type")) {
            return d.substring(d.indexOf('"') + 1, d.lastIndexOf('"')) + " result";
        }
        if (d.startsWith("function ") && d.contains("is not supported")) {
            return d.substring("function ".length(), d.indexOf(' ', "function ".length()));
        }
        for (String k : KNOWN_REJECTIONS) {
            if (d.startsWith(k)) {
                return k;
            }
        }
        return null;
    }

    /** Where Prometheus's scripts are: one rule for every test that reads them. */
    static Optional<Path> folder() {
        return TestDataLocator.folder();
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test"))
                    .filter(f -> !OUT_OF_SCOPE.contains(f.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> queries(Path file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                Matcher m = EVAL.matcher(line);
                if (m.matches()) {
                    out.add(m.group(1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
