package io.weir.job.cluster;

import io.weir.connectors.codec.SampleBatch;
import io.weir.promql.eval.Engine;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.QueryValue;
import io.weir.promql.model.Labels;
import io.weir.promql.model.StaleNaN;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The drills' metrics and views. Scrapes of six counters and four gauges every 15 s of event time
 * (a counter reset, a counter with a gap longer than the lookback), generated in order, and the
 * same samples kept in a {@link MemorySampleStore} for the evaluator, which says what every view
 * must hold.
 */
final class Workload {
    static final long SCRAPE_MILLIS = 15_000;

    /** A view of the drills: its name, query, step, and the first step it must hold. */
    record View(String name, String query, long stepMillis, long start) {}

    /** Views of the shapes the job runs today (see the job's package documentation). */
    static final List<String[]> VIEWS =
            List.of(
                    new String[] {"requests", "60s", "http_requests_total"},
                    new String[] {"requests_rate", "60s", "rate(http_requests_total[5m])"},
                    new String[] {"requests_increase", "30s", "increase(http_requests_total[2m])"},
                    new String[] {
                        "job_rate", "60s", "sum by (job) (rate(http_requests_total[5m]))"
                    },
                    new String[] {"room_temperature", "60s", "avg by (room) (temperature)"},
                    new String[] {"max_temperature", "60s", "max(temperature)"},
                    new String[] {
                        "room_min", "60s", "min by (room) (min_over_time(temperature[3m]))"
                    },
                    new String[] {"instances", "60s", "count by (job) (http_requests_total)"},
                    new String[] {
                        "requests_per_hour",
                        "60s",
                        "sum without (instance) (increase(http_requests_total[5m])) * 60"
                    },
                    new String[] {"celsius", "60s", "avg_over_time(temperature[5m]) - 273.15"},
                    new String[] {
                        "max_temperature_before", "60s", "max_over_time(temperature[4m] offset 1m)"
                    },
                    new String[] {
                        "api_rate", "30s", "sum(rate(http_requests_total{job=\"api\"}[1m]))"
                    });

    /** Registered in drill 2, after the restore from a savepoint. */
    static final String[] LATE_VIEW = {
        "job_increase", "60s", "sum by (job) (increase(http_requests_total[3m]))"
    };

    /** A metric no view reads: moves every partition's watermark to the end of a phase. */
    static final Labels CLOCK = Labels.of("__name__", "weir_drill_clock");

    private final long t0;
    private final List<Labels> counters = new ArrayList<>();
    private final List<Labels> gauges = new ArrayList<>();
    private final double[] counts;
    private final MemorySampleStore store = new MemorySampleStore();

    Workload(long t0) {
        this.t0 = t0;
        for (String job : List.of("api", "web")) {
            for (String instance : List.of("a", "b", "c")) {
                counters.add(
                        Labels.of(
                                "__name__",
                                "http_requests_total",
                                "job",
                                job,
                                "instance",
                                instance));
            }
        }
        for (String room : List.of("kitchen", "lab", "kiln", "hall")) {
            gauges.add(Labels.of("__name__", "temperature", "room", room));
        }
        counts = new double[counters.size()];
    }

    long t0() {
        return t0;
    }

    /** The event time at which scrape {@code i} starts. */
    long at(int scrape) {
        return t0 + scrape * SCRAPE_MILLIS;
    }

    static View view(String[] spec, long start) {
        long step = Long.parseLong(spec[1].substring(0, spec[1].length() - 1)) * 1_000;
        return new View(spec[0], spec[2], step, start);
    }

    /**
     * The samples of scrape {@code i}, in time order, also appended to the evaluator's store. Call
     * once per scrape, in order.
     */
    List<SampleBatch> scrape(int i) {
        Random random = new Random(1_000L + i);
        List<SampleBatch> out = new ArrayList<>();
        long scrape = at(i);
        for (int c = 0; c < counters.size(); c++) {
            if (c == 5 && i % 120 >= 50 && i % 120 < 80) {
                continue; // a gap of 7.5 minutes
            }
            counts[c] += random.nextInt(50);
            if (c == 1 && i % 100 == 30) {
                counts[c] = 3; // a counter reset
            }
            out.add(SampleBatch.of(counters.get(c), scrape + 1_000 + c * 1_500L, counts[c]));
        }
        for (int g = 0; g < gauges.size(); g++) {
            double v = 270 + random.nextDouble() * 30;
            out.add(SampleBatch.of(gauges.get(g), scrape + 2_000 + g * 2_500L, v));
        }
        out.sort(Comparator.comparingLong(b -> b.timestamp(0)));
        for (SampleBatch b : out) {
            store.append(b.labels(), b.timestamp(0), b.value(0));
        }
        return out;
    }

    /**
     * Every point the evaluator answers for {@code v} from its first step up to {@code end}; with
     * {@code staleness}, also the staleness marker a view writes at a step where a series present
     * at the step before is absent, as Prometheus does for rules.
     */
    void expect(Map<ResultKey, Double> into, Engine engine, View v, long end, boolean staleness) {
        if (end < v.start()) {
            return;
        }
        QueryValue.Matrix m = engine.rangeQuery(store, v.query(), v.start(), end, v.stepMillis());
        for (QueryValue.Series s : m.series()) {
            Set<Long> steps = new HashSet<>();
            for (int i = 0; i < s.size(); i++) {
                steps.add(s.timestamps()[i]);
                into.put(new ResultKey(v.name(), s.labels(), s.timestamps()[i]), s.values()[i]);
            }
            for (long t = v.start() + v.stepMillis(); staleness && t <= end; t += v.stepMillis()) {
                if (steps.contains(t - v.stepMillis()) && !steps.contains(t)) {
                    into.put(new ResultKey(v.name(), s.labels(), t), StaleNaN.VALUE);
                }
            }
        }
    }
}
