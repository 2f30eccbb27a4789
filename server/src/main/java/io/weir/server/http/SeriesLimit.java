package io.weir.server.http;

/** The wording of the {@code --max-series} limit. */
final class SeriesLimit {
    private SeriesLimit() {}

    static String message(long limit) {
        return "query processing would load too many series into memory in query execution"
                + " (limit: "
                + limit
                + " series)";
    }
}
