package io.weir.server.store;

/** What became of one appended sample. */
public sealed interface AppendResult {
    /** The sample was stored (or replaced the value at the same timestamp in the head chunk). */
    record Accepted() implements AppendResult {}

    /** The sample was not stored; {@code reason} says why, in words fit for a log line. */
    record Rejected(String reason) implements AppendResult {}

    default boolean accepted() {
        return this instanceof Accepted;
    }
}
