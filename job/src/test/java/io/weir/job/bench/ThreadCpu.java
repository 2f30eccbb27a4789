package io.weir.job.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time per group of threads over one measured interval, to say where a run's CPU seconds went:
 * Flink names a task's thread after its chain of operators ({@code series stage (1/2)#0}), so the
 * subtasks of one chain form one group; the broker's and the clients' threads form the rest. A
 * thread that ended within the interval is not counted (the jobs' threads live until the job is
 * cancelled, after the interval).
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> start = new HashMap<>();

    private ThreadCpu() {}

    /** The CPU time of every live thread now. */
    static ThreadCpu start() {
        ThreadCpu t = new ThreadCpu();
        for (long id : THREADS.getAllThreadIds()) {
            long cpu = THREADS.getThreadCpuTime(id);
            if (cpu >= 0) {
                t.start.put(id, cpu);
            }
        }
        return t;
    }

    /**
     * CPU seconds since {@link #start} by thread group, largest first, as one line of text, then
     * what the process used beyond the live Java threads ({@code jvm}: the JIT compilers, the
     * garbage collector, threads that ended) out of {@code processSeconds}.
     */
    String since(double processSeconds) {
        Map<String, Double> groups = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = THREADS.getThreadCpuTime(info.getThreadId());
            if (cpu < 0) {
                continue;
            }
            long used = cpu - start.getOrDefault(info.getThreadId(), 0L);
            groups.merge(group(info.getThreadName()), used / 1e9, Double::sum);
        }
        double counted = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        groups.put("jvm", processSeconds - counted);
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return sorted.stream()
                .filter(e -> e.getValue() >= 0.05)
                .limit(14)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A thread's group: its name without subtask indexes and numbers. */
    static String group(String name) {
        int subtask = name.indexOf(" (");
        String g = subtask > 0 ? name.substring(0, subtask) : name;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c < '0' || c > '9') {
                out.append(c);
            } else if (out.length() == 0 || out.charAt(out.length() - 1) != '#') {
                out.append('#');
            }
        }
        return out.toString();
    }
}
