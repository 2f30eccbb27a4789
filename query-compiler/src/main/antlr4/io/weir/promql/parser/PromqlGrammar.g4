/*
 * PromQL (float samples) as in Prometheus 3.x.
 *
 * Tokens come from PromqlLexer (hand-written, because PromQL's lexing is context-sensitive:
 * keywords are not keywords inside braces, numbers and durations share a prefix, and the
 * lexer's own error messages are part of the user-visible wording).
 *
 * Precedence: ANTLR gives earlier alternatives of a left-recursive rule higher precedence.
 * Postfix modifiers ([range], [range:step], offset, @) bind tightest, then ^ (right
 * associative), then unary +/- (which therefore binds looser than ^: -2^2 is -(2^2)), then
 * * / % atan2, + -, comparisons, and/unless, or.
 */
parser grammar PromqlGrammar;

tokens {
    NUMBER, DURATION, STRING, IDENTIFIER, METRIC_IDENTIFIER,
    LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET, RIGHT_BRACKET,
    COMMA, COLON, EQL, EQLC, NEQ, EQL_REGEX, NEQ_REGEX, LSS, LTE, GTR, GTE,
    ADD, SUB, MUL, DIV, MOD, POW, AT, LAND, LOR, LUNLESS, ATAN2,
    SUM, AVG, COUNT, MIN, MAX, GROUP, STDDEV, STDVAR, TOPK, BOTTOMK, QUANTILE,
    COUNT_VALUES, LIMITK, LIMIT_RATIO,
    OFFSET, BY, WITHOUT, ON, IGNORING, GROUP_LEFT, GROUP_RIGHT, BOOL,
    FILL, FILL_LEFT, FILL_RIGHT, SMOOTHED, ANCHORED,
    START, END, STEP, RANGE, MAX_OF, MIN_OF
}

query
    : expr EOF
    | EOF
    ;

seriesSelector
    : vectorSelector EOF
    ;

expr
    : expr LEFT_BRACKET duration RIGHT_BRACKET                        # matrixExpr
    | expr LEFT_BRACKET duration COLON duration? RIGHT_BRACKET        # subqueryExpr
    | expr OFFSET signedDuration                                      # offsetExpr
    | expr AT atValue                                                 # atExpr
    | <assoc=right> expr op=POW binModifier expr                      # binaryExpr
    | op=(ADD | SUB) expr                                             # unaryExpr
    | expr op=(MUL | DIV | MOD | ATAN2) binModifier expr              # binaryExpr
    | expr op=(ADD | SUB) binModifier expr                            # binaryExpr
    | expr op=(EQLC | NEQ | LSS | LTE | GTR | GTE) binModifier expr   # binaryExpr
    | expr op=(LAND | LUNLESS) binModifier expr                       # binaryExpr
    | expr op=LOR binModifier expr                                    # binaryExpr
    | aggregateOp grouping functionArgs                               # aggregateExpr
    | aggregateOp functionArgs grouping?                              # aggregateExpr
    | functionName functionArgs                                       # callExpr
    | LEFT_PAREN expr RIGHT_PAREN                                     # parenExpr
    | vectorSelector                                                  # selectorExpr
    | (NUMBER | DURATION)                                             # numberExpr
    | STRING                                                          # stringExpr
    ;

duration
    : (ADD | SUB)? (NUMBER | DURATION)
    ;

signedDuration
    : (ADD | SUB)? (NUMBER | DURATION)
    ;

atValue
    : (ADD | SUB)? (NUMBER | DURATION)                                # atTimestamp
    | (START | END) LEFT_PAREN RIGHT_PAREN                            # atStartEnd
    ;

binModifier
    : BOOL? (matching=(ON | IGNORING) groupingLabels (group=(GROUP_LEFT | GROUP_RIGHT) includeLabels)?)?
    ;

// As in Prometheus, a parenthesis after group_left/group_right always opens its label list,
// even where it could also start the right-hand operand.
includeLabels
    : groupingLabels
    | {_input.LA(1) != LEFT_PAREN}?
    ;

grouping
    : (BY | WITHOUT) groupingLabels
    ;

groupingLabels
    : LEFT_PAREN (groupingLabel (COMMA groupingLabel)* COMMA?)? RIGHT_PAREN
    ;

groupingLabel
    : labelKeyword
    | STRING
    ;

functionArgs
    : LEFT_PAREN (expr (COMMA expr)* trailingComma=COMMA?)? RIGHT_PAREN
    ;

functionName
    : IDENTIFIER | START | END | STEP | RANGE | MAX_OF | MIN_OF
    ;

vectorSelector
    : metricName labelMatchers?
    | labelMatchers
    ;

labelMatchers
    : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE
    ;

labelMatcher
    : (IDENTIFIER | STRING) matchOp STRING                            # labelMatch
    | STRING                                                          # nameMatch
    ;

matchOp
    : EQL | NEQ | EQL_REGEX | NEQ_REGEX
    ;

aggregateOp
    : SUM | AVG | COUNT | MIN | MAX | GROUP | STDDEV | STDVAR | TOPK | BOTTOMK | QUANTILE
    | COUNT_VALUES | LIMITK | LIMIT_RATIO
    ;

// Words that name a metric although the lexer reads them as keywords (as Prometheus allows).
metricName
    : IDENTIFIER | METRIC_IDENTIFIER | AVG | BOTTOMK | BY | COUNT | COUNT_VALUES | FILL
    | FILL_LEFT | FILL_RIGHT | GROUP | LAND | LOR | LUNLESS | MAX | MIN | OFFSET | QUANTILE
    | STDDEV | STDVAR | SUM | TOPK | WITHOUT | START | END | LIMITK | LIMIT_RATIO | STEP | RANGE
    | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
    ;

// Words that name a label in a grouping list although the lexer reads them as keywords.
labelKeyword
    : IDENTIFIER | METRIC_IDENTIFIER | AVG | BOOL | BOTTOMK | BY | COUNT | COUNT_VALUES | GROUP
    | GROUP_LEFT | GROUP_RIGHT | FILL | FILL_LEFT | FILL_RIGHT | IGNORING | LAND | LOR | LUNLESS
    | MAX | MIN | OFFSET | ON | QUANTILE | STDDEV | STDVAR | SUM | TOPK | START | END | ATAN2
    | LIMITK | LIMIT_RATIO | STEP | RANGE | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
    ;
