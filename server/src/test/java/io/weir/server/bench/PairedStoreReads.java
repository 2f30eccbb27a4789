package io.weir.server.bench;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.parser.PromqlParser;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the sample store read the same data in one JVM, their passes alternated: the
 * comparison of two versions of the store's reads that separate JVMs cannot give on this machine,
 * where the JIT's choices for the decoder and the load of other work move one version's CPU time by
 * a third from one JVM to the next.
 *
 * <p>Arguments: a store kept by {@link SampleQueryBenchmark} ({@code -Dbench.dir}), then for each
 * of the two versions its {@code io.weir.server.store} classes (a {@code target/classes} directory)
 * and a copy of the store's {@code samples} directory of its own (RocksDB locks a directory for one
 * opener). Each version's classes load in a class loader of their own over this class path, which
 * must not hold the server's own classes: {@code java -cp <server test-classes>:<the other modules'
 * classes and jars> io.weir.server.bench.PairedStoreReads <dir> <classes A> <samples A> <classes B>
 * <samples B>}; {@code -Dbench.rounds=8}.
 */
public final class PairedStoreReads {
    private PairedStoreReads() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = Integer.getInteger("bench.rounds", 8);
        long end = Long.parseLong(Files.readString(dir.resolve("end-millis")).trim());
        long start = end - (Integer.getInteger("bench.samples", 10_000) - 1L) * 15_000;
        List<LabelMatcher> matchers = PromqlParser.parseMetricSelector("m");
        SampleStore[] stores = new SampleStore[2];
        String[] names = {args[1], args[3]};
        for (int v = 0; v < 2; v++) {
            stores[v] = open(Path.of(args[1 + 2 * v]), Path.of(args[2 + 2 * v]));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[2][rounds];
        try {
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int v = r % 2 == 0 ? k : 1 - k; // who goes first alternates
                    long c0 = threads.getCurrentThreadCpuTime();
                    long samples = 0;
                    for (SampleStore.StoredSeries s : stores[v].select(matchers, start, end)) {
                        samples += s.read(start, end).size();
                    }
                    cpu[v][r] = threads.getCurrentThreadCpuTime() - c0;
                    if (r == 0) {
                        System.out.printf(Locale.ROOT, "%s read %,d samples%n", names[v], samples);
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "round %d: A %.0f ms, B %.0f ms of thread CPU (load average %s)%n",
                        r + 1,
                        cpu[0][r] / 1e6,
                        cpu[1][r] / 1e6,
                        BenchSystem.loadAverage());
            }
        } finally {
            for (SampleStore s : stores) {
                ((AutoCloseable) s).close();
            }
        }
        for (int v = 0; v < 2; v++) {
            // The first two rounds are the JIT's.
            long[] c = Arrays.copyOfRange(cpu[v], Math.min(2, rounds - 1), rounds);
            Arrays.sort(c);
            System.out.printf(
                    Locale.ROOT,
                    "%s %s: median %.0f ms, min %.0f ms of thread CPU per read of every sample%n",
                    v == 0 ? "A" : "B",
                    names[v],
                    c[c.length / 2] / 1e6,
                    c[0] / 1e6);
        }
    }

    /** {@code RocksSampleStore.open(samples, StoreOptions.defaults())} of the given classes. */
    private static SampleStore open(Path classes, Path samples) throws Exception {
        @SuppressWarnings("resource") // lives as long as the store, to the end of the run
        URLClassLoader loader =
                new URLClassLoader(
                        new URL[] {classes.toUri().toURL()},
                        PairedStoreReads.class.getClassLoader());
        Class<?> store = loader.loadClass("io.weir.server.store.RocksSampleStore");
        Class<?> options = loader.loadClass("io.weir.server.store.StoreOptions");
        Object defaults = options.getMethod("defaults").invoke(null);
        return (SampleStore)
                store.getMethod("open", Path.class, options).invoke(null, samples, defaults);
    }
}
