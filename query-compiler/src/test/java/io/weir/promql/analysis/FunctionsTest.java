package io.weir.promql.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.ast.ValueType;
import org.junit.jupiter.api.Test;

class FunctionsTest {
    @Test
    void knowsRateAndItsArgument() {
        FunctionSignature rate = Functions.lookup("rate");
        assertEquals(ValueType.RANGE_VECTOR, rate.argType(0));
        assertEquals(ValueType.INSTANT_VECTOR, rate.returnType());
        assertEquals(1, rate.minArgs());
        assertEquals(1, rate.maxArgs());
    }

    @Test
    void variadicCounts() {
        assertEquals(0, Functions.lookup("hour").minArgs());
        assertEquals(1, Functions.lookup("hour").maxArgs());
        assertEquals(3, Functions.lookup("label_join").minArgs());
        assertEquals(-1, Functions.lookup("label_join").maxArgs());
        assertEquals(ValueType.STRING, Functions.lookup("label_join").argType(7));
        assertEquals(12, Functions.lookup("histogram_quantiles").maxArgs());
    }

    @Test
    void unknownIsNullAndNamesAreCaseSensitive() {
        assertNull(Functions.lookup("foo"));
        assertNull(Functions.lookup("RATE"));
    }

    @Test
    void experimentalFlag() {
        assertTrue(Functions.lookup("mad_over_time").experimental());
        assertTrue(Functions.lookup("sort_by_label").experimental());
        assertEquals(false, Functions.lookup("rate").experimental());
    }

    @Test
    void tableSize() {
        assertEquals(90, Functions.all().size());
    }
}
