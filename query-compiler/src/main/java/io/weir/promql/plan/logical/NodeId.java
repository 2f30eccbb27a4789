package io.weir.promql.plan.logical;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The id of a plan node: the first 64 bits of a SHA-256 digest of its kind, its attributes and its
 * inputs' ids, in hex. It depends on content only, so it is the same in every JVM, for every view
 * that contains the node, and across restarts: Flink operator uids and state keys derive from it.
 */
public record NodeId(String hex) implements Comparable<NodeId> {
    public NodeId {
        if (hex.length() != 16) {
            throw new IllegalArgumentException("node id must be 16 hex digits: " + hex);
        }
    }

    public static NodeId of(LogicalNode node) {
        StringBuilder sb = new StringBuilder(node.kind()).append('(');
        sb.append(node.attributes()).append(")[");
        for (LogicalNode in : node.inputs()) {
            sb.append(in.id().hex).append(',');
        }
        sb.append(']');
        return new NodeId(digest(sb.toString()));
    }

    private static String digest(String text) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(16);
            for (int i = 0; i < 8; i++) {
                hex.append(Character.forDigit((d[i] >> 4) & 0xf, 16));
                hex.append(Character.forDigit(d[i] & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public int compareTo(NodeId o) {
        return hex.compareTo(o.hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
