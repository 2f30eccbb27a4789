package io.weir.promql.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.AggregateExpr;
import io.weir.promql.ast.AggregateOp;
import io.weir.promql.ast.AtModifier;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.ast.MatrixSelector;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.SubqueryExpr;
import io.weir.promql.ast.VectorSelector;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.promql.parser.PromqlPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smaller parts of the runner: @ re-runs, histogram scope, case filter, data location. */
class RunnerPartsTest {
    private static final PositionRange P = PositionRange.NONE;
    private static final long LOOKBACK = 300_000;

    private static VectorSelector selector(String name, LabelMatcher... more) {
        List<LabelMatcher> ms = new ArrayList<>();
        ms.add(LabelMatcher.equal("__name__", name));
        ms.addAll(List.of(more));
        return new VectorSelector(name, ms, 0, null, P);
    }

    @Test
    void atVariantsPinSelectorsButNotSubqueryBodies() {
        VectorSelector inner = selector("x");
        Expr q =
                new Call(
                        "max_over_time",
                        List.of(new SubqueryExpr(inner, 600_000, 60_000, 0, null, P)),
                        P);
        Call pinned = (Call) AtModifierVariants.pin(q, 5000);
        SubqueryExpr sq = (SubqueryExpr) pinned.args().get(0);
        assertEquals(new AtModifier.Timestamp(5000), sq.at());
        assertNull(((VectorSelector) sq.expr()).at(), "the body of a subquery stays as written");

        Expr range = new MatrixSelector(selector("y"), 60_000, P);
        MatrixSelector pinnedRange = (MatrixSelector) AtModifierVariants.pin(range, 7000);
        assertEquals(new AtModifier.Timestamp(7000), pinnedRange.selector().at());
    }

    @Test
    void atVariantsKeepAFixedTimestampAndReplaceStartAndEnd() {
        VectorSelector fixed = selector("x").withAt(new AtModifier.Timestamp(100));
        assertEquals(fixed, AtModifierVariants.pin(fixed, 5000));
        VectorSelector start = selector("x").withAt(new AtModifier.Start());
        assertEquals(
                new AtModifier.Timestamp(5000),
                ((VectorSelector) AtModifierVariants.pin(start, 5000)).at());
    }

    @Test
    void atVariantTimes() {
        List<Long> times =
                AtModifierVariants.of(selector("x"), 50_000).stream()
                        .map(AtModifierVariants.Variant::evalTimeMillis)
                        .toList();
        assertEquals(List.of(-500_000L, 0L, 10_000L, 50_000L, 500_000L), times);
        List<Long> atZero =
                AtModifierVariants.of(selector("x"), 0).stream()
                        .map(AtModifierVariants.Variant::evalTimeMillis)
                        .toList();
        assertEquals(List.of(-1000L, 0L, 1000L), atZero);
    }

    @Test
    void timeDependentFunctionsOutsideSubqueriesHaveNoVariants() {
        Expr q =
                new AggregateExpr(
                        AggregateOp.SUM,
                        new Call("timestamp", List.of(selector("x")), P),
                        null,
                        List.of(),
                        false,
                        P);
        assertTrue(AtModifierVariants.of(q, 60_000).isEmpty());
        Expr inSubquery =
                new Call(
                        "max_over_time",
                        List.of(
                                new SubqueryExpr(
                                        new Call("time", List.of(), P),
                                        600_000,
                                        60_000,
                                        0,
                                        null,
                                        P)),
                        P);
        assertFalse(AtModifierVariants.of(inSubquery, 60_000).isEmpty());
    }

    @Test
    void pinnedQueriesPrintAndParseBack() {
        Expr q =
                PromqlParser.parse(
                        "topk by (job) (1, rate(x[5m] offset -1m))"
                                + " + on (i) group_left max_over_time((y + z)[10m:1m])");
        Expr pinned = AtModifierVariants.pin(q, 1500);
        String text = PromqlPrinter.print(pinned);
        assertEquals(pinned, PromqlParser.parse(text), text);
        assertEquals(2, text.split("@ 1\\.5", -1).length - 1, text);
    }

    @Test
    void histogramScopeFindsSelectedHistogramSeries() {
        HistogramScope scope = new HistogramScope();
        Command.Load load =
                (Command.Load)
                        ScriptParser.parse("load 1m\n h{job=\"a\"} {{count:1}}\n f{job=\"a\"} 1\n")
                                .get(0);
        scope.onLoad(load);
        assertEquals(
                Labels.of("__name__", "h", "job", "a"),
                scope.readBy(selector("h"), 0, 0, LOOKBACK).series());
        assertNull(scope.readBy(selector("f"), 0, 0, LOOKBACK));
        VectorSelector byJob =
                new VectorSelector(
                        null,
                        List.of(new LabelMatcher("job", LabelMatcher.MatchOp.REGEX, "a|b")),
                        0,
                        null,
                        P);
        assertEquals(
                Labels.of("__name__", "h", "job", "a"),
                scope.readBy(byJob, 0, 0, LOOKBACK).series());
        VectorSelector notH =
                selector("h", new LabelMatcher("job", LabelMatcher.MatchOp.NOT_EQUAL, "a"));
        assertNull(scope.readBy(notH, 0, 0, LOOKBACK));
        scope.onClear();
        assertTrue(scope.isEmpty());
    }

