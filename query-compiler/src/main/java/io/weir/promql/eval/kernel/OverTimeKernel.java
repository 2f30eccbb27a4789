package io.weir.promql.eval.kernel;

/**
 * The {@code *_over_time} family and {@code resets}/{@code changes}: functions of the samples in
 * the window that ignore where in the window they lie. Timestamps in results are in seconds.
 */
public enum OverTimeKernel implements RangeKernel {
    AVG {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return average(vals, from, to);
        }
    },
    SUM {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            double sum = 0;
            double c = 0;
            for (int i = from; i < to; i++) {
                c = KahanSum.compensation(vals[i], sum, c);
                sum += vals[i];
            }
            return Double.isInfinite(sum) ? sum : sum + c;
        }
    },
    COUNT {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return to - from;
        }
    },
    MIN {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            double min = vals[from];
            for (int i = from; i < to; i++) {
                // NaN is replaced by any other value, so NaN only comes out when all are NaN.
                if (vals[i] < min || Double.isNaN(min)) {
                    min = vals[i];
                }
            }
            return min;
        }
    },
    MAX {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            double max = vals[from];
            for (int i = from; i < to; i++) {
                if (vals[i] > max || Double.isNaN(max)) {
                    max = vals[i];
                }
            }
            return max;
        }
    },
    LAST {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return vals[to - 1];
        }
    },
    FIRST {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return vals[from];
        }
    },
    PRESENT {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return 1;
        }
    },
    STDDEV {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return Math.sqrt(variance(vals, from, to));
        }
    },
    STDVAR {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return variance(vals, from, to);
        }
    },
    /** The timestamp of the last occurrence of the minimum. */
    TS_OF_MIN {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            double min = vals[from];
            long at = ts[from];
            for (int i = from; i < to; i++) {
                if (vals[i] <= min || Double.isNaN(min)) {
                    min = vals[i];
                    at = ts[i];
                }
            }
            return at / 1000.0;
        }
    },
    /** The timestamp of the last occurrence of the maximum. */
    TS_OF_MAX {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            double max = vals[from];
            long at = ts[from];
            for (int i = from; i < to; i++) {
                if (vals[i] >= max || Double.isNaN(max)) {
                    max = vals[i];
                    at = ts[i];
                }
            }
            return at / 1000.0;
        }
    },
    TS_OF_FIRST {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return ts[from] / 1000.0;
        }
    },
    TS_OF_LAST {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            return ts[to - 1] / 1000.0;
        }
    },
    /** {@code quantile_over_time(q, v)}; {@code params[0]} is q. */
    QUANTILE {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            int n = to - from;
            double[] scratch = new double[n];
            System.arraycopy(vals, from, scratch, 0, n);
            return Quantiles.quantile(p[0], scratch, n);
        }
    },
    /** The median absolute deviation from the median; NaN if any value is NaN. */
    MAD {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            int n = to - from;
            double[] scratch = new double[n];
            for (int i = 0; i < n; i++) {
                double v = vals[from + i];
                if (Double.isNaN(v)) {
                    return Double.NaN;
                }
                scratch[i] = v;
            }
            double median = Quantiles.median(scratch, n);
            for (int i = 0; i < n; i++) {
                scratch[i] = Math.abs(scratch[i] - median);
            }
            return Quantiles.median(scratch, n);
        }
    },
    /** How often the value dropped (a counter reset). */
    RESETS {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            int resets = 0;
            for (int i = from + 1; i < to; i++) {
                if (vals[i] < vals[i - 1]) {
                    resets++;
                }
            }
            return resets;
        }
    },
    /** How often the value changed; NaN followed by NaN is no change. */
    CHANGES {
        @Override
        public double apply(
                long[] ts, double[] vals, int from, int to, long ws, long we, long et, double[] p) {
            int changes = 0;
            for (int i = from + 1; i < to; i++) {
                double cur = vals[i];
                double prev = vals[i - 1];
                if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                    changes++;
                }
            }
            return changes;
        }
    };

    @Override
    public int minSamples() {
        return 1;
    }

    /**
     * The mean as Prometheus computes it: a Kahan sum divided by the count while the sum stays
     * finite, switching to an incremental mean (also Kahan-compensated) from the value that would
     * overflow the sum.
     */
    static double average(double[] vals, int from, int to) {
        double sum = vals[from];
        double count = 1;
        double mean = 0;
        double c = 0;
        boolean incremental = false;
        for (int i = from + 1; i < to; i++) {
            double f = vals[i];
            count = i - from + 1;
            if (!incremental) {
                double newSum = sum + f;
                double newC = KahanSum.compensation(f, sum, c);
                if (!Double.isInfinite(newSum)) {
                    sum = newSum;
                    c = newC;
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                c /= count - 1;
            }
            double q = (count - 1) / count;
            double inc = f / count;
            double base = q * mean;
            c = KahanSum.compensation(inc, base, q * c);
            mean = base + inc;
        }
        if (incremental) {
            return mean + c;
        }
        return sum / count + c / count;
    }

    /**
     * The population variance by Welford's method with both running terms Kahan-compensated, as
     * Prometheus's {@code stdvar_over_time} computes it.
     */
    static double variance(double[] vals, int from, int to) {
        double count = 0;
        double mean = 0;
        double cMean = 0;
        double aux = 0;
        double cAux = 0;
        for (int i = from; i < to; i++) {
            double f = vals[i];
            count++;
            double delta = f - (mean + cMean);
            double meanInc = delta / count;
            cMean = KahanSum.compensation(meanInc, mean, cMean);
            mean += meanInc;
            double auxInc = delta * (f - (mean + cMean));
            cAux = KahanSum.compensation(auxInc, aux, cAux);
            aux += auxInc;
        }
        return (aux + cAux) / count;
    }
}
