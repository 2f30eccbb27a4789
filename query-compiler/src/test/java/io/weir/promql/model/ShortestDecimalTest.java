package io.weir.promql.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link GoFloatFormat} on {@link ShortestDecimal} against {@link ExactShortest}, the exact
 * BigDecimal search it replaced: the same digits and the same layout in all three styles.
 */
class ShortestDecimalTest {

    private static void assertSameAsOracle(double v) {
        if (v == 0) {
            // The oracle writes zero as "0" in 'e' style too; Go (and GoFloatFormat) as "0e+00".
            assertEquals(ExactShortest.formatF(v), GoFloatFormat.formatF(v));
            assertEquals(ExactShortest.formatG(v), GoFloatFormat.formatG(v));
            return;
        }
        String what =
                Double.toString(v)
                        + " (bits "
                        + Long.toHexString(Double.doubleToRawLongBits(v))
                        + ")";
        assertEquals(ExactShortest.formatE(v), GoFloatFormat.formatE(v), what);
        assertEquals(ExactShortest.formatF(v), GoFloatFormat.formatF(v), what);
        assertEquals(ExactShortest.formatG(v), GoFloatFormat.formatG(v), what);
    }

    /** Both signs of {@code v}. */
    private static void check(double v) {
        assertSameAsOracle(v);
        assertSameAsOracle(-v);
    }

    @Test
    void randomBitPatternsOfEveryExponent() {
        Random r = new Random(20261123);
        for (int i = 0; i < 100_000; i++) {
            assertSameAsOracle(Double.longBitsToDouble(r.nextLong()));
        }
        // Every biased exponent, subnormals (0) included, with random fractions.
        for (long biased = 0; biased <= 2046; biased++) {
            for (int i = 0; i < 25; i++) {
                long fraction = r.nextLong() & ((1L << 52) - 1);
                assertSameAsOracle(Double.longBitsToDouble(biased << 52 | fraction));
            }
        }
    }

    @Test
    void powersOfTwoAndTheEdgesOfEveryBinade() {
        // A zero fraction is a power of two whose lower neighbour is closer (from the second
        // binade on); fractions 1 and all ones are the binade's other ends.
        long ones = (1L << 52) - 1;
        for (long biased = 0; biased <= 2046; biased++) {
            for (long fraction : new long[] {0, 1, 2, 3, ones, ones - 1}) {
                double v = Double.longBitsToDouble(biased << 52 | fraction);
                if (v != 0) {
                    check(v);
                }
            }
        }
    }

    @Test
    void boundaries() {
        for (double v :
                new double[] {
                    Double.MIN_VALUE,
                    2 * Double.MIN_VALUE,
                    3 * Double.MIN_VALUE,
                    Double.MIN_NORMAL,
                    Math.nextDown(Double.MIN_NORMAL),
                    Math.nextUp(Double.MIN_NORMAL),
                    Double.MAX_VALUE,
                    Math.nextDown(Double.MAX_VALUE),
                    Double.NaN,
                    Double.POSITIVE_INFINITY,
                    0.0,
                    1.0,
                    Math.nextUp(1.0),
                    Math.nextDown(1.0),
                    0.1 + 0.2,
                    0.1 + 0.7,
                    1.1 * 1.1,
                    1 - 0.9,
                    100.0 / 3,
                    2.0 / 3,
                    Math.PI,
                    Math.E,
                    2.0e-3
                }) {
            check(v);
        }
        // Decimals that do not read back exactly (1e23 lies below 10^23).
        for (String s :
                new String[] {
                    "5e-324",
                    "4.9406564584124654e-324",
                    "2.2250738585072014e-308",
                    "1.7976931348623157e308",
                    "9007199254740993",
                    "1e23",
                    "8.41e21",
                    "5.0e-310"
                }) {
            check(Double.parseDouble(s));
        }
    }

    @Test
    void powersOfTenAndTheirNeighbours() {
        for (int e = -324; e <= 308; e++) {
            double v = Double.parseDouble("1e" + e);
            if (v != 0) {
                check(v);
                check(Math.nextUp(v));
                check(Math.nextDown(v));
            }
        }
    }

