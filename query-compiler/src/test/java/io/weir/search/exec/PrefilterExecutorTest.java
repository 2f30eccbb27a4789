package io.weir.search.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.model.Labels;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import io.weir.search.index.Builder;
import io.weir.search.index.PaneSketches;
import io.weir.search.index.SeriesIndex;
import io.weir.search.optimizer.Optimizer;
import io.weir.search.parser.SearchParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Group assignment, what the prefilter lets a percentile see, and EXPLAIN (golden files). */
class PrefilterExecutorTest {
    private static final long PANE = 60_000;
    private static final long AT = 10 * PANE;

    /** 100 series; every tenth is a checkout series; values 0..99 by series. */
    static SeriesIndex index() {
        Builder b = SeriesIndex.builder(PANE, PaneSketches.DEFAULT_ACCURACY);
        for (int i = 0; i < 100; i++) {
            Labels l =
                    Labels.of(
                            "__name__",
                            "latency_seconds",
                            "service",
                            i % 10 == 0 ? "checkout" : "svc" + (i % 10),
                            "instance",
                            "host" + i);
            if (i % 2 == 0) {
                l = l.toBuilder().set("region", "eu").build();
            }
            b.addSeries(l, new long[] {AT - 1000}, new double[] {i}, 0, 1);
        }
        return b.build();
    }

    private static Predicate plan(SeriesIndex index, String q) {
        return new Optimizer(index).optimize(SearchParser.parse(q).asPredicate());
    }

    @Test
    void groupsAreAssignedTopDown() {
        Predicate p =
                SearchParser.parse(
                                "kw('a') AND (label('b') OR pct(0.5, 1h) > 1) AND NOT (kw('c') AND"
                                        + " pct(0.5, 1h) < 2)")
                        .where();
        GroupedPlan g = GroupedPlan.assign(p);
        List<String> groups = new ArrayList<>();
        collect(g, groups);
        assertEquals(
                List.of(
                        "And 0 0",
                        "Keyword 0 0",
                        "Or 0 0",
                        "LabelPresent 1 1",
                        "Percentile 2 2",
                        "Not 0 0",
                        "And 3 3",
                        "Keyword 3 3",
                        "Percentile 3 3"),
                groups);
        assertEquals(4, g.groupCount());
    }

    private static void collect(GroupedPlan g, List<String> out) {
        out.add(g.node().getClass().getSimpleName() + " " + g.read() + " " + g.write());
        g.children().forEach(c -> collect(c, out));
    }

    @Test
    void percentileSeesOnlyTheSurvivorsOfItsConjunction() {
        SeriesIndex index = index();
        Predicate plan = plan(index, "pct(0.5, 1h) > 35 AND label('region') AND kw('checkout')");
        List<int[]> pct = new ArrayList<>();
        new PrefilterExecutor(
                        (n, candidates, kept) -> {
                            if (n.node() instanceof Percentile) {
                                pct.add(new int[] {candidates, kept});
                            }
                        })
                .execute(index, GroupedPlan.assign(plan), AT);
        // checkout: 0, 10, ..., 90; all even, so all have a region; above 35: 40..90.
        assertEquals(1, pct.size());
        assertEquals(10, pct.get(0)[0]);
        assertEquals(6, pct.get(0)[1]);
        assertEquals(
                new SequentialExecutor().execute(index, plan, AT),
                new PrefilterExecutor().execute(index, plan, AT));
    }

    @Test
    void explainGolden() throws IOException {
        SeriesIndex index = index();
        String[][] cases = {
            {
                "explain-conjunction.txt",
                "pct(0.99, 1h) > 50 AND label('region') AND kw('latency') AND kw('checkout')"
            },
            {
                "explain-or-not.txt",
                "kw('checkout') AND (pct(0.5, 5m) > 80 OR label('region') = 'eu') AND NOT pct(0.5, 5m) < 20"
            },
        };
        for (String[] c : cases) {
            Search search = new Search(index);
            String text =
                    "# "
                            + c[1]
                            + "\n"
                            + search.explain(c[1])
                            + "# ANALYZE at "
                            + AT
                            + "\n"
                            + search.analyze(c[1], AT);
            assertGolden(c[0], text);
        }
    }

    /** Compares with src/test/resources/search/NAME; -Dsearch.regenerate=true rewrites it. */
    private static void assertGolden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("search.regenerate")) {
            Path p = Path.of("src/test/resources/search", name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = PrefilterExecutorTest.class.getResourceAsStream("/search/" + name)) {
            String want =
                    new String(
                            Objects.requireNonNull(in, name).readAllBytes(),
                            StandardCharsets.UTF_8);
            assertEquals(want, actual, name + " (regenerate with -Dsearch.regenerate=true)");
        }
    }
}
