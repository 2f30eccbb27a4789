package io.weir.server.http;

import io.weir.promql.PromqlException;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.LabelMatchers;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.QueryParams;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code /api/v1/series}, {@code /api/v1/labels} and {@code /api/v1/label/<name>/values}: what the
 * store holds, optionally narrowed by {@code match[]} selectors and a time range.
 */
final class SeriesEndpoints {
    /** Prometheus's default bounds when start or end is absent, in milliseconds. */
    static final long MIN_TIME = (Long.MIN_VALUE / 1000 + 62_135_596_801L) * 1000;

    static final long MAX_TIME = (Long.MAX_VALUE / 1000 - 62_135_596_801L) * 1000 + 999;

    private final SampleStore store;
    private final long maxSeries;

    SeriesEndpoints(SampleStore store, long maxSeries) {
        this.store = store;
        this.maxSeries = maxSeries;
    }

    String series(FormParams p) throws ApiError {
        List<String> match = p.all("match[]");
        if (match.isEmpty()) {
            throw ApiError.badData("no match[] parameter provided");
        }
        int limit = ResultLimit.parse(p);
        long[] range = timeRange(p);
        List<List<LabelMatcher>> sets;
        try {
            sets = matcherSets(match);
        } catch (ApiError e) {
            throw ApiError.invalidParam("match[]", e.getMessage());
        }
        List<Labels> all = new ArrayList<>(select(sets, range));
        if (maxSeries > 0 && all.size() > maxSeries) {
            throw new ApiError(ApiError.Type.EXECUTION, SeriesLimit.message(maxSeries));
        }
        List<Labels> kept = ResultLimit.truncate(all, limit);
        StringBuilder sb = new StringBuilder(256);
        sb.append('[');
        for (int i = 0; i < kept.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Json.labels(sb, kept.get(i));
        }
        sb.append(']');
        return Json.success(sb.toString(), warnings(all, kept));
    }

    String labelNames(FormParams p) throws ApiError {
        int limit = ResultLimit.parse(p);
        long[] range = timeRange(p);
        List<List<LabelMatcher>> sets = matcherSets(p.all("match[]"));
        if (sets.isEmpty()) {
            return strings(store.labelNames(), limit);
        }
        TreeSet<String> names = new TreeSet<>();
        for (Labels labels : select(sets, range)) {
            for (int i = 0; i < labels.size(); i++) {
                names.add(labels.name(i));
            }
        }
        return strings(new ArrayList<>(names), limit);
    }

    String labelValues(String rawName, FormParams p) throws ApiError {
        String name = LabelNames.unescape(rawName);
        if (name.isEmpty() || name.indexOf('\ufffd') >= 0) {
            StringBuilder sb = new StringBuilder("invalid label name: ");
            Labels.quote(sb, name);
            throw ApiError.badData(sb.toString());
        }
        int limit = ResultLimit.parse(p);
        long[] range = timeRange(p);
        List<List<LabelMatcher>> sets = matcherSets(p.all("match[]"));
        if (sets.isEmpty()) {
            return strings(store.labelValues(name), limit);
        }
        TreeSet<String> values = new TreeSet<>();
        for (Labels labels : select(sets, range)) {
            String v = labels.get(name);
            if (v != null && !v.isEmpty()) {
                values.add(v);
            }
        }
        return strings(new ArrayList<>(values), limit);
    }

    private static String strings(List<String> all, int limit) {
        List<String> kept = ResultLimit.truncate(all, limit);
        return Json.success(Json.stringArray(kept), warnings(all, kept));
    }

    private static List<String> warnings(List<?> all, List<?> kept) {
        return kept.size() < all.size() ? List.of(ResultLimit.TRUNCATED) : List.of();
    }

    /** The union of the series every matcher set selects, sorted and without duplicates. */
    private SortedSet<Labels> select(List<List<LabelMatcher>> sets, long[] range) {
        TreeSet<Labels> out = new TreeSet<>();
        for (List<LabelMatcher> set : sets) {
            for (SampleStore.StoredSeries s : store.select(set, range[0], range[1])) {
                out.add(s.labels());
            }
        }
        return out;
    }

    private static long[] timeRange(FormParams p) throws ApiError {
        try {
            String start = p.first("start");
            String end = p.first("end");
            return new long[] {
                start.isEmpty() ? MIN_TIME : QueryParams.parseTime("start", start),
                end.isEmpty() ? MAX_TIME : QueryParams.parseTime("end", end)
            };
        } catch (BadParameterException e) {
            throw ApiError.badData(e.getMessage());
        }
    }

    /**
     * Parses {@code match[]} selectors; as Prometheus, each must have a matcher that does not match
     * the empty string, or it would select every series.
     */
    static List<List<LabelMatcher>> matcherSets(List<String> selectors) throws ApiError {
        List<List<LabelMatcher>> sets = new ArrayList<>(selectors.size());
        for (String s : selectors) {
            List<LabelMatcher> matchers;
            try {
                matchers = PromqlParser.parseMetricSelector(s);
            } catch (PromqlException e) {
                throw ApiError.badData(e.getMessage());
            }
            boolean selective = false;
            for (LabelMatcher m : matchers) {
                if (!LabelMatchers.matches(m, "")) {
                    selective = true;
                    break;
                }
            }
            if (!selective) {
                throw ApiError.badData("match[] must contain at least one non-empty matcher");
            }
            sets.add(matchers);
        }
        return sets;
    }
}
