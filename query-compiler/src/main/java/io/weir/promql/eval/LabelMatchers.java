package io.weir.promql.eval;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.weir.promql.PromqlException;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Matching of label values as Prometheus does it: regexes are RE2, fully anchored. */
public final class LabelMatchers {
    private static final int CACHE_LIMIT = 10_000;
    private static final ConcurrentHashMap<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private LabelMatchers() {}

    /** Compiles {@code re} anchored as {@code ^(?s:re)$}. */
    public static Pattern compile(String re) {
        Pattern p = CACHE.get(re);
        if (p != null) {
            return p;
        }
        try {
            p = Pattern.compile("^(?s:" + re + ")$");
        } catch (PatternSyntaxException e) {
            throw new PromqlException(
                    PromqlException.ErrorCode.EXECUTION,
                    "invalid regular expression " + re + ": " + e.getDescription());
        }
        if (CACHE.size() > CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(re, p);
        return p;
    }

    /** True when {@code value} (empty for a missing label) satisfies the matcher. */
    public static boolean matches(LabelMatcher m, String value) {
        return switch (m.op()) {
            case EQUAL -> value.equals(m.value());
            case NOT_EQUAL -> !value.equals(m.value());
            case REGEX -> compile(m.value()).matches(value);
            case NOT_REGEX -> !compile(m.value()).matches(value);
        };
    }

    /** True when every matcher accepts the label set. */
    public static boolean matchesAll(List<LabelMatcher> matchers, Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!matches(m, labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }
}
