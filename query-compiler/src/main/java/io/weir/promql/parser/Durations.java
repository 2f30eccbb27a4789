package io.weir.promql.parser;

import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Reads the optionally signed number-or-duration that ranges, steps, offsets and {@code @} take,
 * with Prometheus's conversions (durations travel as float seconds, then round to nanoseconds, then
 * truncate to milliseconds) and its error messages.
 */
final class Durations {
    private Durations() {}

    /** Seconds of a NUMBER or DURATION token; on error records it and returns 0. */
    static double numberOrDurationSeconds(Token t, List<SyntaxError> errors) {
        try {
            if (t.getType() == PromqlGrammar.DURATION) {
                return Literals.millisToSeconds(Literals.parseDuration(t.getText()));
            }
            return Literals.parseNumber(t.getText());
        } catch (Literals.LiteralException e) {
            errors.add(SyntaxError.at(AstBuilder.range(t), e.getMessage()));
            return 0;
        }
    }

    /** Seconds of {@code [+|-] (NUMBER | DURATION)}, the sign applied. */
    static double signedSeconds(ParserRuleContext ctx, List<SyntaxError> errors) {
        Token first = ctx.getStart();
        Token value = ctx.getStop();
        double v = numberOrDurationSeconds(value, errors);
        return first.getType() == PromqlGrammar.SUB ? -v : v;
    }

    /**
     * Milliseconds of a duration used as a range, step or offset; out-of-range and (when {@code
     * positive}) non-positive values are errors.
     */
    static long millis(ParserRuleContext ctx, boolean positive, List<SyntaxError> errors) {
        double seconds = signedSeconds(ctx, errors);
        if (Literals.durationOutOfRange(seconds)) {
            errors.add(SyntaxError.at(AstBuilder.range(ctx), "duration out of range"));
            return 0;
        }
        if (positive && !(seconds > 0)) {
            errors.add(SyntaxError.at(AstBuilder.range(ctx), "duration must be greater than 0"));
            return 0;
        }
        return Literals.secondsToMillis(seconds);
    }
}
