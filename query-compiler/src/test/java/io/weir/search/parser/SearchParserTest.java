package io.weir.search.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.LabelMatcher;
import io.weir.search.RandomTrees;
import io.weir.search.ast.And;
import io.weir.search.ast.Comparison;
import io.weir.search.ast.Keyword;
import io.weir.search.ast.LabelMatch;
import io.weir.search.ast.LabelPresent;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchPrinter;
import io.weir.search.ast.SearchQuery;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchParserTest {
    private static Predicate where(String q) {
        return SearchParser.parse(q).where();
    }

    @Test
    void predicatesAndPrecedence() {
        assertEquals(
                new Or(
                        List.of(
                                new And(
                                        List.of(
                                                new Keyword("checkout"),
                                                new LabelPresent("region"))),
                                new Not(new Percentile(0.99, 3_600_000, Comparison.GT, 0.5)))),
                where("kw('checkout') and label(\"region\") OR NOT pct(0.99, 1h) > 0.5"));
        assertEquals(
                new And(
                        List.of(
                                new Keyword("a"),
                                new Or(
                                        List.of(
                                                new LabelMatch("r", false, "eu"),
                                                new LabelMatch("r", true, "us.*"))))),
                where("kw('a') AND (label('r') = 'eu' OR label('r') =~ 'us.*')"));
        assertEquals(
                new Percentile(0.5, 5_400_000, Comparison.NE, -1e-3),
                where("pct(.5, 1h30m) != -1e-3"));
        assertEquals(new Keyword("it's"), where("kw('it\\'s')"));
    }

    @Test
    void nodesCarryTheirSpans() {
        String q = "kw('a') AND NOT pct(0.5, 1h) > 1";
        And and = (And) where(q);
        assertEquals(List.of(0, q.length()), List.of(and.pos().start(), and.pos().end()));
        Predicate kw = and.operands().get(0);
        assertEquals(List.of(0, 7), List.of(kw.pos().start(), kw.pos().end()));
        Not not = (Not) and.operands().get(1);
        assertEquals(List.of(12, q.length()), List.of(not.pos().start(), not.pos().end()));
        assertEquals(16, not.operand().pos().start());
    }

    @Test
    void selectorBeforeWhere() {
        SearchQuery q = SearchParser.parse("http_requests_total{job=~\"a|b\"} WHERE kw('x')");
        assertEquals(
                List.of(
                        new LabelMatcher("job", LabelMatcher.MatchOp.REGEX, "a|b"),
                        LabelMatcher.equal("__name__", "http_requests_total")),
                q.selector());
        assertEquals(new Keyword("x"), q.where());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "kw('a') AND|1:12: mismatched input '<EOF>' expecting {'kw', 'label', 'pct', 'not', '('}",
                "kw('--')|1:4: kw() needs a letter or digit to search for",
                "pct(0.9, 1h) >> 1|1:15: extraneous input '>' expecting {'-', NUMBER}",
                "label('a') =~ '('|1:15: invalid regular expression (: missing closing )",
                "up{job=} WHERE kw('a')|1:8: parse error: unexpected \"}\" in label matching, expected string",
            })
    void errorsWithLineAndColumn(String query, String message) {
        PromqlException e = assertThrows(PromqlException.class, () -> SearchParser.parse(query));
        assertEquals(message, e.getMessage());
    }

    @Test
    void errorOnSecondLine() {
        PromqlException e =
                assertThrows(
                        PromqlException.class,
                        () -> SearchParser.parse("kw('a')\nAND pct(2, 1h) > 0"));
        assertEquals("2:9: quantile must be between 0 and 1, got 2", e.getMessage());
    }

    @Test
    void printedTreesParseBack() {
        RandomTrees trees = new RandomTrees(11);
        for (int i = 0; i < 300; i++) {
            Predicate p = trees.tree(4);
            String text = SearchPrinter.print(p);
            assertEquals(p, where(text), text);
        }
        SearchQuery q = SearchParser.parse("{\"odd.name\", env!=\"dev\"} WHERE label('x')");
        assertEquals(q, SearchParser.parse(SearchPrinter.print(q)));
    }
}
