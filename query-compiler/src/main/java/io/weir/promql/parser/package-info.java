/**
 * PromQL text to AST and back.
 *
 * <p>{@link io.weir.promql.parser.PromqlParser#parse} runs four steps, each collecting every error
 * it finds and stopping the pipeline if there is one (as Prometheus only type-checks a query that
 * parsed):
 *
 * <ol>
 *   <li>{@code PromqlLexer} tokenizes like Prometheus's lexer, context-sensitive keywords and lexer
 *       error messages included;
 *   <li>the ANTLR parser generated from {@code PromqlGrammar.g4} builds a parse tree, in SLL mode
 *       first and LL mode with error recovery when SLL fails; {@code UnexpectedTokenMessage} words
 *       syntax errors like Prometheus's error productions;
 *   <li>{@code AstBuilder} (with {@code SelectorBuilder}, {@code Modifiers}, {@code Durations},
 *       {@code Literals}) makes the AST records and enforces what Prometheus's grammar actions
 *       enforce: known functions, aggregation argument counts, where ranges, offsets and {@code @}
 *       may go;
 *   <li>{@link io.weir.promql.analysis.Checker} type-checks.
 * </ol>
 *
 * <p>{@link io.weir.promql.parser.PromqlPrinter} prints an AST so that it parses back to an equal
 * AST.
 */
package io.weir.promql.parser;
