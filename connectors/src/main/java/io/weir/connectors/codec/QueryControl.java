package io.weir.connectors.codec;

/** A record of the compacted control topic {@code weir.queries}: register a view or drop it. */
public sealed interface QueryControl {
    /** The view's name: the record key, so compaction keeps the latest state of each view. */
    String name();

    record Register(QueryRegistration registration) implements QueryControl {
        @Override
        public String name() {
            return registration.name();
        }
    }

    /** A tombstone: the view is dropped and its state freed. */
    record Drop(String name) implements QueryControl {}
}
