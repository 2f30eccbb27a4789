package io.weir.promql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** {@link Labels#ofSorted} gives what {@link Labels#of} gives, whatever the order of its input. */
class LabelsOfSortedTest {

    @Property
    void sameAsTheBuilder(@ForAll @Size(max = 12) List<@StringLength(max = 3) String> strings) {
        List<String> pairs = new ArrayList<>(strings);
        if (pairs.size() % 2 != 0) {
            pairs.remove(pairs.size() - 1);
        }
        String[] a = pairs.toArray(new String[0]);
        Labels built = Labels.of(a);
        assertEquals(built, Labels.ofSorted(a));
        assertEquals(built.toString(), Labels.ofSorted(a).toString());

        // A label set's own pairs are taken as they are.
        String[] own = new String[built.size() * 2];
        for (int i = 0; i < built.size(); i++) {
            own[2 * i] = built.name(i);
            own[2 * i + 1] = built.value(i);
        }
        Labels fast = Labels.ofSorted(own);
        assertEquals(built, fast);
        assertEquals(built.hash64(), fast.hash64());
    }

    @Test
    void emptyIsTheEmptySet() {
        assertSame(Labels.EMPTY, Labels.ofSorted());
    }

    @Test
    void theArrayIsNotShared() {
        String[] pairs = {"a", "1", "b", "2"};
        Labels l = Labels.ofSorted(pairs);
        pairs[1] = "changed";
        assertEquals("1", l.get("a"));
    }
}
