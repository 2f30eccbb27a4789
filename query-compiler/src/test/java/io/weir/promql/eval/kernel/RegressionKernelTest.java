package io.weir.promql.eval.kernel;

import static io.weir.promql.eval.kernel.Window.concat;
import static io.weir.promql.eval.kernel.Window.load;
import static io.weir.promql.eval.kernel.Window.m;
import static io.weir.promql.eval.kernel.Window.s;
import static io.weir.promql.eval.kernel.Window.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.weir.promql.PromqlException;
import org.junit.jupiter.api.Test;

class RegressionKernelTest {
    private static final RangeKernel DERIV = RangeKernels.forFunction("deriv");
    private static final RangeKernel PREDICT = RangeKernels.forFunction("predict_linear");
    private static final RangeKernel DES = RangeKernels.forFunction("double_exponential_smoothing");

    private static final Window RESET_MIDDLE = load(m(5), concat(seq(0, 10, 4), seq(0, 10, 5)));

    @Test
    void derivOfALineIsItsSlope() {
        Approx.close(0.26666666666666666, load(m(5), seq(0, 80, 10)).eval(DERIV, m(50), m(50)));
        Approx.close(0.010606060606060607, RESET_MIDDLE.eval(DERIV, m(50), m(100)));
    }

    @Test
    void infinitiesGiveNaN() {
        Window inf =
                load(
                        m(5),
                        concat(
                                new double[] {Double.NEGATIVE_INFINITY},
                                seq(0, 80, 10),
                                new double[] {Double.POSITIVE_INFINITY}));
        Approx.exact(Double.NaN, inf.eval(DERIV, m(100), m(100)));
        Approx.exact(Double.NaN, inf.eval(PREDICT, m(100), m(100), 6000));
        Window constInf = load(m(1), Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        Approx.exact(Double.NaN, constInf.eval(DERIV, m(1), m(5)));
    }

    @Test
    void aConstantHasSlopeExactlyZero() {
        Window c = load(s(10), 0.1, 0.1, 0.1, 0.1);
        Approx.exact(0, c.eval(DERIV, s(30), m(1)));
        Approx.exact(0.1, c.eval(PREDICT, s(30), m(1), 1000));
    }

    @Test
    void predictLinearHasItsInterceptAtTheEvaluationTime() {
        Approx.close(70, RESET_MIDDLE.eval(PREDICT, m(50), m(50), 3600));
        // predict_linear(x[55m] @ 3000, 3600) evaluated at 50m, 10m and 70m: the window ends
        // at 3000s, the intercept lies at the evaluation time.
        Approx.close(
                76.81818181818181,
                RESET_MIDDLE.evalWithOffset(PREDICT, m(50), m(55), m(50) - s(3000), 3600));
        Approx.close(
                51.36363636363637,
                RESET_MIDDLE.evalWithOffset(PREDICT, m(10), m(55), m(10) - s(3000), 3600));
        Approx.close(
                89.54545454545455,
                RESET_MIDDLE.evalWithOffset(PREDICT, m(70), m(55), m(70) - s(3000), 3600));
    }

    @Test
    void doubleExponentialSmoothingFollowsATrend() {
        Window up1 = load(s(10), concat(seq(0, 10, 1000), seq(100, 30, 1000)));
        Window up2 = load(s(10), seq(0, 40, 2000));
        Approx.close(8000, up1.eval(DES, s(8000), m(1), 0.01, 0.1));
        Approx.close(32000, up2.eval(DES, s(8000), m(1), 0.01, 0.1));
        Approx.close(30100, up1.eval(DES, s(20010), m(1), 0.01, 0.1));
        Window down = load(s(10), seq(0, -20, 1000));
        Approx.close(-16000, down.eval(DES, s(8000), m(1), 0.01, 0.1));
    }

    @Test
    void doubleExponentialSmoothingByHand() {
        // s1 = 1, b = 2; i=1: s1 = 0.5*3 + 0.5*(1+2) = 3;
        // i=2: b = 0.5*(3-1) + 0.5*2 = 2, s1 = 0.5*10 + 0.5*(3+2) = 7.5.
        Approx.exact(7.5, load(s(1), 1, 3, 10).eval(DES, s(2), s(5), 0.5, 0.5));
    }

    @Test
    void doubleExponentialSmoothingRejectsBadFactorsEvenWithOneSample() {
        Window one = load(s(10), 5);
        PromqlException e =
                assertThrows(PromqlException.class, () -> one.eval(DES, 0, m(1), 0, 0.5));
        assertEquals(PromqlException.ErrorCode.EXECUTION, e.code());
        assertEquals(
                "invalid smoothing factor. Expected: 0 < sf < 1, got: 0.000000", e.getMessage());
        e = assertThrows(PromqlException.class, () -> one.eval(DES, 0, m(1), 0.5, 1));
        assertEquals("invalid trend factor. Expected: 0 < tf < 1, got: 1.000000", e.getMessage());
        e = assertThrows(PromqlException.class, () -> one.eval(DES, 0, m(1), Double.NaN, 0.5));
        assertEquals("invalid smoothing factor. Expected: 0 < sf < 1, got: NaN", e.getMessage());
        e = assertThrows(PromqlException.class, () -> one.eval(DES, 0, m(1), 0.5, -1.25));
        assertEquals("invalid trend factor. Expected: 0 < tf < 1, got: -1.250000", e.getMessage());
    }
}
