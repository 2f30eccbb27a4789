package io.weir.promql.analysis;

import static io.weir.promql.ast.ValueType.INSTANT_VECTOR;
import static io.weir.promql.ast.ValueType.RANGE_VECTOR;
import static io.weir.promql.ast.ValueType.SCALAR;
import static io.weir.promql.ast.ValueType.STRING;

import io.weir.promql.ast.ValueType;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every function of PromQL (Prometheus 3.x, experimental ones included) with its signature. This is
 * the one table the checker, planner and evaluator consult.
 */
public final class Functions {
    private static final Map<String, FunctionSignature> TABLE = build();

    private Functions() {}

    /** The signature of {@code name} (case-sensitive, as in Prometheus), or null if unknown. */
    public static FunctionSignature lookup(String name) {
        return TABLE.get(name);
    }

    /** All signatures, ordered by name. */
    public static Collection<FunctionSignature> all() {
        return TABLE.values();
    }

    private static SortedMap<String, FunctionSignature> build() {
        SortedMap<String, FunctionSignature> m = new TreeMap<>();
        // Element-wise math on an instant vector.
        for (String f :
                List.of(
                        "abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos",
                        "cosh", "deg", "exp", "floor", "ln", "log10", "log2", "rad", "sgn", "sin",
                        "sinh", "sqrt", "tan", "tanh")) {
            add(m, f, INSTANT_VECTOR, 0, false, INSTANT_VECTOR);
        }
        for (String f :
                List.of(
                        "absent",
                        "histogram_avg",
                        "histogram_count",
                        "histogram_sum",
                        "histogram_stddev",
                        "histogram_stdvar",
                        "sort",
                        "sort_desc",
                        "timestamp")) {
            add(m, f, INSTANT_VECTOR, 0, false, INSTANT_VECTOR);
        }
        add(m, "start_timestamp", INSTANT_VECTOR, 0, true, INSTANT_VECTOR);
        // Range-vector functions.
        for (String f :
                List.of(
                        "absent_over_time",
                        "avg_over_time",
                        "changes",
                        "count_over_time",
                        "delta",
                        "deriv",
                        "first_over_time",
                        "idelta",
                        "increase",
                        "irate",
                        "last_over_time",
                        "max_over_time",
                        "min_over_time",
                        "present_over_time",
                        "rate",
                        "resets",
                        "stddev_over_time",
                        "stdvar_over_time",
                        "sum_over_time")) {
            add(m, f, RANGE_VECTOR, 0, false, INSTANT_VECTOR);
        }
        for (String f :
                List.of(
                        "mad_over_time",
                        "ts_of_first_over_time",
                        "ts_of_last_over_time",
                        "ts_of_max_over_time",
                        "ts_of_min_over_time")) {
            add(m, f, RANGE_VECTOR, 0, true, INSTANT_VECTOR);
        }
        // Time functions: the vector argument is optional (defaults to vector(time())).
        for (String f :
                List.of(
                        "days_in_month",
                        "day_of_month",
                        "day_of_week",
                        "day_of_year",
                        "hour",
                        "minute",
                        "month",
                        "year")) {
            add(m, f, INSTANT_VECTOR, 1, false, INSTANT_VECTOR);
        }
        // Scalar-valued functions without arguments.
        add(m, "pi", List.of(), 0, false, SCALAR);
        add(m, "time", List.of(), 0, false, SCALAR);
        for (String f : List.of("start", "end", "range", "step")) {
            add(m, f, List.of(), 0, true, SCALAR);
        }
        add(m, "clamp", List.of(INSTANT_VECTOR, SCALAR, SCALAR), 0, false, INSTANT_VECTOR);
        add(m, "clamp_max", List.of(INSTANT_VECTOR, SCALAR), 0, false, INSTANT_VECTOR);
        add(m, "clamp_min", List.of(INSTANT_VECTOR, SCALAR), 0, false, INSTANT_VECTOR);
        add(m, "round", List.of(INSTANT_VECTOR, SCALAR), 1, false, INSTANT_VECTOR);
        add(m, "scalar", List.of(INSTANT_VECTOR), 0, false, SCALAR);
        add(m, "vector", List.of(SCALAR), 0, false, INSTANT_VECTOR);
        add(m, "max_of", List.of(SCALAR, SCALAR), 0, true, SCALAR);
        add(m, "min_of", List.of(SCALAR, SCALAR), 0, true, SCALAR);
        add(m, "predict_linear", List.of(RANGE_VECTOR, SCALAR), 0, false, INSTANT_VECTOR);
        add(m, "quantile_over_time", List.of(SCALAR, RANGE_VECTOR), 0, false, INSTANT_VECTOR);
        add(
                m,
                "double_exponential_smoothing",
                List.of(RANGE_VECTOR, SCALAR, SCALAR),
                0,
                true,
                INSTANT_VECTOR);
        add(
                m,
                "histogram_fraction",
                List.of(SCALAR, SCALAR, INSTANT_VECTOR),
                0,
                false,
                INSTANT_VECTOR);
        add(m, "histogram_quantile", List.of(SCALAR, INSTANT_VECTOR), 0, false, INSTANT_VECTOR);
        add(
                m,
                "histogram_quantiles",
                List.of(INSTANT_VECTOR, STRING, SCALAR, SCALAR),
                9,
                true,
                INSTANT_VECTOR);
        add(m, "info", List.of(INSTANT_VECTOR, INSTANT_VECTOR), 1, true, INSTANT_VECTOR);
        add(
                m,
                "label_replace",
                List.of(INSTANT_VECTOR, STRING, STRING, STRING, STRING),
                0,
                false,
                INSTANT_VECTOR);
        add(
                m,
                "label_join",
                List.of(INSTANT_VECTOR, STRING, STRING, STRING),
                -1,
                false,
                INSTANT_VECTOR);
        add(m, "sort_by_label", List.of(INSTANT_VECTOR, STRING), -1, true, INSTANT_VECTOR);
        add(m, "sort_by_label_desc", List.of(INSTANT_VECTOR, STRING), -1, true, INSTANT_VECTOR);
        return Collections.unmodifiableSortedMap(m);
    }

    private static void add(
            Map<String, FunctionSignature> m,
            String name,
            ValueType arg,
            int variadic,
            boolean experimental,
            ValueType ret) {
        add(m, name, List.of(arg), variadic, experimental, ret);
    }

    private static void add(
            Map<String, FunctionSignature> m,
            String name,
            List<ValueType> args,
            int variadic,
            boolean experimental,
            ValueType ret) {
        if (m.put(name, new FunctionSignature(name, args, variadic, ret, experimental)) != null) {
            throw new IllegalStateException("duplicate function " + name);
        }
    }
}
