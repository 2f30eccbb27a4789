package io.weir.promql.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Splits a query into tokens of {@link PromqlGrammar}, the way Prometheus's lexer does, with its
 * error messages. PromQL's lexing depends on context: inside braces keywords are plain identifiers,
 * after {@code [} only durations are expected, and {@code fill} is a keyword only before a
 * parenthesis.
 *
 * <p>On the first lexical error the token list ends with an EOF at the error's position, as
 * Prometheus's parser sees the end of input there; {@link #error()} then holds the error.
 */
final class PromqlLexer {
    private static final Map<String, Integer> KEYWORDS =
            Map.ofEntries(
                    Map.entry("and", PromqlGrammar.LAND),
                    Map.entry("or", PromqlGrammar.LOR),
                    Map.entry("unless", PromqlGrammar.LUNLESS),
                    Map.entry("atan2", PromqlGrammar.ATAN2),
                    Map.entry("sum", PromqlGrammar.SUM),
                    Map.entry("avg", PromqlGrammar.AVG),
                    Map.entry("count", PromqlGrammar.COUNT),
                    Map.entry("min", PromqlGrammar.MIN),
                    Map.entry("max", PromqlGrammar.MAX),
                    Map.entry("group", PromqlGrammar.GROUP),
                    Map.entry("stddev", PromqlGrammar.STDDEV),
                    Map.entry("stdvar", PromqlGrammar.STDVAR),
                    Map.entry("topk", PromqlGrammar.TOPK),
                    Map.entry("bottomk", PromqlGrammar.BOTTOMK),
                    Map.entry("count_values", PromqlGrammar.COUNT_VALUES),
                    Map.entry("quantile", PromqlGrammar.QUANTILE),
                    Map.entry("limitk", PromqlGrammar.LIMITK),
                    Map.entry("limit_ratio", PromqlGrammar.LIMIT_RATIO),
                    Map.entry("offset", PromqlGrammar.OFFSET),
                    Map.entry("smoothed", PromqlGrammar.SMOOTHED),
                    Map.entry("anchored", PromqlGrammar.ANCHORED),
                    Map.entry("by", PromqlGrammar.BY),
                    Map.entry("without", PromqlGrammar.WITHOUT),
                    Map.entry("on", PromqlGrammar.ON),
                    Map.entry("ignoring", PromqlGrammar.IGNORING),
                    Map.entry("group_left", PromqlGrammar.GROUP_LEFT),
                    Map.entry("group_right", PromqlGrammar.GROUP_RIGHT),
                    Map.entry("fill", PromqlGrammar.FILL),
                    Map.entry("fill_left", PromqlGrammar.FILL_LEFT),
                    Map.entry("fill_right", PromqlGrammar.FILL_RIGHT),
                    Map.entry("bool", PromqlGrammar.BOOL),
                    Map.entry("start", PromqlGrammar.START),
                    Map.entry("end", PromqlGrammar.END),
                    Map.entry("step", PromqlGrammar.STEP),
                    Map.entry("range", PromqlGrammar.RANGE),
                    Map.entry("max_of", PromqlGrammar.MAX_OF),
                    Map.entry("min_of", PromqlGrammar.MIN_OF),
                    Map.entry("inf", PromqlGrammar.NUMBER),
                    Map.entry("nan", PromqlGrammar.NUMBER));

    private static final Map<String, Integer> DURATION_KEYWORDS =
            Map.of(
                    "step", PromqlGrammar.STEP,
                    "range", PromqlGrammar.RANGE,
                    "max_of", PromqlGrammar.MAX_OF,
                    "min_of", PromqlGrammar.MIN_OF);

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int start;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean inDurationExpr;
    private boolean gotColon;
    private boolean gotDuration;
    private SyntaxError error;

    private PromqlLexer(String input) {
        this.input = input;
    }

    /** Tokenizes {@code input}; the result always ends with EOF. */
    static PromqlLexer lex(String input) {
        PromqlLexer l = new PromqlLexer(input);
        l.run();
        return l;
    }

    List<Token> tokens() {
        return tokens;
    }

    /** The lexical error that ended the token list, or null. */
    SyntaxError error() {
        return error;
    }

    private void run() {
        while (error == null) {
            start = pos;
            if (pos >= input.length()) {
                if (braceOpen) {
                    fail("unexpected end of input inside braces");
                } else if (inDurationExpr) {
                    fail("unexpected end of input in duration expression");
                } else if (parenDepth != 0) {
                    fail("unclosed left parenthesis");
                } else if (bracketOpen) {
                    fail("unclosed left bracket");
                } else {
                    emit(Token.EOF);
                    return;
                }
            } else if (input.charAt(pos) == '#' && !inDurationExpr) {
                skipComment();
            } else if (braceOpen) {
                lexInsideBraces();
            } else if (inDurationExpr) {
                lexDurationExpr();
            } else {
                lexStatement();
            }
        }
        // Like Prometheus, the parser sees the end of input where the lexer failed.
        CommonToken eof = new CommonToken(Token.EOF, "<EOF>");
        eof.setStartIndex(error.start());
        eof.setStopIndex(error.start() - 1);
        eof.setTokenIndex(tokens.size());
        tokens.add(eof);
    }

    private void lexStatement() {
        char r = input.charAt(pos++);
        switch (r) {
            case ',' -> emit(PromqlGrammar.COMMA);
            case ' ', '\t', '\n', '\r' -> skipSpaces();
            case '*' -> emit(PromqlGrammar.MUL);
            case '/' -> emit(PromqlGrammar.DIV);
            case '%' -> emit(PromqlGrammar.MOD);
            case '+' -> emit(PromqlGrammar.ADD);
            case '-' -> emit(PromqlGrammar.SUB);
            case '^' -> emit(PromqlGrammar.POW);
            case '@' -> emit(PromqlGrammar.AT);
            case '=' -> {
                char t = peek();
                if (t == '=') {
                    pos++;
                    emit(PromqlGrammar.EQLC);
                } else if (t == '~') {
                    fail("unexpected character after '=': " + Quoting.quoteRune(t));
                } else {
                    emit(PromqlGrammar.EQL);
                }
            }
            case '!' -> {
                int t = next();
                if (t != '=') {
                    fail("unexpected character after '!': " + Quoting.quoteRune(t));
                } else {
                    emit(PromqlGrammar.NEQ);
                }
            }
            case '<' -> emit(accept('=') ? PromqlGrammar.LTE : PromqlGrammar.LSS);
            case '>' -> emit(accept('=') ? PromqlGrammar.GTE : PromqlGrammar.GTR);
            case '"', '\'' -> lexString(r);
            case '`' -> lexRawString();
            case '(' -> {
                emit(PromqlGrammar.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> closeParen();
            case '{' -> {
                emit(PromqlGrammar.LEFT_BRACE);
                braceOpen = true;
            }
            case '[' -> {
                if (bracketOpen) {
                    fail("unexpected left bracket '['");
                    return;
                }
                gotColon = false;
                gotDuration = false;
                emit(PromqlGrammar.LEFT_BRACKET);
                bracketOpen = true;
                inDurationExpr = true;
            }
            case ']' -> {
                if (!bracketOpen) {
                    fail("unexpected right bracket ']'");
                    return;
                }
                emit(PromqlGrammar.RIGHT_BRACKET);
                bracketOpen = false;
            }
            default -> lexStatementWord(r);
        }
    }

    private void lexStatementWord(char r) {
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
            pos--;
            lexNumberOrDuration();
        } else if (isAlpha(r) || r == ':') {
            if (!bracketOpen) {
                pos--;
                lexKeywordOrIdentifier();
            } else if (r == ':') {
                if (gotColon) {
                    fail("unexpected colon ':'");
                    return;
                }
                emit(PromqlGrammar.COLON);
                gotColon = true;
            } else if (!scanDurationKeyword()) {
                fail("unexpected character: " + Quoting.quoteRune(r) + ", expected ':'");
            }
        } else {
            fail("unexpected character: " + Quoting.quoteRune(input.codePointAt(pos - 1)));
        }
    }

    private void lexDurationExpr() {
        char r = input.charAt(pos++);
        switch (r) {
            case ']' -> {
                emit(PromqlGrammar.RIGHT_BRACKET);
                bracketOpen = false;
                inDurationExpr = false;
                gotColon = false;
            }
            case ':' -> {
                // Prometheus's lexer replaces the token it just emitted by the error.
                if (!gotDuration) {
                    start = pos;
                    fail("unexpected colon before duration in duration expression");
                } else if (gotColon) {
                    start = pos;
                    fail("unexpected repeated colon in duration expression");
                } else {
                    emit(PromqlGrammar.COLON);
                }
                gotColon = true;
            }
            case '(' -> {
                emit(PromqlGrammar.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> closeParen();
            case ' ', '\t', '\n', '\r' -> skipSpaces();
            case '+' -> emit(PromqlGrammar.ADD);
            case '-' -> emit(PromqlGrammar.SUB);
            case '*' -> emit(PromqlGrammar.MUL);
            case '/' -> emit(PromqlGrammar.DIV);
            case '%' -> emit(PromqlGrammar.MOD);
            case '^' -> emit(PromqlGrammar.POW);
            case ',' -> emit(PromqlGrammar.COMMA);
            default -> {
                if (isDigit(r) || (r == '.' && isDigit(peek()))) {
                    pos--;
                    gotDuration = true;
                    inDurationExpr = false;
                    lexNumberOrDuration();
                } else if (!(isAlpha(r) && scanDurationKeyword())) {
                    fail(
                            "unexpected character in duration expression: "
                                    + Quoting.quoteRune(input.codePointAt(pos - 1)));
                }
            }
        }
    }

    private void lexInsideBraces() {
        char r = input.charAt(pos++);
        switch (r) {
            case ' ', '\t', '\n', '\r' -> skipSpaces();
            case ',' -> emit(PromqlGrammar.COMMA);
            case '"', '\'' -> lexString(r);
            case '`' -> lexRawString();
            case '=' -> emit(accept('~') ? PromqlGrammar.EQL_REGEX : PromqlGrammar.EQL);
            case '!' -> {
                int nr = next();
                if (nr == '~') {
                    emit(PromqlGrammar.NEQ_REGEX);
                } else if (nr == '=') {
                    emit(PromqlGrammar.NEQ);
                } else {
                    fail("unexpected character after '!' inside braces: " + Quoting.quoteRune(nr));
                }
            }
            case '{' -> fail("unexpected left brace '{'");
            case '}' -> {
                emit(PromqlGrammar.RIGHT_BRACE);
                braceOpen = false;
            }
            default -> {
                if (isAlpha(r)) {
                    while (pos < input.length() && isAlphaNumeric(input.charAt(pos))) {
                        pos++;
                    }
                    emit(PromqlGrammar.IDENTIFIER);
                } else {
                    fail(
                            "unexpected character inside braces: "
                                    + Quoting.quoteRune(input.codePointAt(pos - 1)));
                }
            }
        }
    }

    private void closeParen() {
        parenDepth--;
        if (parenDepth < 0) {
            // Prometheus's lexer replaces the token it just emitted by the error.
            start = pos;
            fail("unexpected right parenthesis ')'");
        } else {
            emit(PromqlGrammar.RIGHT_PAREN);
        }
    }

    private void lexKeywordOrIdentifier() {
        while (pos < input.length()
                && (isAlphaNumeric(input.charAt(pos)) || input.charAt(pos) == ':')) {
            pos++;
        }
        String word = input.substring(start, pos);
        Integer kw = KEYWORDS.get(word.toLowerCase(Locale.ROOT));
        if (kw != null) {
            boolean fill =
                    kw == PromqlGrammar.FILL
                            || kw == PromqlGrammar.FILL_LEFT
                            || kw == PromqlGrammar.FILL_RIGHT;
            emit(fill && !followedByLeftParen() ? PromqlGrammar.IDENTIFIER : kw);
        } else if (word.indexOf(':') < 0) {
            emit(PromqlGrammar.IDENTIFIER);
        } else {
            emit(PromqlGrammar.METRIC_IDENTIFIER);
        }
    }

    private boolean followedByLeftParen() {
        int p = pos;
        while (p < input.length() && isSpace(input.charAt(p))) {
            p++;
        }
        return p < input.length() && input.charAt(p) == '(';
    }

    private boolean scanDurationKeyword() {
        while (pos < input.length() && isAlpha(input.charAt(pos))) {
            pos++;
        }
        Integer kw = DURATION_KEYWORDS.get(input.substring(start, pos).toLowerCase(Locale.ROOT));
        if (kw == null) {
            return false;
        }
        emit(kw);
        return true;
    }

    private void lexNumberOrDuration() {
        NumberScanner scan = new NumberScanner(input, pos);
        if (scan.scanNumber()) {
            pos = scan.pos();
            emit(PromqlGrammar.NUMBER);
        } else if (scan.acceptRemainingDuration()) {
            pos = scan.pos();
            emit(PromqlGrammar.DURATION);
        } else {
            pos = scan.pos();
            fail(
                    "bad number or duration syntax: "
                            + Quoting.quote(input.substring(start, Math.min(pos, input.length()))));
        }
    }

    private void lexString(char quote) {
        StringScanner scan = new StringScanner(input, pos, quote);
        String err = scan.scanQuoted();
        pos = scan.pos();
        if (err != null) {
            fail(err);
        } else {
            emit(PromqlGrammar.STRING);
        }
    }

    private void lexRawString() {
        int end = input.indexOf('`', pos);
        if (end < 0) {
            pos = input.length();
            fail("unterminated raw string");
            return;
        }
        pos = end + 1;
        emit(PromqlGrammar.STRING);
    }

    private void skipSpaces() {
        while (pos < input.length() && isSpace(input.charAt(pos))) {
            pos++;
        }
    }

    private void skipComment() {
        while (pos < input.length() && input.charAt(pos) != '\n' && input.charAt(pos) != '\r') {
            pos++;
        }
    }

    private void emit(int type) {
        CommonToken t =
                new CommonToken(type, type == Token.EOF ? "<EOF>" : input.substring(start, pos));
        t.setStartIndex(start);
        t.setStopIndex(pos - 1);
        t.setTokenIndex(tokens.size());
        tokens.add(t);
        start = pos;
    }

    private void fail(String message) {
        error = new SyntaxError(start, input.length(), message);
    }

    private char peek() {
        return pos < input.length() ? input.charAt(pos) : '\0';
    }

    /** The next code point, or -1 at the end. */
    private int next() {
        if (pos >= input.length()) {
            return -1;
        }
        int cp = input.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    private boolean accept(char c) {
        if (peek() == c && pos < input.length()) {
            pos++;
            return true;
        }
        return false;
    }

    static boolean isSpace(char r) {
        return r == ' ' || r == '\t' || r == '\n' || r == '\r';
    }

    static boolean isDigit(int r) {
        return r >= '0' && r <= '9';
    }

    static boolean isAlpha(int r) {
        return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    }

    static boolean isAlphaNumeric(int r) {
        return isAlpha(r) || isDigit(r);
    }
}
