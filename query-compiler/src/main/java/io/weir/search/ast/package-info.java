/**
 * The series search language's syntax tree: records under the sealed {@link
 * io.weir.search.ast.Predicate}; {@link io.weir.search.ast.SearchPrinter} prints a tree as text
 * that parses back to the same tree.
 */
package io.weir.search.ast;
