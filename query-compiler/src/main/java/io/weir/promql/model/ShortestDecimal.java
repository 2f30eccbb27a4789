package io.weir.promql.model;

import java.math.BigInteger;

/**
 * The shortest decimal {@code significand × 10^exponent} that reads back as a positive finite
 * double, the closest to the double's exact value when several of that length exist (an even last
 * digit on an exact tie): what Go's {@code strconv} computes (with Ryu) for its shortest formats.
 *
 * <p>The method is Schubfach (R. Giulietti, "The Schubfach way to render doubles", 2020). A double
 * {@code c·2^q} owns the rounding interval between the midpoints to its neighbours (closed when
 * {@code c} is even, as a round-half-even reader decides). Schubfach picks the largest power of ten
 * {@code 10^k} not wider than that interval, so at least one of the two multiples of {@code 10^k}
 * around the value lies inside it, while at most one multiple of {@code 10^(k+1)} does: it first
 * tries the two multiples of {@code 10^(k+1)} around the value (one digit fewer), else takes the
 * closer of the two multiples of {@code 10^k} that lies inside. The scaling by {@code 10^-k} is one
 * multiplication by a 126-bit approximation from above, kept to the integer part plus a sticky bit
 * (round to odd); the paper proves this keeps every comparison with the interval's ends exact.
 *
 * <p>{@link #significand} and {@link #exponent} are split so that neither allocates; the
 * significand may end in zeros (the caller strips them).
 */
final class ShortestDecimal {
    private static final int MANTISSA_BITS = 52;
    private static final long FRACTION_MASK = (1L << MANTISSA_BITS) - 1;
    private static final long HIDDEN_BIT = 1L << MANTISSA_BITS;

    /** A double's value is {@code c·2^q} with {@code q = biased exponent - EXPONENT_OFFSET}. */
    private static final int EXPONENT_OFFSET = 1075;

    /** The binary exponent of the subnormals. */
    private static final int Q_MIN = 1 - EXPONENT_OFFSET;

    private static final long MASK_63 = Long.MAX_VALUE;

    /**
     * The powers of ten that scale a double, {@code 10^e} for {@code e = -k}: {@code k} runs from
     * {@code floor(log10(2^-1074)) = -324} to {@code floor(log10(2^971)) = 292}.
     */
    private static final int E_MIN = -292;

    private static final int E_MAX = 324;

    /**
     * {@code g(e) = floor(10^e · 2^(125 - floor(log2(10^e)))) + 1}, so {@code 2^125 < g < 2^126},
     * split into its high and low 63 bits so that every partial product fits a signed multiply.
     */
    private static final long[] G_HIGH = new long[E_MAX - E_MIN + 1];

    private static final long[] G_LOW = new long[E_MAX - E_MIN + 1];

