/*
 * The series search language: predicates over series (keyword, label, percentile) combined with
 * AND, OR, NOT and parentheses, optionally restricted to a PromQL series selector:
 *
 *   http_requests_total{job="api"} WHERE kw('checkout') AND NOT pct(0.99, 1h) > 0.5
 *
 * Keywords are case-insensitive. The selector before WHERE is kept as text and handed to the
 * PromQL parser; its tokens here only have to find where it ends.
 */
grammar SearchGrammar;

options { caseInsensitive = true; }

// Without a WHERE token the query is a predicate alone; with one, a selector comes first. The
// parser picks the rule by looking for WHERE, so that errors in a plain predicate never read as
// errors of a selector.
query
    : orExpr EOF
    ;

selectQuery
    : selector WHERE orExpr EOF
    ;

// Everything before WHERE; the PromQL parser reads it.
selector
    : (~(WHERE | EOF))+
    ;

orExpr
    : andExpr (OR andExpr)*
    ;

andExpr
    : notExpr (AND notExpr)*
    ;

notExpr
    : NOT notExpr                                   # not
    | primary                                       # plain
    ;

primary
    : LPAREN orExpr RPAREN                          # paren
    | KW LPAREN STRING RPAREN                       # keyword
    | LABEL LPAREN STRING RPAREN (op=(EQ | RE) value=STRING)?   # label
    | PCT LPAREN q=number COMMA DURATION RPAREN cmp number      # percentile
    ;

cmp
    : GT | GE | LT | LE | EQ | NE
    ;

number
    : MINUS? NUMBER
    ;

KW     : 'kw';
LABEL  : 'label';
PCT    : 'pct';
AND    : 'and';
OR     : 'or';
NOT    : 'not';
WHERE  : 'where';

LPAREN : '(';
RPAREN : ')';
COMMA  : ',';
RE     : '=~';
NE     : '!=';
GE     : '>=';
LE     : '<=';
EQ     : '=';
GT     : '>';
LT     : '<';
MINUS  : '-';

DURATION
    : ([0-9]+ ('ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'))+
    ;

NUMBER
    : [0-9]+ ('.' [0-9]*)? ('e' [+-]? [0-9]+)?
    | '.' [0-9]+ ('e' [+-]? [0-9]+)?
    | 'inf'
    | 'nan'
    ;

STRING
    : '\'' ( ~['\\\r\n] | '\\' . )* '\''
    | '"' ( ~["\\\r\n] | '\\' . )* '"'
    ;

// Only inside a PromQL selector.
BACKTICK_STRING : '`' ~'`'* '`';
IDENT           : [a-z_:] [a-z0-9_:]*;

WS : [ \t\r\n]+ -> skip;

// Any other character: part of a selector, or an error.
OTHER : .;
