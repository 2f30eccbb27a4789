package io.weir.connectors.dlq;

import io.weir.connectors.flink.WeirTypes;
import org.apache.flink.util.OutputTag;

/** The side output that every operator of the job uses for records bound for {@code weir.dlq}. */
public final class DeadLetters {
    /** One tag for all operators, so the job can union their dead letters into one sink. */
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("weir-dlq", WeirTypes.DEAD_LETTER);

    private DeadLetters() {}
}
