package io.weir.promql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every query of Prometheus's test scripts (in-scope files) parses, and printing it parses back to
 * an equal AST; queries the scripts expect to fail may fail to parse.
 */
class ScriptRoundTripTest {
    @Test
    void everyScriptQueryParsesAndRoundTrips() {
        Optional<Path> folder = ScriptQueries.folder();
        if (folder.isEmpty()) {
            System.out.println(
                    "promql-testdata not found (set -Dweir.promql.testdata or"
                            + " WEIR_PROMQL_TESTDATA); skipping");
        }
        assumeTrue(folder.isPresent(), "promql-testdata folder absent");
        int total = 0;
        int parsed = 0;
        int roundTripped = 0;
        int expectedFailures = 0;
        List<String> problems = new ArrayList<>();
        for (Path file : ScriptQueries.inScopeFiles(folder.get())) {
            for (ScriptQueries.Query q : ScriptQueries.queries(file)) {
                total++;
                Expr ast;
                try {
                    ast = PromqlParser.parse(q.text());
                } catch (PromqlException e) {
                    if (q.expectFail()) {
                        expectedFailures++;
                    } else {
                        problems.add(where(q) + " does not parse: " + e.getMessage());
                    }
                    continue;
                }
                parsed++;
                String printed = PromqlPrinter.print(ast);
                try {
                    Expr again = PromqlParser.parse(printed);
                    if (again.equals(ast)) {
                        roundTripped++;
                    } else {
                        problems.add(where(q) + " prints as " + printed + ", which differs");
                    }
                } catch (PromqlException e) {
                    problems.add(where(q) + " prints as " + printed + ": " + e.getMessage());
                }
            }
        }
        System.out.printf(
                "script queries: %d total, %d parsed, %d round-tripped, %d expected to fail"
                        + " and failed%n",
                total, parsed, roundTripped, expectedFailures);
        assertEquals(List.of(), problems);
        assertTrue(total > 1000, "found only " + total + " queries");
    }

    private static String where(ScriptQueries.Query q) {
        return q.file() + ":" + q.line() + " `" + q.text() + "`";
    }
}
