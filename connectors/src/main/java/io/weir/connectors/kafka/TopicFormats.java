package io.weir.connectors.kafka;

import io.weir.connectors.codec.MetricFormat;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which format each metrics topic carries, e.g. {@code weir.metrics=binary,scrapes=openmetrics}.
 * The source reads all of these topics and decodes each record by its topic's format.
 */
public final class TopicFormats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, MetricFormat> formats;

    private TopicFormats(Map<String, MetricFormat> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no metrics topic configured");
        }
        this.formats = new LinkedHashMap<>(formats);
    }

    public static TopicFormats of(Map<String, MetricFormat> formats) {
        return new TopicFormats(formats);
    }

    public static TopicFormats single(String topic, MetricFormat format) {
        return new TopicFormats(Map.of(topic, format));
    }

    /**
     * Parses {@code topic=format[,topic=format...]}; formats are {@code binary}, {@code
     * prometheus}, {@code openmetrics} and {@code json}. A topic without {@code =format} is binary.
     */
    public static TopicFormats parse(String spec) {
        Map<String, MetricFormat> m = new LinkedHashMap<>();
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty topic in \"" + spec + "\"");
            }
            int eq = p.indexOf('=');
            String topic = eq < 0 ? p : p.substring(0, eq).trim();
            MetricFormat f =
                    eq < 0 ? MetricFormat.BINARY : MetricFormat.fromCode(p.substring(eq + 1));
            if (topic.isEmpty()) {
                throw new IllegalArgumentException("empty topic in \"" + spec + "\"");
            }
            if (m.put(topic, f) != null) {
                throw new IllegalArgumentException("topic " + topic + " configured twice");
            }
        }
        return new TopicFormats(m);
    }

    public List<String> topics() {
        return new ArrayList<>(formats.keySet());
    }

    /** The topic's format, or {@code null} for a topic not configured. */
    public MetricFormat formatOf(String topic) {
        return formats.get(topic);
    }

    public Map<String, MetricFormat> asMap() {
        return Map.copyOf(formats);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFormats t && formats.equals(t.formats);
    }

    @Override
    public int hashCode() {
        return formats.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        formats.forEach(
                (t, f) ->
                        sb.append(sb.length() == 0 ? "" : ",")
                                .append(t)
                                .append('=')
                                .append(f.code()));
        return sb.toString();
    }
}
