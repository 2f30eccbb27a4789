package io.weir.search.optimizer.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchPrinter;
import io.weir.search.index.IndexStatistics;
import io.weir.search.optimizer.CostModel;
import io.weir.search.optimizer.Optimizer;
import io.weir.search.optimizer.Rule;
import io.weir.search.optimizer.Trees;
import io.weir.search.parser.SearchParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plan text in, plan text out, one rule at a time; "unchanged" when the rule must not fire. */
class RulesTest {
    /** Fixed statistics: 1000 series; token and label posting sizes from the maps. */
    static final IndexStatistics STATS =
            new IndexStatistics() {
                final Map<String, Integer> tokens = Map.of("checkout", 10, "api", 50, "eu", 300);
                final Map<String, Integer> labels = Map.of("region", 500, "team", 20);

                @Override
                public int seriesCount() {
                    return 1000;
                }

                @Override
                public int tokenPostingSize(String token) {
                    return tokens.getOrDefault(token, 0);
                }

                @Override
                public int labelPostingSize(String name) {
                    return labels.getOrDefault(name, 0);
                }

                @Override
                public int labelValuePostingSize(String name, String value) {
                    return labels.getOrDefault(name, 0) / 10;
                }

                @Override
                public int labelCardinality(String name) {
                    return 10;
                }

                @Override
                public int panesPerRange(long rangeMillis) {
                    return 4;
                }
            };

    private static String apply(Rule rule, String in) {
        Predicate p = SearchParser.parse(in).where();
        Predicate out = Trees.rewrite(p, rule::apply);
        return out == p ? "unchanged" : SearchPrinter.print(out);
    }

    @Test
    void flattenBooleans() {
        Rule r = new FlattenBooleans();
        assertEquals(
                "kw('a') AND label('b') AND kw('c')",
                apply(r, "(kw('a') AND label('b')) AND kw('c')"));
        assertEquals("kw('a') OR kw('b') OR kw('c')", apply(r, "kw('a') OR (kw('b') OR kw('c'))"));
        assertEquals("unchanged", apply(r, "kw('a') AND (kw('b') OR kw('c'))"));
        assertEquals("unchanged", apply(r, "NOT (kw('a') AND kw('b')) AND kw('c')"));
    }

    @Test
    void mergeKeywords() {
        Rule r = new MergeKeywords();
        assertEquals(
                "kw:all('checkout', 'api') AND label('region')",
                apply(r, "kw('checkout') AND label('region') AND kw('api')"));
        assertEquals("kw:any('eu', 'us')", apply(r, "kw('eu') OR kw('us')"));
        assertEquals("kw:all('a', 'b', 'c')", apply(r, "kw('a b') AND kw('c')"));
        // Under OR a two-token keyword needs both tokens; a union cannot say that.
        assertEquals("unchanged", apply(r, "kw('a b') OR kw('c')"));
        assertEquals("unchanged", apply(r, "kw('a') AND label('b')"));
        // Not directly under the same AND.
        assertEquals("unchanged", apply(r, "kw('a') AND (kw('b') OR label('c'))"));
        assertEquals("unchanged", apply(r, "kw('a') AND NOT kw('b')"));
    }

    @Test
    void orderByCost() {
        Rule r = new OrderByCost(new CostModel(STATS));
        assertEquals(
                "kw('checkout') AND label('region') AND pct(0.99, 1h) > 0.5",
                apply(r, "pct(0.99, 1h) > 0.5 AND label('region') AND kw('checkout')"));
        // Within a tier the smaller posting list first.
        assertEquals(
                "label('team') AND label('region')", apply(r, "label('region') AND label('team')"));
        assertEquals("kw('checkout') OR kw('eu')", apply(r, "kw('eu') OR kw('checkout')"));
        assertEquals(
                "unchanged", apply(r, "kw('checkout') AND label('team') AND pct(0.5, 1h) < 1"));
    }

    @Test
    void wholeOptimizer() {
        Predicate p =
                SearchParser.parse(
                                "pct(0.99, 1h) > 0.5 AND (label('region') AND kw('api')) AND kw('checkout')")
                        .where();
        assertEquals(
                "kw:all('api', 'checkout') AND label('region') AND pct(0.99, 1h) > 0.5",
                SearchPrinter.print(new Optimizer(STATS).optimize(p)));
        assertEquals(
                "pct(0.99, 1h) > 0.5 AND label('region') AND kw:all('api', 'checkout')",
                SearchPrinter.print(
                        new Optimizer(STATS, java.util.Set.of("OrderByCost")).optimize(p)));
    }
}
