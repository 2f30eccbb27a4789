package io.weir.job;

import io.weir.promql.model.Labels;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One value of one view at one step on its way between stages.
 *
 * @param view the view name
 * @param step the step timestamp
 * @param labels the series' labels, encoded by {@link #encode}
 * @param dropName whether the metric name is to be removed from the output, as Prometheus removes
 *     it only when the result is returned
 * @param valueBits the value's raw bits (a staleness marker must not become an ordinary NaN)
 * @param early whether the point is of a step not final yet (an early result's input)
 */
@TypeInfo(StepPointType.Factory.class)
public record StepPoint(
        String view, long step, String labels, boolean dropName, long valueBits, boolean early) {
    private static final char SEP = '\u0000';

    /** A final point with the value {@code value}, staleness markers kept. */
    public static StepPoint of(
            String view, long step, String labels, boolean dropName, double value) {
        return of(view, step, labels, dropName, value, false);
    }

    /** A point with the value {@code value}, staleness markers kept. */
    public static StepPoint of(
            String view, long step, String labels, boolean dropName, double value, boolean early) {
        return new StepPoint(
                view, step, labels, dropName, Double.doubleToRawLongBits(value), early);
    }

    /** The value. */
    public double value() {
        return Double.longBitsToDouble(valueBits);
    }

    /**
     * Names and values joined by NUL characters. Label names cannot hold a NUL; a value holding one
     * would be split wrongly, which {@link #encode} refuses.
     */
    public static String encode(Labels l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (l.value(i).indexOf(SEP) >= 0) {
                throw new IllegalArgumentException("label value with a NUL character: " + l);
            }
            if (i > 0) {
                sb.append(SEP);
            }
            sb.append(l.name(i)).append(SEP).append(l.value(i));
        }
        return sb.toString();
    }

    /** The label set of an encoded string. */
    public static Labels decode(String s) {
        if (s.isEmpty()) {
            return Labels.EMPTY;
        }
        return Labels.of(s.split(String.valueOf(SEP), -1));
    }

    /** The label set of {@link #labels}. */
    public Labels toLabels() {
        return decode(labels);
    }
}
