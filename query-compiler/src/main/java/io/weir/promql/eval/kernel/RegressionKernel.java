package io.weir.promql.eval.kernel;

/**
 * {@code deriv} and {@code predict_linear}: a least-squares line through the window's samples, with
 * x in seconds relative to an intercept time and every sum Kahan-compensated.
 */
public enum RegressionKernel implements RangeKernel {
    /** The slope per second, x measured from the first sample. */
    DERIV {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return fit(ts, vals, from, to, ts[from], false, 0);
        }
    },
    /** The line's value {@code params[0]} seconds after the evaluation time. */
    PREDICT_LINEAR {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return fit(ts, vals, from, to, et, true, p[0]);
        }
    };

    @Override
    public int minSamples() {
        return 2;
    }

    /**
     * Fits the line and returns its slope, or (when {@code predict}) slope times {@code duration}
     * plus the intercept at {@code interceptTime}.
     */
    static double fit(
            long[] ts,
            double[] vals,
            int from,
            int to,
            long interceptTime,
            boolean predict,
            double duration) {
        double n = 0;
        double sumX = 0;
        double cX = 0;
        double sumY = 0;
        double cY = 0;
        double sumXY = 0;
        double cXY = 0;
        double sumX2 = 0;
        double cX2 = 0;
        double initY = vals[from];
        boolean constY = true;
        for (int i = from; i < to; i++) {
            double y = vals[i];
            if (constY && i > from && y != initY) {
                constY = false;
            }
            n += 1.0;
            double x = (ts[i] - interceptTime) / 1e3;
            cX = KahanSum.compensation(x, sumX, cX);
            sumX += x;
            cY = KahanSum.compensation(y, sumY, cY);
            sumY += y;
            double xy = x * y;
            cXY = KahanSum.compensation(xy, sumXY, cXY);
            sumXY += xy;
            double x2 = x * x;
            cX2 = KahanSum.compensation(x2, sumX2, cX2);
            sumX2 += x2;
        }
        double slope;
        double intercept;
        if (constY) {
            // A constant series has slope zero exactly (the sums would give rounding noise),
            // unless the constant is infinite, where nothing sensible can be said.
            if (Double.isInfinite(initY)) {
                slope = Double.NaN;
                intercept = Double.NaN;
            } else {
                slope = 0;
                intercept = initY;
            }
        } else {
            sumX += cX;
            sumY += cY;
            sumXY += cXY;
            sumX2 += cX2;
            double covXY = sumXY - sumX * sumY / n;
            double varX = sumX2 - sumX * sumX / n;
            slope = covXY / varX;
            intercept = sumY / n - slope * sumX / n;
        }
        return predict ? slope * duration + intercept : slope;
    }
}