    @Test
    void wholeNumbersAroundTwoToThe53AndBeyond() {
        for (int shift = 50; shift <= 64; shift++) {
            double base = Math.scalb(1.0, shift);
            double v = base;
            double w = base;
            for (int i = 0; i < 300; i++) {
                check(v);
                check(w);
                v = Math.nextUp(v);
                w = Math.nextDown(w);
            }
        }
        Random r = new Random(53);
        for (int i = 0; i < 20_000; i++) {
            check((double) (r.nextLong() >>> r.nextInt(64)));
        }
    }

    @Test
    void ratesAndRandomWalks() {
        // What a view of rates holds: counts over a window in seconds.
        for (int n = 0; n < 30_000; n++) {
            assertSameAsOracle(n / 300.0);
            assertSameAsOracle(n / 60.0);
        }
        Random r = new Random(4);
        double x = 100;
        for (int i = 0; i < 30_000; i++) {
            x += r.nextGaussian();
            assertSameAsOracle(x);
        }
        for (int i = 0; i < 10_000; i++) {
            check(r.nextDouble() * Math.scalb(1.0, r.nextInt(200) - 100));
        }
    }

    @Test
    void shortDecimalsAndSumsOfThem() {
        // Values read from short decimals, and sums of tenths: where ties and near-ties between two
        // candidates of the same length appear.
        Random r = new Random(10);
        for (int i = 0; i < 30_000; i++) {
            int length = 1 + r.nextInt(17);
            long digits = Math.floorMod(r.nextLong(), BigInteger.TEN.pow(length).longValueExact());
            check(Double.parseDouble(digits + "e" + (r.nextInt(640) - 330)));
        }
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 100; j++) {
                assertSameAsOracle(i * 0.1 + j * 0.1);
                assertSameAsOracle(i * 0.01 + j);
            }
        }
    }

    @Property
    void anyDouble(@ForAll double v) {
        assertSameAsOracle(v);
    }

    @Test
    void logarithmApproximationsAreExactOverTheirRange() {
        // Every binary exponent a double (or a subnormal) can have, with a margin.
        for (int q = -1100; q <= 1100; q++) {
            assertEquals(
                    floorLog10(BigInteger.ONE, q), ShortestDecimal.floorLog10Pow2(q), "q=" + q);
            assertEquals(
                    floorLog10(BigInteger.valueOf(3), q - 2),
                    ShortestDecimal.floorLog10ThreeQuartersPow2(q),
                    "q=" + q);
        }
        for (int e = -400; e <= 400; e++) {
            BigInteger p = BigInteger.TEN.pow(Math.abs(e));
            // 10^e >= 1: bitLength - 1; 10^-|e| < 1 and never a power of two: -bitLength.
            int expected = e >= 0 ? p.bitLength() - 1 : -p.bitLength();
            assertEquals(expected, ShortestDecimal.floorLog2Pow10(e), "e=" + e);
        }
    }

    /** {@code floor(log10(m · 2^q))}, exactly, for a positive integer m. */
    private static int floorLog10(BigInteger m, int q) {
        // Compare n = m·2^q with powers of ten as fractions over a common denominator.
        BigInteger num = q >= 0 ? m.shiftLeft(q) : m;
        BigInteger den = q >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft(-q);
        int k = (int) Math.floor(q * 0.30102999566398120 + Math.log10(m.doubleValue())) - 2;
        // Walk up to the largest k with 10^k <= num/den.
        while (atMost(k + 1, num, den)) {
            k++;
        }
        while (!atMost(k, num, den)) {
            k--;
        }
        return k;
    }

    /** Whether 10^k <= num/den. */
    private static boolean atMost(int k, BigInteger num, BigInteger den) {
        BigInteger p = BigInteger.TEN.pow(Math.abs(k));
        return k >= 0 ? p.multiply(den).compareTo(num) <= 0 : den.compareTo(num.multiply(p)) <= 0;
    }
}
