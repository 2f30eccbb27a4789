package io.weir.promql.ast;

/** The four PromQL value types, named as Prometheus's error messages name them. */
public enum ValueType {
    SCALAR("scalar"),
    INSTANT_VECTOR("instant vector"),
    RANGE_VECTOR("range vector"),
    STRING("string");

    private final String display;

    ValueType(String display) {
        this.display = display;
    }

    /** The name Prometheus uses in messages, e.g. "instant vector". */
    public String display() {
        return display;
    }

    @Override
    public String toString() {
        return display;
    }
}