    static {
        BigInteger low63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int e = E_MIN; e <= E_MAX; e++) {
            BigInteger p = BigInteger.TEN.pow(Math.abs(e));
            BigInteger g;
            if (e >= 0) {
                // 10^e · 2^(125 - (bitLength - 1)), floored.
                int shift = 126 - p.bitLength();
                g = shift >= 0 ? p.shiftLeft(shift) : p.shiftRight(-shift);
            } else {
                // 10^-|e| lies in [2^-bitLength, 2^(1-bitLength)): floor(log2) = -bitLength.
                g = BigInteger.ONE.shiftLeft(125 + p.bitLength()).divide(p);
            }
            g = g.add(BigInteger.ONE);
            G_HIGH[e - E_MIN] = g.shiftRight(63).longValueExact();
            G_LOW[e - E_MIN] = g.and(low63).longValueExact();
        }
    }

    private ShortestDecimal() {}

    /**
     * The digits of the shortest decimal of {@code a} (finite, positive), maybe ending in zeros.
     */
    static long significand(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int biased = (int) (bits >>> MANTISSA_BITS);
        long fraction = bits & FRACTION_MASK;
        long c;
        int q;
        if (biased != 0) {
            c = fraction | HIDDEN_BIT;
            q = biased - EXPONENT_OFFSET;
            if (isSmallInteger(c, q)) {
                return c >> -q;
            }
        } else {
            c = fraction;
            q = Q_MIN;
        }
        boolean asymmetric = fraction == 0 && biased > 1;
        int k = scale(q, asymmetric);
        int h = q + floorLog2Pow10(-k) + 2;
        long g1 = G_HIGH[-k - E_MIN];
        long g0 = G_LOW[-k - E_MIN];

        // The value and the interval's ends in units of 2^(q-2), then scaled to units of 10^k / 4.
        long cb = c << 2;
        long cbLow = asymmetric ? cb - 1 : cb - 2;
        long cbHigh = cb + 2;
        long vb = roundToOdd(g1, g0, cb << h);
        long vbLow = roundToOdd(g1, g0, cbLow << h);
        long vbHigh = roundToOdd(g1, g0, cbHigh << h);
        // An odd c owns neither end: a candidate must then lie strictly inside.
        long out = c & 1;

        long s = vb >> 2;
        // One digit fewer: the multiples of 10^(k+1) on either side of the value.
        long sp10 = s / 10 * 10;
        long tp10 = sp10 + 10;
        boolean sp10In = vbLow + out <= sp10 << 2;
        boolean tp10In = (tp10 << 2) + out <= vbHigh;
        if (sp10In != tp10In) {
            return sp10In ? sp10 : tp10;
        }
        // Else the two multiples of 10^k around the value; at least one lies inside.
        long t = s + 1;
        boolean sIn = vbLow + out <= s << 2;
        boolean tIn = (t << 2) + out <= vbHigh;
        if (sIn != tIn) {
            return sIn ? s : t;
        }
        // Both: the closer one, the even one on a tie.
        long cmp = vb - ((s + t) << 1);
        return cmp < 0 || (cmp == 0 && (s & 1) == 0) ? s : t;
    }

    /** The power of ten that {@link #significand}'s digits are in units of. */
    static int exponent(double a) {
        long bits = Double.doubleToRawLongBits(a);
        int biased = (int) (bits >>> MANTISSA_BITS);
        long fraction = bits & FRACTION_MASK;
        if (biased == 0) {
            return scale(Q_MIN, false);
        }
        int q = biased - EXPONENT_OFFSET;
        if (isSmallInteger(fraction | HIDDEN_BIT, q)) {
            return 0;
        }
        return scale(q, fraction == 0 && biased > 1);
    }

    /**
     * Whole numbers below 2^53 are their own shortest decimal: the interval is at most one wide and
     * every other decimal of as few digits is a whole number too (Go takes the same path).
     */
    private static boolean isSmallInteger(long c, int q) {
        return q <= 0 && q > -MANTISSA_BITS - 1 && (c & ((1L << -q) - 1)) == 0;
    }

    /**
     * {@code k}: the largest power of ten not wider than the rounding interval, {@code 2^q} wide,
     * or {@code 3/4 · 2^q} when the value is a power of two whose lower neighbour is closer.
     */
    private static int scale(int q, boolean asymmetric) {
        return asymmetric ? floorLog10ThreeQuartersPow2(q) : floorLog10Pow2(q);
    }

    /** {@code floor(q · log10(2))}, exact for |q| up to several thousand (checked by tests). */
    static int floorLog10Pow2(int q) {
        return (int) ((q * 661_971_961_083L) >> 41);
    }

    /** {@code floor(log10(3/4 · 2^q))}. */
    static int floorLog10ThreeQuartersPow2(int q) {
        return (int) ((q * 661_971_961_083L - 274_743_187_321L) >> 41);
    }

    /** {@code floor(e · log2(10))}. */
    static int floorLog2Pow10(int e) {
        return (int) ((e * 913_124_641_741L) >> 38);
    }

    /**
     * {@code floor(g · cp / 2^127)} with its lowest bit set when the product has a fraction ("round
     * to odd"), where {@code g = g1·2^63 + g0} and {@code cp < 2^63}. The bits below the top 63 of
     * the fraction are dropped; the paper shows that for these operands this never changes the
     * result.
     */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long integer = y1 + (z >>> 63);
        return integer | (((z & MASK_63) + MASK_63) >>> 63);
    }
}
