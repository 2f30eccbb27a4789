package io.weir.server.views;

/** Where a view is in its life, as {@code GET /api/v1/views} reports it. */
public enum ViewStatus {
    /** Published on the control topic; no result has been stored yet. */
    REGISTERED,
    /** Results are arriving. */
    RUNNING,
    /** Dropped; its history is freed. */
    DROPPED;

    /** The name in the API's JSON. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
