package io.weir.promql.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * An immutable label set, sorted by name, with {@code __name__} holding the metric name. A series
 * is identified by its label set; {@link #hash64()} is the stable 64-bit identity used as the Kafka
 * and Flink key (collisions are possible and must be resolved by comparing the sets).
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    /** names and values interleaved: n0, v0, n1, v1, ... sorted by name, no empty values. */
    private final String[] pairs;

    private int hash;
    private long hash64;
    private boolean hashed;

    private Labels(String[] pairs) {
        this.pairs = pairs;
    }

    /** Builds a label set from name/value pairs; empty values are dropped as in Prometheus. */
    public static Labels of(String... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of label name/value strings");
        }
        Builder b = builder();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            b.set(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return b.build();
    }

    /**
     * The label set of names and values interleaved ({@code n0, v0, n1, v1, ...}) as a label set
     * lists them: names in strictly ascending order, no empty value. Decoders of label sets that
     * were written in that order use it to skip the builder's sorting; pairs in any other form go
     * through the builder, so the result is always what {@link #of} gives.
     */
    public static Labels ofSorted(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of label name/value strings");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            Objects.requireNonNull(pairs[i], "name");
            boolean ordered = i == 0 || pairs[i - 2].compareTo(pairs[i]) < 0;
            if (!ordered || pairs[i + 1] == null || pairs[i + 1].isEmpty()) {
                return of(pairs);
            }
        }
        return pairs.length == 0 ? EMPTY : new Labels(pairs.clone());
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder b = builder();
        map.forEach(b::set);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.map.put(pairs[i], pairs[i + 1]);
        }
        return b;
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of a label, or the empty string when absent (Prometheus's convention). */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? "" : pairs[2 * i + 1];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The metric name, or the empty string. */
    public String metricName() {
        return get(METRIC_NAME);
    }

    private int indexOf(String name) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    public Labels withoutMetricName() {
        return has(METRIC_NAME) ? without(List.of(METRIC_NAME)) : this;
    }

    /** The labels whose names are in {@code names}. */
    public Labels keep(Collection<String> names) {
        return filter(names::contains);
    }

    /** The labels whose names are not in {@code names}. */
    public Labels without(Collection<String> names) {
        return filter(n -> !names.contains(n));
    }

    public Labels filter(Predicate<String> keepName) {
        List<String> out = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i += 2) {
            if (keepName.test(pairs[i])) {
                out.add(pairs[i]);
                out.add(pairs[i + 1]);
            }
        }
        if (out.size() == pairs.length) {
            return this;
        }
        return new Labels(out.toArray(new String[0]));
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /**
     * A stable 64-bit hash of the label set (FNV-1a over names and values with separators). Stable
     * across JVMs and versions: it is persisted as Kafka keys and in state.
     */
    public long hash64() {
        ensureHashed();
        return hash64;
    }

    private void ensureHashed() {
        if (hashed) {
            return;
        }
        long h = 0xcbf29ce484222325L;
        for (String s : pairs) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                h ^= c & 0xff;
                h *= 0x100000001b3L;
                h ^= c >>> 8;
                h *= 0x100000001b3L;
            }
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        hash64 = h;
        hash = (int) (h ^ (h >>> 32));
        hashed = true;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels other)) {
            return false;
        }
        return hashCode() == other.hashCode() && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        ensureHashed();
        return hash;
    }

    /** Orders label sets as Prometheus does: pairwise by name, then value; shorter first. */
    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i += 2) {
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
            c = pairs[i + 1].compareTo(o.pairs[i + 1]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    /** Prometheus notation: {@code name{a="b"}}, or {@code {a="b"}} without a name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        boolean plainName = !name.isEmpty() && isLegacyMetricName(name);
        if (plainName) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < pairs.length; i += 2) {
            if (plainName && pairs[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            if (isLegacyLabelName(pairs[i])) {
                sb.append(pairs[i]);
            } else {
                quote(sb, pairs[i]);
            }
            sb.append('=');
            quote(sb, pairs[i + 1]);
        }
        sb.append('}');
        if (plainName && sb.length() == name.length() + 2) {
            sb.setLength(name.length());
        }
        return sb.toString();
    }

    /** Appends a double-quoted string with Go-style escapes. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    public static boolean isLegacyMetricName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || c == '_'
                            || c == ':'
                            || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static boolean isLegacyLabelName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || c == '_'
                            || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Collects labels; the last value set for a name wins; empty values delete the label. */
    public static final class Builder {
        private final TreeMap<String, String> map = new TreeMap<>();

        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null || value.isEmpty()) {
                map.remove(name);
            } else {
                map.put(name, value);
            }
            return this;
        }

        public Builder remove(String name) {
            map.remove(name);
            return this;
        }

        public Labels build() {
            if (map.isEmpty()) {
                return EMPTY;
            }
            String[] p = new String[map.size() * 2];
            int i = 0;
            for (Map.Entry<String, String> e : map.entrySet()) {
                p[i++] = e.getKey();
                p[i++] = e.getValue();
            }
            return new Labels(p);
        }
    }
}
