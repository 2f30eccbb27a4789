package io.weir.promql.conformance;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a test script into commands, following the format's reference implementation: lines are
 * trimmed, a line starting with {@code #} counts as empty, and an empty line ends a block.
 */
final class ScriptParser {
    private static final Pattern SPACE = Pattern.compile("[\t ]+");
    private static final Pattern LOAD = Pattern.compile("^load(?:_(with_nhcb))?\\s+(.+?)$");
    private static final Pattern EVAL_INSTANT =
            Pattern.compile(
                    "^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
    private static final Pattern EVAL_RANGE =
            Pattern.compile(
                    "^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");
    private static final Pattern EXPECT =
            Pattern.compile(
                    "^expect\\s+(ordered|fail|warn|no_warn|info|no_info)(?:\\s+(regex|msg):(.+))?$");
    private static final String RANGE_VECTOR_PREFIX = "expect range vector";
    private static final Pattern EXPECT_RANGE =
            Pattern.compile(
                    "^" + RANGE_VECTOR_PREFIX + "\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+)$");
    private static final String EXPECT_STRING_PREFIX = "expect string";

    private final String[] lines;

    private ScriptParser(String input) {
        String[] raw = input.split("\n", -1);
        lines = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i].strip();
            lines[i] = l.startsWith("#") ? "" : l;
        }
    }

    /**
     * Parses a whole script.
     *
     * @throws ScriptException naming the line of the first malformed command
     */
    static List<Command> parse(String input) {
        return new ScriptParser(input).commands();
    }

    private List<Command> commands() {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isEmpty()) {
                continue;
            }
            String word = SPACE.split(l, 2)[0].toLowerCase(Locale.ROOT);
            if (word.equals("clear")) {
                out.add(new Command.Clear(i + 1));
            } else if (word.startsWith("load")) {
                i = load(i, out);
            } else if (word.startsWith("eval")) {
                i = eval(i, out);
            } else {
                throw new ScriptException(i + 1, "invalid command \"" + l + "\"");
            }
        }
        return out;
    }

    private int load(int i, List<Command> out) {
        Matcher m = LOAD.matcher(lines[i]);
        if (!m.matches()) {
            throw new ScriptException(
                    i + 1, "invalid load command. (load[_with_nhcb] <step:duration>)");
        }
        boolean withNhcb = "with_nhcb".equals(m.group(1));
        long interval = duration(i, m.group(2), "step");
        int line = i + 1;
        // Within one block a later line for the same series replaces the earlier one.
        Map<Labels, SeriesNotation.Series> series = new LinkedHashMap<>();
        while (i + 1 < lines.length) {
            i++;
            if (lines[i].isEmpty()) {
                i--;
                break;
            }
            SeriesNotation.Series s = series(i);
            series.put(s.labels(), s);
        }
        out.add(new Command.Load(line, interval, withNhcb, List.copyOf(series.values())));
        return i;
    }

    private int eval(int i, List<Command> out) {
        String header = lines[i];
        Matcher instant = EVAL_INSTANT.matcher(header);
        Matcher range = EVAL_RANGE.matcher(header);
        boolean isInstant = instant.matches();
        if (!isInstant && !range.matches()) {
            throw new ScriptException(
                    i + 1,
                    "invalid evaluation command. Must be either 'eval[_fail|_warn|_ordered] instant"
                            + " [at <offset:duration>] <query>' or 'eval[_fail|_warn] range from"
                            + " <from> to <to> step <step> <query>'");
        }
        int line = i + 1;
        String mod;
        String query;
        long start;
        long end = 0;
        long step = 0;
        long evalTime = 0;
        if (isInstant) {
            mod = instant.group(1);
            query = instant.group(3);
            String at = instant.group(2) == null ? "" : instant.group(2);
            start = duration(i, at, "timestamp");
            evalTime = start;
        } else {
            mod = range.group(1);
            query = range.group(5);
            start = duration(i, range.group(2), "start timestamp");
            end = duration(i, range.group(3), "end timestamp");
            step = duration(i, range.group(4), "step");
            if (end < start) {
                throw new ScriptException(
                        line,
                        "invalid test definition, end timestamp ("
                                + range.group(3)
                                + ") is before start timestamp ("
                                + range.group(2)
                                + ")");
            }
        }
        boolean deprecatedFail = "fail".equals(mod);
        List<Command.TextMatch> fail = deprecatedFail ? new ArrayList<>() : null;
        boolean ordered = "ordered".equals(mod);
        boolean rangeVector = false;
        boolean excludeFromRange = false;
        String expectedString = null;
        Double scalar = null;
        Map<Labels, Command.ExpectedSeries> expected = new LinkedHashMap<>();
        List<String> annotations = new ArrayList<>();
        int failLines = 0;

        for (int j = 1; i + 1 < lines.length; j++) {
            i++;
            String def = lines[i];
            if (def.isEmpty()) {
                i--;
                break;
            }
            if (deprecatedFail && def.startsWith("expected_fail_message")) {
                fail.add(
                        new Command.TextMatch.Exact(
                                def.substring("expected_fail_message".length()).strip()));
                break;
            }
            if (deprecatedFail && def.startsWith("expected_fail_regexp")) {
                fail.add(
                        new Command.TextMatch.Regex(
                                regex(i, def.substring("expected_fail_regexp".length()).strip())));
                break;
            }
            if (def.startsWith(RANGE_VECTOR_PREFIX)) {
                Matcher m = EXPECT_RANGE.matcher(def);
                if (!m.matches()) {
                    throw new ScriptException(
                            i + 1, "invalid range vector definition \"" + def + "\"");
                }
                start = duration(i, m.group(1), "start timestamp");
                end = duration(i, m.group(2), "end timestamp");
                step = duration(i, m.group(3), "step");
                if (end < start) {
                    throw new ScriptException(
                            i + 1,
                            "invalid test definition, end timestamp is before start timestamp");
                }
                evalTime = end;
                rangeVector = true;
                excludeFromRange = true;
                continue;
            }
            if (def.startsWith(EXPECT_STRING_PREFIX)) {
                expectedString = stringLiteral(i, def);
                excludeFromRange = true;
                continue;
            }
            if (def.split(" ", -1)[0].equals("expect")) {
                Matcher m = EXPECT.matcher(def);
                if (!m.matches()) {
                    throw new ScriptException(
                            i + 1,
                            "invalid expect statement, must match `expect <type> <match_type>: <string>` format");
                }
                String type = m.group(1);
                if (type.equals("ordered")) {
                    ordered = true;
                } else if (type.equals("fail")) {
                    if (++failLines > 1) {
                        throw new ScriptException(
                                i + 1,
                                "invalid expect lines, multiple expect fail lines are not allowed");
                    }
                    if (fail == null) {
                        fail = new ArrayList<>();
                    }
                    if ("msg".equals(m.group(2))) {
                        fail.add(new Command.TextMatch.Exact(m.group(3).strip()));
                    } else if ("regex".equals(m.group(2))) {
                        fail.add(new Command.TextMatch.Regex(regex(i, m.group(3).strip())));
                    }
                } else {
                    annotations.add(def);
                }
                j--;
                continue;
            }
            Double number = number(def);
            if (number != null) {
                scalar = number;
                break;
            }
            SeriesNotation.Series s = series(i);
            if (s.values().size() > 1 && isInstant && !rangeVector) {
                throw new ScriptException(
                        i + 1,
                        "expecting multiple values in instant evaluation not allowed. consider using"
                                + " 'expect range vector' directive to enable a range vector result"
                                + " for an instant query");
            }
            expected.put(s.labels(), new Command.ExpectedSeries(j, s));
        }
        out.add(
                new Command.Eval(
                        line,
                        query,
                        !isInstant,
                        start,
                        end,
                        step,
                        evalTime,
                        rangeVector,
                        fail,
                        ordered,
                        expectedString,
                        excludeFromRange,
                        scalar,
                        expected,
                        annotations));
        return i;
    }

    /** The query of an eval header line, or the whole line when it is no eval header. */
    static String queryOf(String header) {
        Matcher instant = EVAL_INSTANT.matcher(header);
        if (instant.matches()) {
            return instant.group(3);
        }
        Matcher range = EVAL_RANGE.matcher(header);
        return range.matches() ? range.group(5) : header;
    }

    private static Double number(String s) {
        try {
            return ScriptSyntax.parseNumber(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String stringLiteral(int i, String def) {
        if (def.equals(EXPECT_STRING_PREFIX)) {
            throw new ScriptException(
                    i + 1,
                    "expected string literal not valid - a quoted string literal is required");
        }
        String s =
                def.startsWith(EXPECT_STRING_PREFIX + " ")
                        ? def.substring(EXPECT_STRING_PREFIX.length() + 1)
                        : def;
        try {
            return ScriptSyntax.unquote(s);
        } catch (RuntimeException e) {
            throw new ScriptException(
                    i + 1,
                    "expected string literal not valid - check that the string is correctly quoted");
        }
    }

    private SeriesNotation.Series series(int i) {
        try {
            return SeriesNotation.parse(lines[i]);
        } catch (RuntimeException e) {
            throw new ScriptException(i + 1, e.getMessage());
        }
    }

    private static Pattern regex(int i, String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ScriptException(i + 1, "invalid regex " + pattern + ": " + e.getMessage());
        }
    }

    private static long duration(int i, String text, String what) {
        try {
            return ScriptSyntax.parseDuration(text);
        } catch (RuntimeException e) {
            throw new ScriptException(
                    i + 1, "invalid " + what + " definition \"" + text + "\": " + e.getMessage());
        }
    }

    /** A malformed script; the message starts with the line. */
    static final class ScriptException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int line;

        ScriptException(int line, String message) {
            super("line " + line + ": " + message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
