package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KahanSumTest {
    @Test
    void keepsWhatPlainAdditionLoses() {
        KahanSum k = new KahanSum();
        for (double v : new double[] {1, 1e100, 1, -1e100}) {
            k.add(v);
        }
        assertEquals(0, k.sum());
        assertEquals(2, k.value());
    }

    @Test
    void anInfiniteSumStaysExactlyInfinite() {
        KahanSum k = new KahanSum();
        k.add(0.1);
        k.add(Double.POSITIVE_INFINITY);
        assertEquals(0, k.compensation());
        k.add(3);
        assertEquals(Double.POSITIVE_INFINITY, k.value());
        k.add(Double.NEGATIVE_INFINITY);
        assertEquals(Double.NaN, k.value());
        k.reset();
        assertEquals(0, k.value());
    }

    @Test
    void compensationTakesTheErrorOfTheSmallerOperand() {
        // 1e16 + 1 rounds to 1e16: the lost 1 goes to the compensation either way round.
        assertEquals(1, KahanSum.compensation(1, 1e16, 0));
        assertEquals(1, KahanSum.compensation(1e16, 1, 0));
        assertEquals(0, KahanSum.compensation(Double.MAX_VALUE, Double.MAX_VALUE, 5));
    }
}
