package io.weir.connectors.text;

import io.weir.promql.model.Labels;

/**
 * Receives the samples of a parsed exposition, one call per sample, in file order. The same {@link
 * Labels} instance is passed for every sample of a series written the same way, so a sink that keys
 * by labels finds its series by identity first.
 */
@FunctionalInterface
public interface SampleSink {
    void accept(Labels series, long timestampMillis, double value);
}
