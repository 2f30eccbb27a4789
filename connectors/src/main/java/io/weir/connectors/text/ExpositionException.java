package io.weir.connectors.text;

import java.util.List;

/**
 * The bad lines of an exposition. The message lists each as {@code source:line: what is wrong}, one
 * per line, the way compilers report errors.
 */
public final class ExpositionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One bad line: its 1-based number and what is wrong with it. */
    public record Problem(int line, String message) {}

    private final String source;
    private final transient List<Problem> problems;
    private final int total;

    /**
     * @param source the name of the data (usually the file name) used in messages
     * @param problems the first bad lines, in order
     * @param total how many bad lines there were, at least {@code problems.size()}
     */
    public ExpositionException(String source, List<Problem> problems, int total) {
        super(format(source, problems, total));
        this.source = source;
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    private static String format(String source, List<Problem> problems, int total) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(source).append(':').append(p.line()).append(": ").append(p.message());
        }
        if (total > problems.size()) {
            sb.append('\n')
                    .append(source)
                    .append(": ")
                    .append(total - problems.size())
                    .append(" more bad lines not shown");
        }
        return sb.toString();
    }

    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** How many lines were bad, including those not listed. */
    public int total() {
        return total;
    }
}
