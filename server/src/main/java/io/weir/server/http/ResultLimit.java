package io.weir.server.http;

import io.weir.promql.eval.QueryValue;
import java.util.List;

/**
 * The {@code limit} parameter of Prometheus's query and metadata endpoints: at most that many
 * series (or names, or values) are returned, with a warning when some were cut. 0 means no limit.
 */
final class ResultLimit {
    /** The warning Prometheus adds when a result was cut. */
    static final String TRUNCATED = "results truncated due to limit";

    private ResultLimit() {}

    /** Reads {@code limit} as Go's {@code strconv.Atoi} and Prometheus's checks word errors. */
    static int parse(FormParams p) throws ApiError {
        String s = p.first("limit");
        if (s.isEmpty()) {
            return 0;
        }
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        boolean digits = i < s.length();
        for (int k = i; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
        }
        if (!digits) {
            throw ApiError.invalidParam(
                    "limit", "strconv.Atoi: parsing " + goQuote(s) + ": invalid syntax");
        }
        long value;
        try {
            value = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw ApiError.invalidParam(
                    "limit", "strconv.Atoi: parsing " + goQuote(s) + ": value out of range");
        }
        if (value < 0) {
            throw ApiError.invalidParam("limit", "limit must be non-negative");
        }
        return (int) Math.min(Integer.MAX_VALUE, value);
    }

    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder();
        io.weir.promql.model.Labels.quote(sb, s);
        return sb.toString();
    }

    /** A vector or matrix cut to {@code limit} entries; other values as they are. */
    static QueryValue truncate(QueryValue value, int limit) {
        if (limit <= 0) {
            return value;
        }
        if (value instanceof QueryValue.Vector v && v.samples().size() > limit) {
            return new QueryValue.Vector(v.samples().subList(0, limit));
        }
        if (value instanceof QueryValue.Matrix m && m.series().size() > limit) {
            return new QueryValue.Matrix(m.series().subList(0, limit));
        }
        return value;
    }

    /** A list cut to {@code limit} entries. */
    static <T> List<T> truncate(List<T> list, int limit) {
        return limit > 0 && list.size() > limit ? list.subList(0, limit) : list;
    }
}
