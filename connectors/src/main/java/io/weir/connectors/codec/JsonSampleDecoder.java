package io.weir.connectors.codec;

import com.fasterxml.jackson.databind.JsonNode;
import io.weir.connectors.text.FloatParser;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes JSON samples. A record holds one sample {@code
 * {"labels":{"__name__":"x","job":"a"},"timestamp":1700000000000,"value":1.5}}, one series with
 * several samples {@code {"labels":{...},"samples":[[1700000000000,1.5],[1700000015000,2]]}}, or a
 * JSON array of either. Timestamps are whole milliseconds. A value is a JSON number or a string as
 * Prometheus writes values ({@code "NaN"}, {@code "+Inf"}, {@code "1e3"}). Labels must include a
 * non-empty {@code __name__}; every label value is a string. The record is all or nothing.
 */
public final class JsonSampleDecoder implements MetricDecoder {
    @Override
    public Decoded decode(byte[] key, byte[] value, long recordTimestamp) {
        try {
            JsonNode root = Json.parse(value);
            List<MetricSample> out = new ArrayList<>();
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    readSeries(root.get(i), "element " + i, out);
                }
            } else {
                readSeries(root, "sample", out);
            }
            return new Decoded.Samples(out);
        } catch (CorruptRecordException e) {
            return Decoded.undecodable(e.getMessage());
        }
    }

    private static void readSeries(JsonNode node, String where, List<MetricSample> out)
            throws CorruptRecordException {
        if (!node.isObject()) {
            throw new CorruptRecordException(where + ": expected a JSON object");
        }
        Labels labels = readLabels(node.get("labels"), where);
        JsonNode samples = node.get("samples");
        if (samples == null) {
            long t = Json.requireLong(node, "timestamp", where);
            out.add(new MetricSample(labels, t, readValue(node.get("value"), where)));
            return;
        }
        if (node.has("timestamp") || node.has("value")) {
            throw new CorruptRecordException(
                    where + ": \"samples\" cannot be combined with \"timestamp\" or \"value\"");
        }
        if (!samples.isArray() || samples.isEmpty()) {
            throw new CorruptRecordException(
                    where + ": \"samples\" must be a non-empty array of [timestamp, value]");
        }
        for (int i = 0; i < samples.size(); i++) {
            JsonNode pair = samples.get(i);
            String at = where + " sample " + i;
            if (!pair.isArray() || pair.size() != 2) {
                throw new CorruptRecordException(at + ": expected [timestamp, value]");
            }
            JsonNode t = pair.get(0);
            if (!t.isIntegralNumber() || !t.canConvertToLong()) {
                throw new CorruptRecordException(
                        at + ": timestamp must be whole milliseconds, got " + t);
            }
            out.add(new MetricSample(labels, t.longValue(), readValue(pair.get(1), at)));
        }
    }

    private static Labels readLabels(JsonNode node, String where) throws CorruptRecordException {
        if (node == null || !node.isObject()) {
            throw new CorruptRecordException(where + ": \"labels\" must be a JSON object");
        }
        Labels.Builder b = Labels.builder();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().isEmpty()) {
                throw new CorruptRecordException(where + ": empty label name");
            }
            if (!e.getValue().isTextual()) {
                throw new CorruptRecordException(
                        where + ": value of label " + e.getKey() + " must be a string");
            }
            b.set(e.getKey(), e.getValue().textValue());
        }
        Labels labels = b.build();
        String name = labels.get(Labels.METRIC_NAME);
        if (name == null || name.isEmpty()) {
            throw new CorruptRecordException(where + ": labels lack a metric name (__name__)");
        }
        return labels;
    }

    private static double readValue(JsonNode v, String where) throws CorruptRecordException {
        if (v == null || v.isNull()) {
            throw new CorruptRecordException(where + ": missing \"value\"");
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return FloatParser.parse(v.textValue());
            } catch (NumberFormatException e) {
                throw new CorruptRecordException(
                        where + ": value \"" + v.textValue() + "\" is not a number", e);
            }
        }
        throw new CorruptRecordException(where + ": value must be a number or a string, got " + v);
    }
}
