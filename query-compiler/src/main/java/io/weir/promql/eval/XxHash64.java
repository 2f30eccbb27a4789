package io.weir.promql.eval;

import io.weir.promql.model.Labels;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * XXH64 (seed 0) of a label set's canonical bytes ({@code name 0xff value 0xff ...}), which is how
 * Prometheus hashes labels; limit_ratio derives its sampling offset from it, so the same series are
 * kept here as there.
 */
final class XxHash64 {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final BigDecimal TWO_64 = new BigDecimal("18446744073709551616");

    private XxHash64() {}

    /** The label hash as a fraction of the hash space, in [0, 1]. */
    static double labelsOffset(Labels labels) {
        long h = hash(canonicalBytes(labels));
        double num = new BigDecimal(Long.toUnsignedString(h)).doubleValue();
        return num / TWO_64.doubleValue();
    }

    static byte[] canonicalBytes(Labels labels) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < labels.size(); i++) {
            byte[] n = labels.name(i).getBytes(StandardCharsets.UTF_8);
            byte[] v = labels.value(i).getBytes(StandardCharsets.UTF_8);
            out.write(n, 0, n.length);
            out.write(0xff);
            out.write(v, 0, v.length);
            out.write(0xff);
        }
        return out.toByteArray();
    }

    static long hash(byte[] b) {
        int len = b.length;
        int i = 0;
        long h;
        if (len >= 32) {
            long v1 = 0x60EA27EEADC0B5D6L; // P1 + P2, wrapping
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            while (i + 32 <= len) {
                v1 = round(v1, le64(b, i));
                v2 = round(v2, le64(b, i + 8));
                v3 = round(v3, le64(b, i + 16));
                v4 = round(v4, le64(b, i + 24));
                i += 32;
            }
            h =
                    Long.rotateLeft(v1, 1)
                            + Long.rotateLeft(v2, 7)
                            + Long.rotateLeft(v3, 12)
                            + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = P5;
        }
        h += len;
        while (i + 8 <= len) {
            h ^= round(0, le64(b, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            i += 8;
        }
        if (i + 4 <= len) {
            h ^= (le32(b, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        while (i < len) {
            h ^= (b[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            i++;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        acc += input * P2;
        acc = Long.rotateLeft(acc, 31);
        return acc * P1;
    }

    private static long mergeRound(long acc, long val) {
        acc ^= round(0, val);
        return acc * P1 + P4;
    }

    private static long le64(byte[] b, int i) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (b[i + k] & 0xFFL);
        }
        return v;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF)
                | (b[i + 1] & 0xFF) << 8
                | (b[i + 2] & 0xFF) << 16
                | (b[i + 3] & 0xFF) << 24;
    }
}
