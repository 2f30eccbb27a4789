/**
 * The series search language's parser (ANTLR grammar {@code SearchGrammar.g4}).
 *
 * <pre>
 * query     := [ selector WHERE ] or
 * or        := and { OR and }
 * and       := not { AND not }
 * not       := NOT not | '(' or ')' | predicate
 * predicate := kw('text')
 *            | label('name') [ ( '=' | '=~' ) 'value' ]
 *            | pct(q, duration) ( '&gt;' | '&gt;=' | '&lt;' | '&lt;=' | '=' | '!=' ) number
 * </pre>
 *
 * Keywords are case-insensitive; strings are single- or double-quoted with backslash escapes;
 * regexes are RE2, fully anchored; the selector is PromQL's. Errors are {@code PromqlException}s
 * (code PARSE) whose message is {@code line:column: detail}.
 */
package io.weir.search.parser;
