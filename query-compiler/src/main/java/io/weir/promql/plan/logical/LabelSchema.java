package io.weir.promql.plan.logical;

import java.util.Collection;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The shape of the label sets a node outputs, as far as the plan alone can tell: none (scalars and
 * strings), exactly a fixed set of names at most ({@code sum by (a)}), or the input series' labels
 * minus some names ({@code sum without (a)}, selectors). The optimizer checks that no rule changes
 * a node's schema. {@code __name__} is left out: when it is dropped is decided late, at output.
 *
 * @param labels the names of {@link Kind#AT_MOST}, or the removed names of {@link
 *     Kind#INPUT_WITHOUT}
 */
public record LabelSchema(Kind kind, SortedSet<String> labels) {
    public static final LabelSchema NONE = new LabelSchema(Kind.NONE, Set.of());
    public static final LabelSchema ALL = new LabelSchema(Kind.INPUT_WITHOUT, Set.of());

    /** The three shapes. */
    public enum Kind {
        NONE,
        AT_MOST,
        INPUT_WITHOUT
    }

    public LabelSchema(Kind kind, Collection<String> labels) {
        this(kind, sorted(labels));
    }

    public LabelSchema {
        labels = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(labels));
    }

    private static SortedSet<String> sorted(Collection<String> names) {
        TreeSet<String> s = new TreeSet<>(names);
        s.remove("__name__");
        return s;
    }

    public static LabelSchema atMost(Collection<String> names) {
        return new LabelSchema(Kind.AT_MOST, names);
    }

    /** This schema after removing {@code names}. */
    public LabelSchema without(Collection<String> names) {
        TreeSet<String> s = new TreeSet<>(labels);
        if (kind == Kind.AT_MOST) {
            s.removeAll(names);
        } else if (kind == Kind.INPUT_WITHOUT) {
            s.addAll(names);
        }
        return new LabelSchema(kind, s);
    }

    /** This schema after adding (or overwriting) label {@code name}. */
    public LabelSchema with(String name) {
        TreeSet<String> s = new TreeSet<>(labels);
        if (kind == Kind.AT_MOST) {
            s.add(name);
        } else if (kind == Kind.INPUT_WITHOUT) {
            s.remove(name);
        }
        return new LabelSchema(kind, s);
    }

    /** This schema keeping only {@code names}. */
    public LabelSchema keep(Collection<String> names) {
        if (kind == Kind.AT_MOST) {
            TreeSet<String> s = new TreeSet<>(labels);
            s.retainAll(names);
            return atMost(s);
        }
        return atMost(names);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case AT_MOST -> "at most " + labels;
            case INPUT_WITHOUT -> labels.isEmpty() ? "input" : "input without " + labels;
        };
    }
}
