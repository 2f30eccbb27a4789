package io.weir.connectors.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Records of {@code weir.queries}. Key: the view name in UTF-8. Value: the registration as a JSON
 * object {@code {"name","query","step","lateness","retention"}} with durations in milliseconds, or
 * no value at all (a tombstone) to drop the view. Unknown fields are ignored, so newer writers can
 * add some. Layout in {@code connectors/FORMATS.md}.
 */
public final class QueryControlCodec {
    private QueryControlCodec() {}

    public static byte[] encodeKey(QueryControl control) {
        return control.name().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON registration, or {@code null} (a tombstone) for a drop. */
    public static byte[] encodeValue(QueryControl control) {
        // Java 17 has no pattern switch; the sealed interface has exactly these two kinds.
        if (control instanceof QueryControl.Register reg) {
            return encodeRegistration(reg.registration());
        }
        return null;
    }

    private static byte[] encodeRegistration(QueryRegistration r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("name", r.name());
        o.put("query", r.query());
        o.put("step", r.step().toMillis());
        o.put("lateness", r.lateness().toMillis());
        o.put("retention", r.retention().toMillis());
        try {
            return Json.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            // A tree of strings and numbers always serialises.
            throw new UncheckedIOException(e);
        }
    }

    public static QueryControl decode(byte[] key, byte[] value) throws CorruptRecordException {
        if (key == null || key.length == 0) {
            throw new CorruptRecordException("control record without a view name key");
        }
        String name = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new QueryControl.Drop(name);
        }
        JsonNode node = Json.parse(value);
        String where = "registration of view " + name;
        if (!node.isObject()) {
            throw new CorruptRecordException(where + ": expected a JSON object");
        }
        String bodyName = Json.requireString(node, "name", where);
        if (!bodyName.equals(name)) {
            throw new CorruptRecordException(
                    where + ": the record names view " + bodyName + " in its value");
        }
        String query = Json.requireString(node, "query", where);
        long step = Json.requireLong(node, "step", where);
        long lateness = Json.requireLong(node, "lateness", where);
        long retention = Json.requireLong(node, "retention", where);
        try {
            return new QueryControl.Register(
                    new QueryRegistration(
                            name,
                            query,
                            Duration.ofMillis(step),
                            Duration.ofMillis(lateness),
                            Duration.ofMillis(retention)));
        } catch (IllegalArgumentException e) {
            throw new CorruptRecordException(where + ": " + e.getMessage(), e);
        }
    }
}
