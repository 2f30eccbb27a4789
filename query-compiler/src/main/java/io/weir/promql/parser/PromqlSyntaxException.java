package io.weir.promql.parser;

import io.weir.promql.PromqlException;
import java.util.List;

/**
 * A query that does not parse or check. The message is the first error, as Prometheus reports it;
 * {@link #all()} holds every error found, first first.
 */
public final class PromqlSyntaxException extends PromqlException {
    private static final long serialVersionUID = 1L;

    private final transient List<PromqlException> all;

    PromqlSyntaxException(List<PromqlException> all) {
        super(all.get(0).code(), all.get(0).pos(), null, all.get(0).getMessage());
        this.all = List.copyOf(all);
    }

    /** Every error, in the order found; the first is this exception's own message. */
    public List<PromqlException> all() {
        return all;
    }

    @Override
    public String detail() {
        return all.get(0).detail();
    }
}
