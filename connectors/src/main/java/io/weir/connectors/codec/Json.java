package io.weir.connectors.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the JSON formats; thread-safe once configured. */
final class Json {
    static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Json() {}

    static JsonNode parse(byte[] data) throws CorruptRecordException {
        if (data == null || data.length == 0) {
            throw new CorruptRecordException("empty JSON record");
        }
        try {
            JsonNode node = MAPPER.readTree(data);
            if (node == null || node.isMissingNode()) {
                throw new CorruptRecordException("empty JSON record");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CorruptRecordException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new CorruptRecordException("invalid JSON: " + e.getMessage(), e);
        }
    }

    /** A required whole number, rejecting fractions and strings. */
    static long requireLong(JsonNode obj, String field, String where)
            throws CorruptRecordException {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            throw new CorruptRecordException(where + ": missing \"" + field + "\"");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new CorruptRecordException(
                    where + ": \"" + field + "\" must be a whole number, got " + n);
        }
        return n.longValue();
    }

    static String requireString(JsonNode obj, String field, String where)
            throws CorruptRecordException {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            throw new CorruptRecordException(where + ": missing \"" + field + "\"");
        }
        if (!n.isTextual()) {
            throw new CorruptRecordException(
                    where + ": \"" + field + "\" must be a string, got " + n);
        }
        return n.textValue();
    }
}
