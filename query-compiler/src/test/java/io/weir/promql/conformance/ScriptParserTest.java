package io.weir.promql.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.model.Labels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ScriptParserTest {

    private static Command.Eval onlyEval(String script) {
        List<Command> cmds = ScriptParser.parse(script);
        assertEquals(1, cmds.size(), cmds::toString);
        return assertInstanceOf(Command.Eval.class, cmds.get(0));
    }

    @Test
    void loadClearAndEvalWithLinesAndComments() {
        List<Command> cmds =
                ScriptParser.parse(
                        """
                        # A comment.
                        load 5m
                          m{a="1"} 0+10x2
                          m{a="2"} 1 _ stale

                        eval instant at 10m m
                          m{a="1"} 20
                          m{a="2"} 1

                        clear
                        """);
        assertEquals(3, cmds.size());
        Command.Load load = assertInstanceOf(Command.Load.class, cmds.get(0));
        assertEquals(2, load.line());
        assertEquals(300_000, load.intervalMillis());
        assertFalse(load.withNhcb());
        assertEquals(2, load.series().size());
        Command.Eval ev = assertInstanceOf(Command.Eval.class, cmds.get(1));
        assertEquals(6, ev.line());
        assertEquals("m", ev.query());
        assertFalse(ev.range());
        assertEquals(600_000, ev.evalTime());
        assertEquals(2, ev.expectedSeries().size());
        assertEquals(1, ev.expectedSeries().get(Labels.of("__name__", "m", "a", "1")).position());
        assertEquals(2, ev.expectedSeries().get(Labels.of("__name__", "m", "a", "2")).position());
        assertInstanceOf(Command.Clear.class, cmds.get(2));
        assertEquals(10, cmds.get(2).line());
    }

    @Test
    void laterLineOfTheSameSeriesInALoadReplacesTheEarlier() {
        Command.Load load = (Command.Load) ScriptParser.parse("load 1m\n  m 1 2\n  m 3\n").get(0);
        assertEquals(1, load.series().size());
        assertEquals(List.of(new SequenceValue.FloatValue(3)), load.series().get(0).values());
    }

    @Test
    void loadWithNhcbAndOddIntervals() {
        Command.Load load =
                (Command.Load)
                        ScriptParser.parse("load_with_nhcb 10s53ms\n  m_bucket{le=\"1\"} 1\n")
                                .get(0);
        assertTrue(load.withNhcb());
        assertEquals(10_053, load.intervalMillis());
    }

    @Test
    void rangeEval() {
        Command.Eval ev =
                onlyEval("eval range from 0 to 2m step 1m requests * 2\n  {job=\"1\"} 200 _ 200\n");
        assertTrue(ev.range());
        assertEquals(0, ev.start());
        assertEquals(120_000, ev.end());
        assertEquals(60_000, ev.step());
        assertEquals("requests * 2", ev.query());
    }

    @Test
    void queriesKeepTheirInnerSpacing() {
        assertEquals("sum by (a) (m)", onlyEval("eval instant at 1m sum by (a) (m)").query());
        assertEquals("m to step", onlyEval("eval range from 1m to 2m step 30s m to step").query());
    }

    @Test
    void bareNumberIsAScalarAndEndsTheBlock() {
        Command.Eval ev = onlyEval("eval instant at 0 1 + 2\n  3\n");
        assertEquals(3.0, ev.expectedScalar());
        assertTrue(ev.expectedSeries().isEmpty());
        assertEquals(
                Double.NEGATIVE_INFINITY,
                onlyEval("eval instant at 0 -Inf\n -Inf").expectedScalar());
        assertTrue(Double.isNaN(onlyEval("eval instant at 0 NaN\n NaN").expectedScalar()));
        assertEquals(31.0, onlyEval("eval instant at 0 0x1F\n 0x1F").expectedScalar());
    }

    @Test
    void noExpectedLinesMeansAnEmptyResult() {
        Command.Eval ev = onlyEval("eval instant at 0 nothing");
        assertTrue(ev.expectedSeries().isEmpty());
        assertNull(ev.expectedScalar());
        assertFalse(ev.expectsFailure());
    }

    @Test
    void expectFailForms() {
        Command.Eval any = onlyEval("eval instant at 0 x\n  expect fail\n");
        assertTrue(any.expectsFailure());
        assertTrue(any.fail().isEmpty());

        Command.Eval msg =
                onlyEval("eval instant at 0 x\n  expect fail msg: Parameter value is NaN\n");
        assertEquals(List.of(new Command.TextMatch.Exact("Parameter value is NaN")), msg.fail());

        Command.Eval noSpace =
                onlyEval("eval instant at 0 x\n  expect fail msg:invalid label name \"a\"\n");
        assertEquals(
                List.of(new Command.TextMatch.Exact("invalid label name \"a\"")), noSpace.fail());

        Command.Eval re =
                onlyEval("eval instant at 0 x\n  expect fail regex: vector cannot .*|other\n");
        assertTrue(re.fail().get(0).matches("vector cannot contain metrics"));
        assertTrue(re.fail().get(0).matches("some other error"));
        assertFalse(re.fail().get(0).matches("unrelated"));
    }

    @Test
    void deprecatedEvalForms() {
        Command.Eval fail = onlyEval("eval_fail instant at 0 x\n  expected_fail_message boom\n");
        assertEquals(List.of(new Command.TextMatch.Exact("boom")), fail.fail());
        Command.Eval failRe = onlyEval("eval_fail instant at 0 x\n  expected_fail_regexp bo+m\n");
        assertTrue(failRe.fail().get(0).matches("a boooom"));
        assertTrue(onlyEval("eval_fail range from 0 to 1m step 1m x").expectsFailure());
        assertTrue(onlyEval("eval_ordered instant at 0 x").ordered());
        assertFalse(onlyEval("eval_warn instant at 0 x").expectsFailure());
        assertFalse(onlyEval("eval_info instant at 0 x").expectsFailure());
    }

    @Test
    void expectOrderedCountsPositionsWithoutExpectLines() {
        Command.Eval ev =
                onlyEval(
                        """
                        eval instant at 50m topk(2, m)
                          expect ordered
                          expect no_warn
                          m{a="3"} 3
                          m{a="2"} 2
                        """);
        assertTrue(ev.ordered());
        assertEquals(1, ev.expectedSeries().get(Labels.of("__name__", "m", "a", "3")).position());
        assertEquals(2, ev.expectedSeries().get(Labels.of("__name__", "m", "a", "2")).position());
        assertEquals(List.of("expect no_warn"), ev.annotations());
    }

    @Test
    void annotationExpectationsAreKeptButNotFailures() {
        Command.Eval ev =
                onlyEval(
                        """
                        eval instant at 1m sort(m)
                          expect warn msg: PromQL warning: x (1:1)
                          expect info regex: PromQL info: .*
                          expect no_warn
                        """);
        assertFalse(ev.expectsFailure());
        assertEquals(3, ev.annotations().size());
    }

    @Test
    void expectRangeVectorMovesTheEvaluationTimeToItsEnd() {
        Command.Eval ev =
                onlyEval(
                        """
                        eval instant at 1m some_metric[1m]
                          expect range vector from 10s to 1m step 10s
                          some_metric{env="a"} 2 3 4 5 6
                        """);
        assertTrue(ev.rangeVector());
        assertTrue(ev.excludeFromRangeQuery());
        assertEquals(10_000, ev.start());
        assertEquals(60_000, ev.end());
        assertEquals(10_000, ev.step());
        assertEquals(60_000, ev.evalTime());
        assertEquals(5, ev.expectedSeries().values().iterator().next().series().values().size());
    }

    @Test
    void expectString() {
        assertEquals(
                "Foo",
                onlyEval("eval instant at 50m (\"Foo\")\n expect string \"Foo\"").expectedString());
        assertEquals(
                "Foo",
                onlyEval("eval instant at 50m `Foo`\n\texpect string `Foo`").expectedString());
        assertEquals(
                " Foo ",
                onlyEval("eval instant at 0 \" Foo \"\n expect string \" Foo \"").expectedString());
        assertEquals("", onlyEval("eval instant at 0 \"\"\n expect string \"\"").expectedString());
        assertTrue(onlyEval("eval instant at 0 \"\"\n expect string \"\"").excludeFromRangeQuery());
    }

    @Test
    void malformedScriptsNameTheLine() {
        ScriptParser.ScriptException e =
                assertThrows(
                        ScriptParser.ScriptException.class,
                        () -> ScriptParser.parse("load 1m\n m 1\n\nbogus\n"));
        assertEquals(4, e.line());
        assertThrows(
                ScriptParser.ScriptException.class,
                () -> ScriptParser.parse("eval instant at 1x m"));
        assertThrows(
                ScriptParser.ScriptException.class,
                () -> ScriptParser.parse("eval range from 2m to 1m step 1m m"));
        assertThrows(
                ScriptParser.ScriptException.class, () -> ScriptParser.parse("load 1m\n m{ 1\n"));
        assertThrows(
                ScriptParser.ScriptException.class,
                () -> ScriptParser.parse("eval instant at 0 m\n m 1 2\n"),
                "several values need expect range vector");
        assertThrows(
                ScriptParser.ScriptException.class,
                () -> ScriptParser.parse("eval instant at 0 m\n expect fail\n expect fail\n"));
        assertThrows(
                ScriptParser.ScriptException.class,
                () -> ScriptParser.parse("eval instant at 0 m\n expect sorted\n"));
    }

    @Test
    void durations() {
        assertEquals(0, ScriptSyntax.parseDuration("0"));
        assertEquals(0, ScriptSyntax.parseDuration("0s"));
        assertEquals(90_000, ScriptSyntax.parseDuration("1m30s"));
        assertEquals(1_111_111_000L, ScriptSyntax.parseDuration("1111111s"));
        assertEquals(10_053, ScriptSyntax.parseDuration("10s53ms"));
        assertEquals(3_600_000, ScriptSyntax.parseDuration("1h"));
        assertEquals(86_400_000L * 8, ScriptSyntax.parseDuration("1w1d"));
        assertThrows(IllegalArgumentException.class, () -> ScriptSyntax.parseDuration("30s1m"));
        assertThrows(IllegalArgumentException.class, () -> ScriptSyntax.parseDuration("-1m"));
        assertThrows(IllegalArgumentException.class, () -> ScriptSyntax.parseDuration(""));
    }

    @Test
    void numbersAsTheScriptsReadThem() {
        assertEquals(8.0, ScriptSyntax.parseNumber("010"), "a leading zero means octal");
        assertEquals(8.0, ScriptSyntax.parseNumber("08"), "not octal, so a float");
        assertEquals(-5.0, ScriptSyntax.parseNumber("-5"));
        assertEquals(1000.0, ScriptSyntax.parseNumber("1_000"));
        assertEquals(0.25, ScriptSyntax.parseNumber("0x1p-2"));
        assertEquals(Double.POSITIVE_INFINITY, ScriptSyntax.parseNumber("+Inf"));
        assertThrows(NumberFormatException.class, () -> ScriptSyntax.parseNumber("1f"));
        assertThrows(NumberFormatException.class, () -> ScriptSyntax.parseNumber("m 1"));
        assertThrows(NumberFormatException.class, () -> ScriptSyntax.parseNumber("{} 1"));
    }

    @Test
    void goStringEscapes() {
        assertEquals("a\tb\"c", ScriptSyntax.unquote("\"a\\tb\\\"c\""));
        assertEquals("it's", ScriptSyntax.unquote("'it\\'s'"));
        assertEquals("raw\\n", ScriptSyntax.unquote("`raw\\n`"));
        assertEquals("é☃", ScriptSyntax.unquote("\"\\xc3\\xa9\\u2603\""));
        assertEquals("A", ScriptSyntax.unquote("\"\\101\""));
        assertThrows(IllegalArgumentException.class, () -> ScriptSyntax.unquote("\"open"));
    }

    /** Every Prometheus script of the agreed scope parses, when the scripts are available. */
    @Test
    void everyInScopePrometheusScriptParses() throws IOException {
        TestDataLocator.Result located = TestDataLocator.locate();
        Assumptions.assumeTrue(located.dir().isPresent(), "Prometheus test scripts not found");
        int evals = 0;
        try (Stream<Path> files = Files.list(located.dir().get())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".test")).sorted().toList()) {
                if (ConformanceScope.skipReason(f.getFileName().toString()) != null) {
                    continue;
                }
                List<Command> cmds =
                        ScriptParser.parse(Files.readString(f, StandardCharsets.UTF_8));
                evals += (int) cmds.stream().filter(c -> c instanceof Command.Eval).count();
            }
        }
        assertTrue(evals >= 1150, "in-scope evals: " + evals);
    }
}
