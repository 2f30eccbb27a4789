package io.weir.job;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.model.Labels;
import java.util.List;

/**
 * How the job runs one registered view, as {@link ViewPlanner} decided: on the staged path ({@link
 * ViewProgram}: series stage, aggregation stage, view stage) or on the evaluated path ({@link
 * EvaluatedView}: the series stage forwards the raw samples of the selected series, the view stage
 * evaluates the whole expression with the evaluator). The series stage asks every plan the same
 * questions: which series it reads, and which steps a sample counts for. A {@link HybridView} runs
 * its one aggregation on the staged path and the rest on the view stage with the evaluator.
 */
sealed interface ViewPlan permits ViewProgram, HybridView, EvaluatedView {

    ViewSpec spec();

    /** True when the view reads the series {@code l}. */
    boolean selects(Labels l);

    /**
     * The matchers of the view's selectors: it reads a series when one of them matches all of its
     * labels.
     */
    List<List<LabelMatcher>> selectors();

    /** The first step that a sample at {@code ts} can count for. */
    long firstStepSeeing(long ts);

    /** The last step that a sample at {@code ts} can count for. */
    long lastStepSeeing(long ts);

    /**
     * How far before a step the view reads samples (a step {@code t} reads after {@code t - it}).
     */
    long backReachMillis();

    /**
     * How long after its time a step becomes final: the lateness, plus how far after the step the
     * view reads samples (a negative offset).
     */
    long finalDelayMillis();

    /** How far after a step the view reads samples (a negative offset); 0 for most views. */
    long forwardMillis();

    /** The program the series and aggregation stages run for the view, or null for none. */
    default ViewProgram staged() {
        if (this instanceof ViewProgram p) {
            return p;
        }
        if (this instanceof HybridView h) {
            return h.inner();
        }
        return null;
    }

    default String name() {
        return spec().name();
    }

    /** The step {@code t} whose final time is {@code at}, or null when none is. */
    default Long stepFinalAt(long at) {
        long t = at - finalDelayMillis();
        if (Math.floorMod(t, spec().stepMillis()) != 0 || t < spec().firstStep()) {
            return null;
        }
        return t;
    }

    /**
     * The step {@code t} whose early result is due at {@code at} (when the watermark passes {@code
     * t} plus the forward reach), or null when none is; views without lateness have none.
     */
    default Long stepEarlyAt(long at) {
        long t = at - forwardMillis();
        if (spec().latenessMillis() <= 0
                || Math.floorMod(t, spec().stepMillis()) != 0
                || t < spec().firstStep()) {
            return null;
        }
        return t;
    }
}
