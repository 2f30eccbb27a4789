package io.weir.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.weir.promql.ast.Expr;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Printing any (parser-shaped, well-typed) AST gives text that parses back to that AST. */
class PrinterPropertyTest {
    @Property(tries = 2000)
    void printThenParseIsIdentity(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int depth) {
        Expr ast = new AstGenerator(seed).any(depth);
        String printed = PromqlPrinter.print(ast);
        Expr parsed = PromqlParser.parse(printed);
        assertEquals(ast, parsed, printed);
        assertEquals(printed, PromqlPrinter.print(parsed));
    }
}
