package io.weir.search.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.search.RandomTrees;
import io.weir.search.ReferenceSearch;
import io.weir.search.TestData;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchPrinter;
import io.weir.search.ast.SearchQuery;
import io.weir.search.index.SeriesIndex;
import io.weir.search.optimizer.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * For random predicate trees over a generated data set, the prefilter executor on the optimized
 * plan, the sequential executor on the unoptimized tree and the brute-force reference return the
 * same series.
 */
class SearchEquivalenceTest {
    private static final int TREES = 200;
    private static final long PANE = 5 * 60_000;
    private static final List<List<LabelMatcher>> SELECTORS =
            List.of(
                    PromqlParser.parseMetricSelector("{__name__=~\"http.*|db.*\"}"),
                    PromqlParser.parseMetricSelector("{service!=\"cart\"}"),
                    PromqlParser.parseMetricSelector("{env=\"\"}"),
                    PromqlParser.parseMetricSelector("checkout_latency_seconds{region=~\"eu.*\"}"));

    @Test
    void prefilterSequentialAndReferenceAgree() {
        MemorySampleStore store = TestData.store(42, 300);
        SeriesIndex index = SeriesIndex.fromStore(store, PANE);
        ReferenceSearch reference = new ReferenceSearch(store, PANE);
        Optimizer optimizer = new Optimizer(index);
        Search search = new Search(index);
        RandomTrees trees = new RandomTrees(7);
        long[] times = {
            TestData.END,
            TestData.END - 3_600_000,
            TestData.START + 17 * 60_000 + 123,
            TestData.END + 90 * 60_000
        };
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TREES; i++) {
            Predicate tree = trees.tree(4);
            if (i % 3 == 0) {
                // metric{matchers} WHERE tree
                tree = new SearchQuery(SELECTORS.get(i % SELECTORS.size()), tree).asPredicate();
            }
            long at = times[i % times.length];
            Set<Labels> expected = reference.matching(tree, at);
            Set<Labels> sequential =
                    new TreeSet<>(search.labels(new SequentialExecutor().execute(index, tree, at)));
            Set<Labels> prefilter =
                    new TreeSet<>(
                            search.labels(
                                    new PrefilterExecutor()
                                            .execute(index, optimizer.optimize(tree), at)));
            if (expected.equals(sequential) && expected.equals(prefilter)) {
                passed++;
            } else {
                failures.add(
                        SearchPrinter.print(tree)
                                + " at "
                                + at
                                + ": reference "
                                + expected.size()
                                + ", sequential "
                                + sequential.size()
                                + ", prefilter "
                                + prefilter.size());
            }
        }
        System.out.println(
                "search-equivalence: " + passed + " passed, " + failures.size() + " failed");
        assertEquals(List.of(), failures);
    }
}
