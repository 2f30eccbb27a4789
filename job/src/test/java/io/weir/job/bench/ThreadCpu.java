package io.weir.job.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    /** Native thread id to CPU ticks, from {@code /proc} (empty where there is none). */
    private final Map<String, Long> nativeStart = new HashMap<>();

    /** Threads of the JVM and of native libraries, by the name the kernel knows them by. */
    private static final List<String> NATIVE =
            List.of("C1 ", "C2 ", "GC ", "G1 ", "VM ", "rocksdb");

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
        t.nativeStart.putAll(nativeTicks());
        return t;
    }

    /**
     * CPU seconds since {@link #start} by thread group, largest first, as one line of text, then
     * the JVM's and RocksDB's own threads in brackets ({@code [C# CompilerThre]}, {@code [GC
     * Thread##]}, {@code [rocksdb:low]}, from {@code /proc}), and the {@code rest} of {@code
     * processSeconds} (threads that ended, other native threads).
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
        Map<String, Long> ticks = nativeTicks();
        for (Map.Entry<String, Long> e : ticks.entrySet()) {
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            if (NATIVE.stream().anyMatch(name::startsWith)) {
                long used = e.getValue() - nativeStart.getOrDefault(e.getKey(), 0L);
                groups.merge("[" + group(name) + "]", used / 100.0, Double::sum);
            }
        }
        double counted = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        groups.put("rest", processSeconds - counted);
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return sorted.stream()
                .filter(e -> e.getValue() >= 0.05)
                .limit(16)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /**
     * CPU ticks (1/100 s) of every thread of this process by "tid name", from {@code
     * /proc/self/task} (Linux); empty elsewhere.
     */
    private static Map<String, Long> nativeTicks() {
        Map<String, Long> out = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(tasks)) {
            for (Path d : dirs.toList()) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    // pid (comm) state ... utime stime: fields 14 and 15, counted after the comm.
                    int close = stat.lastIndexOf(')');
                    String comm = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ", -1);
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    out.put(d.getFileName() + " " + comm, ticks);
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
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