    @Test
    void histogramScopeLooksOnlyAtTheWindowRead() {
        HistogramScope scope = new HistogramScope();
        // Floats at 0s and 10s, a histogram at 20s.
        scope.onLoad((Command.Load) ScriptParser.parse("load 10s\n m 1 1 {{count:1}}\n").get(0));
        assertNull(scope.readBy(selector("m"), 10_000, 10_000, LOOKBACK));
        assertEquals(20_000, scope.readBy(selector("m"), 20_000, 20_000, LOOKBACK).timeMillis());
        assertNotNull(scope.readBy(selector("m"), 0, 60_000, LOOKBACK), "a range reaching 20s");
        assertNull(scope.readBy(selector("m").withOffset(10_000), 20_000, 20_000, LOOKBACK));
        assertNotNull(
                scope.readBy(
                        selector("m").withAt(new AtModifier.Timestamp(20_000)), 0, 0, LOOKBACK));
        // The lookback reaches back five minutes from a later time.
        assertNotNull(scope.readBy(selector("m"), 320_000, 320_000, LOOKBACK));
        assertNull(scope.readBy(selector("m"), 320_001, 320_001, LOOKBACK));
        Expr range = new MatrixSelector(selector("m"), 5_000, P);
        assertNull(scope.readBy(range, 26_000, 26_000, LOOKBACK));
        assertNotNull(scope.readBy(range, 25_000, 25_000, LOOKBACK));
        Expr sub = new SubqueryExpr(selector("m"), 60_000, 10_000, 0, null, P);
        assertNull(scope.readBy(selector("m"), 330_000, 330_000, LOOKBACK));
        assertNotNull(scope.readBy(sub, 330_000, 330_000, LOOKBACK), "the subquery reaches back");
        assertNull(scope.readBy(sub, 400_000, 400_000, LOOKBACK));
    }

    @Test
    void loadWithNhcbDerivesTheBaseSeries() {
        HistogramScope scope = new HistogramScope();
        scope.onLoad(
                (Command.Load)
                        ScriptParser.parse(
                                        """
                                        load_with_nhcb 5m
                                          t_bucket{le="0.1", start="p"} 0+5x10
                                          t_sum{start="p"} 0+5x10
                                        """)
                                .get(0));
        assertEquals(
                Labels.of("__name__", "t", "start", "p"),
                scope.readBy(selector("t"), 0, 0, LOOKBACK).series());
        assertNull(
                scope.readBy(selector("t_bucket"), 0, 0, LOOKBACK),
                "the classic series stay floats");
    }

    @Test
    void caseFilter() {
        CaseFilter f = CaseFilter.parse("functions.test:123, staleness");
        assertTrue(f.acceptsFile("functions.test"));
        assertTrue(f.acceptsCase("functions.test", 123));
        assertFalse(f.acceptsCase("functions.test", 124));
        assertTrue(f.acceptsCase("staleness.test", 5));
        assertFalse(f.acceptsFile("operators.test"));
        assertTrue(CaseFilter.parse("").acceptsCase("anything.test", 1));
    }

    @Test
    void scope() {
        assertNull(ConformanceScope.skipReason("functions.test"));
        assertEquals(
                "feature not in scope: native histograms",
                ConformanceScope.skipReason("native_histograms.test"));
        assertEquals(
                "script not in the agreed scope", ConformanceScope.skipReason("new_feature.test"));
    }

    @Test
    void repositoryRootIsTheTopOfThePomChain(@TempDir Path tmp) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("repo"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path module = Files.createDirectories(root.resolve("query-compiler"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        assertEquals(root, TestDataLocator.repositoryRoot(module).orElseThrow());
        assertEquals(root, TestDataLocator.repositoryRoot(root).orElseThrow());
    }

    @Test
    void linkedWorktreeLeadsToTheMainRoot(@TempDir Path tmp) throws IOException {
        Path main = Files.createDirectories(tmp.resolve("main"));
        Path gitDir = Files.createDirectories(main.resolve(".git/worktrees/wt1"));
        Path wt = Files.createDirectories(tmp.resolve("elsewhere/wt1"));
        Files.writeString(wt.resolve(".git"), "gitdir: " + gitDir + "\n");
        assertEquals(main, TestDataLocator.mainWorktreeRoot(wt).orElseThrow());
        assertTrue(TestDataLocator.mainWorktreeRoot(main).isEmpty());
    }
}
