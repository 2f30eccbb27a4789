package io.weir.connectors.codec;

import io.weir.connectors.text.ExpositionFormat;
import java.util.Locale;

/** The formats a metrics topic may carry; each topic is configured with one. */
public enum MetricFormat {
    /** Weir's compact sample batches ({@link MetricBatchCodec}). */
    BINARY("binary"),
    /** Prometheus text exposition 0.0.4, millisecond timestamps. */
    PROMETHEUS_TEXT("prometheus"),
    /** OpenMetrics 1.0 text, timestamps in seconds, ending with {@code # EOF}. */
    OPENMETRICS("openmetrics"),
    /** JSON samples ({@link JsonSampleDecoder}). */
    JSON("json");

    private final String code;

    MetricFormat(String code) {
        this.code = code;
    }

    /** The name used in configuration. */
    public String code() {
        return code;
    }

    public static MetricFormat fromCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (MetricFormat f : values()) {
            if (f.code.equals(c)) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown metrics format \""
                        + code
                        + "\" (expected binary, prometheus, openmetrics or json)");
    }

    public MetricDecoder decoder() {
        return switch (this) {
            case BINARY -> new BinaryBatchDecoder();
            case PROMETHEUS_TEXT -> new TextDecoder(ExpositionFormat.PROMETHEUS);
            case OPENMETRICS -> new TextDecoder(ExpositionFormat.OPENMETRICS);
            case JSON -> new JsonSampleDecoder();
        };
    }
}
