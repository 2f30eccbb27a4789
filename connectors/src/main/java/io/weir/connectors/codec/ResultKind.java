package io.weir.connectors.codec;

/** Whether a view's value at a step may still change (early) or never will (final). */
public enum ResultKind {
    /** The watermark passed the step plus the view's lateness: this is the value. */
    FINAL,
    /** A provisional value for an open step, pushed to live subscribers before it is final. */
    EARLY
}
