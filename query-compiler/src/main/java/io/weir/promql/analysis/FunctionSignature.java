package io.weir.promql.analysis;

import io.weir.promql.ast.ValueType;
import java.util.List;
import java.util.Objects;

/**
 * The signature of a PromQL function, as the checker and evaluator see it.
 *
 * @param argTypes the declared argument types; when {@code variadic != 0} the last one is the type
 *     of every optional trailing argument
 * @param variadic 0 for a fixed argument count; n &gt; 0 when up to n trailing arguments may follow
 *     the first {@code argTypes.size() - 1}; -1 when any number may
 * @param experimental true for functions Prometheus guards behind its experimental-functions flag
 */
public record FunctionSignature(
        String name,
        List<ValueType> argTypes,
        int variadic,
        ValueType returnType,
        boolean experimental) {
    public FunctionSignature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returnType, "returnType");
        argTypes = List.copyOf(argTypes);
        if (variadic < -1) {
            throw new IllegalArgumentException("variadic " + variadic);
        }
    }

    /** The fewest arguments a call may pass. */
    public int minArgs() {
        return variadic == 0 ? argTypes.size() : argTypes.size() - 1;
    }

    /** The most arguments a call may pass, or -1 when unbounded. */
    public int maxArgs() {
        if (variadic == 0) {
            return argTypes.size();
        }
        return variadic < 0 ? -1 : argTypes.size() - 1 + variadic;
    }

    /** The expected type of argument {@code i} (0-based), repeating the last for variadics. */
    public ValueType argType(int i) {
        return argTypes.get(Math.min(i, argTypes.size() - 1));
    }
}
