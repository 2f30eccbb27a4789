package io.weir.promql.ast;

/**
 * Where a node stands in the query text: character offsets {@code [start, end)}.
 *
 * <p>Positions are not part of a node's identity: two nodes that mean the same thing are equal
 * wherever they were written. That is what lets {@code parse(print(ast))} equal {@code ast}, and
 * lets identical sub-expressions of different queries be recognised as one. So {@link #equals}
 * holds for any two ranges; compare {@link #start()} and {@link #end()} to test positions.
 */
public record PositionRange(int start, int end) {
    public static final PositionRange NONE = new PositionRange(-1, -1);

    public PositionRange {
        if (end < start) {
            throw new IllegalArgumentException("end " + end + " before start " + start);
        }
    }

    public static PositionRange span(PositionRange a, PositionRange b) {
        if (!a.isKnown()) {
            return b;
        }
        if (!b.isKnown()) {
            return a;
        }
        return new PositionRange(Math.min(a.start, b.start), Math.max(a.end, b.end));
    }

    public boolean isKnown() {
        return start >= 0;
    }

    /** {@code line:column} of the start in {@code query}, both 1-based, as Prometheus reports. */
    public String lineColumn(String query) {
        return LineColumn.of(query, Math.max(start, 0)).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PositionRange;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    /** A 1-based line and column. */
    public record LineColumn(int line, int column) {
        public static LineColumn of(String text, int offset) {
            int line = 1;
            int col = 1;
            int end = Math.min(offset, text.length());
            for (int i = 0; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
            return new LineColumn(line, col);
        }

        @Override
        public String toString() {
            return line + ":" + column;
        }
    }
}
