package io.weir.promql.explain;

import java.util.List;

/**
 * A small JSON writer: enough for EXPLAIN, without a library. Output is indented, keys in order.
 */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private int depth;
    private boolean first = true;

    /** A key was written; the next value belongs to it and needs no separator. */
    private boolean pendingValue;

    Json beginObject() {
        value();
        sb.append('{');
        depth++;
        first = true;
        return this;
    }

    Json endObject() {
        depth--;
        if (!first) {
            newline();
        }
        sb.append('}');
        first = false;
        return this;
    }

    Json beginArray() {
        value();
        sb.append('[');
        depth++;
        first = true;
        return this;
    }

    Json endArray() {
        depth--;
        if (!first) {
            newline();
        }
        sb.append(']');
        first = false;
        return this;
    }

    /** Starts a member; the next call writes its value. */
    Json key(String k) {
        separator();
        string(k);
        sb.append(": ");
        pendingValue = true;
        return this;
    }

    Json value(String s) {
        value();
        if (s == null) {
            sb.append("null");
        } else {
            string(s);
        }
        return this;
    }

    Json value(long v) {
        value();
        sb.append(v);
        return this;
    }

    Json value(double v) {
        value();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            sb.append("null");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
        return this;
    }

    Json value(boolean v) {
        value();
        sb.append(v);
        return this;
    }

    Json strings(List<String> values) {
        beginArray();
        for (String s : values) {
            value(s);
        }
        return endArray();
    }

    private void value() {
        if (pendingValue) {
            pendingValue = false;
            first = false;
            return;
        }
        separator();
    }

    private void separator() {
        if (depth == 0) {
            first = false;
            return;
        }
        if (!first) {
            sb.append(',');
        }
        newline();
        first = false;
    }

    private void newline() {
        sb.append('\n').append("  ".repeat(depth));
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
