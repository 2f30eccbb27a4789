package io.weir.promql.eval.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class QuantilesTest {
    private static final double NAN = Double.NaN;

    @Test
    void interpolatesBetweenNeighbouringRanks() {
        Approx.close(2.8, Quantiles.quantile(0.8, new double[] {4, 0, 1}, 3));
        Approx.exact(1.5, Quantiles.quantile(0.75, new double[] {2, 1, 0}, 3));
        Approx.exact(7, Quantiles.quantile(0.5, new double[] {7}, 1));
        // Only the first n values count.
        Approx.exact(1, Quantiles.quantile(1, new double[] {1, 0, 99}, 2));
    }

    @Test
    void nanSortsFirst() {
        double[] v = {1, NAN, 0, NAN};
        Approx.exact(NAN, Quantiles.quantile(0, v, 4));
        assertArrayEquals(new double[] {NAN, NAN, 0, 1}, v);
        Approx.close(0.6, Quantiles.quantile(0.8, new double[] {0, 1, NAN}, 3));
        Approx.exact(NAN, Quantiles.quantile(0.2, new double[] {0, 1, NAN}, 3));
        Approx.exact(NAN, Quantiles.quantile(0.5, new double[] {NAN, NAN}, 2));
    }

    @Test
    void edgeCases() {
        Approx.exact(NAN, Quantiles.quantile(0.5, new double[0], 0));
        Approx.exact(NAN, Quantiles.quantile(NAN, new double[] {1}, 1));
        Approx.exact(Double.NEGATIVE_INFINITY, Quantiles.quantile(-1, new double[] {1}, 1));
        Approx.exact(Double.POSITIVE_INFINITY, Quantiles.quantile(2, new double[] {1}, 1));
        // Interpolation weighs the top value by 0, and Inf * 0 is NaN: so in Prometheus too.
        Approx.exact(NAN, Quantiles.quantile(1, new double[] {Double.POSITIVE_INFINITY, 1}, 2));
        Approx.exact(
                Double.POSITIVE_INFINITY,
                Quantiles.quantile(0.75, new double[] {Double.POSITIVE_INFINITY, 1, 2}, 3));
    }
}
