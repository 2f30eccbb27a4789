package io.weir.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.weir.promql.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A sample's labels are checked against a cached selection's encoded labels, byte by byte. */
class ProgramsSelectionTest {
    private static final String[] PARTS = {"", "a", "b", "ab", "__name__", "x\u00e9", "a\u0001"};

    private static byte[] encoded(Labels l) {
        return StepPoint.encode(l).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sameLabelsAreFoundAndOthersAreNot() {
        Random random = new Random(7);
        List<Labels> sets = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String[] pairs = new String[2 * random.nextInt(4)];
            for (int k = 0; k < pairs.length; k++) {
                pairs[k] = PARTS[random.nextInt(PARTS.length)];
            }
            try {
                sets.add(Labels.of(pairs));
            } catch (IllegalArgumentException e) {
                // not a label set
            }
        }
        int unknown = 0;
        for (Labels a : sets) {
            Boolean self = Programs.Selection.encodedAs(a, encoded(a));
            assertEquals(true, self == null || self, a.toString());
            for (Labels b : sets) {
                Boolean same = Programs.Selection.encodedAs(a, encoded(b));
                if (same == null) {
                    unknown++;
                } else {
                    assertEquals(a.equals(b), same, a + " against " + b);
                }
            }
        }
        // Labels beyond ASCII are left to the comparison of the label sets.
        assertNull(
                Programs.Selection.encodedAs(
                        Labels.of("j", "x\u00e9"), encoded(Labels.of("j", "x\u00e9"))));
        assertEquals(true, unknown > 0);
    }

    @Test
    void prefixesAndSeparatorsDiffer() {
        Labels ab = Labels.of("a", "b");
        assertEquals(false, Programs.Selection.encodedAs(ab, encoded(Labels.of("a", "bc"))));
        assertEquals(false, Programs.Selection.encodedAs(Labels.of("a", "bc"), encoded(ab)));
        assertEquals(
                false, Programs.Selection.encodedAs(ab, encoded(Labels.of("a", "b", "c", "d"))));
        assertEquals(false, Programs.Selection.encodedAs(Labels.EMPTY, encoded(ab)));
        assertEquals(true, Programs.Selection.encodedAs(Labels.EMPTY, new byte[0]));
    }
}
