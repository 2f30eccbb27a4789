package io.weir.promql.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntFunction;

/**
 * Map-reduce over series on the engine's bounded fork-join pool. Work is cut into contiguous chunks
 * (a few per thread, so that uneven series balance out); each chunk produces one partial result;
 * partials come back in chunk order so that results stay deterministic. Nested calls from inside a
 * chunk run on the same pool (work stealing, no deadlock).
 */
final class Parallel {
    private final Pool pool;
    private final QueryContext ctx;

    Parallel(Pool pool, QueryContext ctx) {
        this.pool = pool;
        this.ctx = ctx;
    }

    /** The engine's threads. */
    static final class Pool implements AutoCloseable {
        final ForkJoinPool fj;
        final int parallelism;

        Pool(int parallelism) {
            this.parallelism = Math.max(1, parallelism);
            this.fj = new ForkJoinPool(this.parallelism);
        }

        @Override
        public void close() {
            fj.shutdownNow();
        }
    }

    /** Computes one partial result over series {@code [from, to)}. */
    interface ChunkFunction<T> {
        T apply(int from, int to);
    }

    /** Runs {@code fn} over chunks covering {@code [0, n)}; partials in chunk order. */
    <T> List<T> mapChunks(int n, ChunkFunction<T> fn) {
        if (n == 0) {
            return List.of();
        }
        int chunks = Math.min(n, pool.parallelism == 1 ? 1 : pool.parallelism * 4);
        if (chunks == 1) {
            ctx.checkTimeout();
            return List.of(fn.apply(0, n));
        }
        Object[] out = new Object[chunks];
        RecursiveAction task = new ChunkTask<>(fn, out, n, chunks, 0, chunks);
        if (ForkJoinTask.getPool() == pool.fj) {
            task.invoke();
        } else {
            pool.fj.invoke(task);
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(out);
        return list;
    }

    /** Combines two partial results; the left one covers the earlier series. */
    interface Merge<T> {
        T apply(T left, T right);
    }

    /**
     * Map-reduce over {@code [0, n)}: fixed-size chunks of {@code chunkSize} series are mapped in
     * parallel and their partial results merged pairwise up a balanced tree. The chunking and the
     * tree depend only on {@code n}, never on the number of threads or their timing, so floating
     * point results are the same whatever the parallelism; and partials are merged as soon as both
     * halves are done, so only a few are alive at once.
     */
    <T> T reduce(int n, int chunkSize, ChunkFunction<T> fn, Merge<T> merge) {
        int chunks = Math.max(1, (n + chunkSize - 1) / chunkSize);
        ReduceTask<T> task = new ReduceTask<>(fn, merge, n, chunkSize, 0, chunks);
        if (chunks == 1 || pool.parallelism == 1) {
            return task.computeDirectly();
        }
        return ForkJoinTask.getPool() == pool.fj ? task.invoke() : pool.fj.invoke(task);
    }

    private final class ReduceTask<T> extends java.util.concurrent.RecursiveTask<T> {
        private static final long serialVersionUID = 1L;
        private final transient ChunkFunction<T> fn;
        private final transient Merge<T> merge;
        private final int n;
        private final int chunkSize;
        private final int lo;
        private final int hi;

        ReduceTask(ChunkFunction<T> fn, Merge<T> merge, int n, int chunkSize, int lo, int hi) {
            this.fn = fn;
            this.merge = merge;
            this.n = n;
            this.chunkSize = chunkSize;
            this.lo = lo;
            this.hi = hi;
        }

        /** The same tree, walked on the calling thread. */
        T computeDirectly() {
            if (hi - lo == 1) {
                return leaf();
            }
            int mid = (lo + hi) >>> 1;
            T left = new ReduceTask<>(fn, merge, n, chunkSize, lo, mid).computeDirectly();
            T right = new ReduceTask<>(fn, merge, n, chunkSize, mid, hi).computeDirectly();
            return merge.apply(left, right);
        }

        private T leaf() {
            ctx.checkTimeout();
            int from = lo * chunkSize;
            return fn.apply(from, Math.min(n, from + chunkSize));
        }

        @Override
        protected T compute() {
            if (hi - lo == 1) {
                return leaf();
            }
            int mid = (lo + hi) >>> 1;
            ReduceTask<T> left = new ReduceTask<>(fn, merge, n, chunkSize, lo, mid);
            ReduceTask<T> right = new ReduceTask<>(fn, merge, n, chunkSize, mid, hi);
            right.fork();
            T l = left.compute();
            T r = right.join();
            return merge.apply(l, r);
        }
    }

    /** Computes every series of {@code set} in parallel; drops those without points. */
    List<StepSeries> materialize(SeriesSet set) {
        List<List<StepSeries>> parts =
                mapChunks(
                        set.size(),
                        (from, to) -> {
                            List<StepSeries> l = new ArrayList<>(to - from);
                            for (int i = from; i < to; i++) {
                                ctx.checkTimeout();
                                StepSeries s = set.get(i);
                                if (s != null && !s.isEmpty()) {
                                    l.add(s);
                                }
                            }
                            return l;
                        });
        List<StepSeries> all = new ArrayList<>();
        parts.forEach(all::addAll);
        return all;
    }

    /** Computes {@code fn(i)} for every i in parallel, in order. */
    <T> List<T> map(int n, IntFunction<T> fn) {
        List<List<T>> parts =
                mapChunks(
                        n,
                        (from, to) -> {
                            List<T> l = new ArrayList<>(to - from);
                            for (int i = from; i < to; i++) {
                                l.add(fn.apply(i));
                            }
                            return l;
                        });
        List<T> all = new ArrayList<>(n);
        parts.forEach(all::addAll);
        return all;
    }

    private final class ChunkTask<T> extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient ChunkFunction<T> fn;
        private final transient Object[] out;
        private final int n;
        private final int chunks;
        private final int lo;
        private final int hi;

        ChunkTask(ChunkFunction<T> fn, Object[] out, int n, int chunks, int lo, int hi) {
            this.fn = fn;
            this.out = out;
            this.n = n;
            this.chunks = chunks;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                ctx.checkTimeout();
                long from = (long) n * lo / chunks;
                long to = (long) n * (lo + 1) / chunks;
                out[lo] = fn.apply((int) from, (int) to);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(
                    new ChunkTask<>(fn, out, n, chunks, lo, mid),
                    new ChunkTask<>(fn, out, n, chunks, mid, hi));
        }
    }
}
