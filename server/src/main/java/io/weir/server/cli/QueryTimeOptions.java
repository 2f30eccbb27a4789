package io.weir.server.cli;

import picocli.CommandLine.Option;

/**
 * The time options of the commands that run a query: {@code --time} for an instant query, or all of
 * {@code --start}, {@code --end} and {@code --step} for a range query.
 */
final class QueryTimeOptions {
    @Option(names = "--time", paramLabel = "<t>", description = "instant query at this time")
    String time;

    @Option(names = "--start", paramLabel = "<t>", description = "range query start")
    String start;

    @Option(names = "--end", paramLabel = "<t>", description = "range query end")
    String end;

    @Option(names = "--step", paramLabel = "<duration>", description = "range query step")
    String step;

    /** True when any of the range options is given. */
    boolean range() {
        return start != null || end != null || step != null;
    }

    /** What is wrong with the combination given, or null when it is a query. */
    String problem() {
        if (range() && time != null) {
            return "--time is for instant queries; --start, --end and --step for range ones";
        }
        if (range() && (start == null || end == null || step == null)) {
            return "a range query needs all of --start, --end and --step";
        }
        return null;
    }
}
