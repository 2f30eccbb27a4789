package io.weir.server.cache;

import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.eval.Evaluation;
import io.weir.promql.eval.QueryValue;
import io.weir.server.views.ViewListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The results cache of range queries. A query's results are kept as extents: runs of consecutive
 * steps on the query's grid, each with its matrix. A query that overlaps cached extents has only
 * the missing steps evaluated, then the pieces joined. Only steps at or before the query's final
 * boundary are cached (a view's last final step; for raw samples, the older of now and how far
 * every raw sample has been ingested ({@link io.weir.server.http.RawProgress}), minus the minimum
 * age). Extents are evicted least recently used first when their estimated size passes the bound.
 * As a {@link ViewListener}, a view result for a step inside a cached extent (a late correction)
 * removes the steps it touches from every query that read the view.
 */
public final class ResultsCache implements ViewListener {
    /** Evaluates the query at the grid steps of {@code [from, to]}. */
    @FunctionalInterface
    public interface RangeEvaluator {
        Evaluation evaluate(long from, long to);
    }

    /** A query's answer, and how much of it came from the cache. */
    public record Outcome(Evaluation evaluation, long cachedSteps, List<long[]> computed) {}

    /** Steps {@code [start, end]} of one query, with the annotations evaluating them gave. */
    private record Extent(
            long start,
            long end,
            QueryValue.Matrix value,
            List<String> warnings,
            List<String> infos,
            long bytes) {
        Extent(long start, long end, QueryValue.Matrix value, List<String> w, List<String> i) {
            this(start, end, value, w, i, Matrices.bytes(value) + 64L * (w.size() + i.size()));
        }
    }

    private record ExtentId(CacheKey key, long start) {}

    private static final class Entry {
        final TreeMap<Long, Extent> extents = new TreeMap<>();
        Dependencies deps = Dependencies.NONE;
    }

    private final long maxBytes;
    private final Map<CacheKey, Entry> entries = new HashMap<>();
    private final LinkedHashMap<ExtentId, Extent> lru = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public final AtomicLong hits = new AtomicLong();
    public final AtomicLong partialHits = new AtomicLong();
    public final AtomicLong misses = new AtomicLong();
    public final AtomicLong stepsFromCache = new AtomicLong();
    public final AtomicLong stepsComputed = new AtomicLong();
    public final AtomicLong evictions = new AtomicLong();
    public final AtomicLong invalidations = new AtomicLong();

    public ResultsCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Answers a range query over {@code [start, end]} at {@code step}, from the cache where it can.
     *
     * @param finalEnd the last time whose result can no longer change; later steps are not cached
     */
    public Outcome range(
            CacheKey key,
            long start,
            long end,
            long step,
            long finalEnd,
            Dependencies deps,
            RangeEvaluator evaluator) {
        List<Extent> cached = new ArrayList<>();
        List<long[]> missing = new ArrayList<>();
        synchronized (this) {
            Entry entry = entries.get(key);
            long cursor = start;
            if (entry != null) {
                Long first = entry.extents.floorKey(start);
                Map<Long, Extent> from = entry.extents.tailMap(first == null ? start : first, true);
                for (Extent e : from.values()) {
                    if (e.start > end) {
                        break;
                    }
                    if (e.end < cursor) {
                        continue;
                    }
                    if (e.start > cursor) {
                        missing.add(new long[] {cursor, e.start - step});
                    }
                    cached.add(e);
                    lru.get(new ExtentId(key, e.start)); // touch
                    cursor = e.end + step;
                }
            }
            if (cursor <= end) {
                missing.add(new long[] {cursor, end});
            }
        }

        // Evaluate outside the lock: queries of other keys (and this one) go on meanwhile.
        List<Piece> pieces = new ArrayList<>();
        long fromCache = 0;
        LinkedHashSet<String> warnings = new LinkedHashSet<>();
        LinkedHashSet<String> infos = new LinkedHashSet<>();
        for (Extent e : cached) {
            long a = Math.max(start, e.start);
            long b = Math.min(end, e.end);
            pieces.add(new Piece(a, b, Matrices.slice(e.value, a, b), null));
            fromCache += (b - a) / step + 1;
            warnings.addAll(e.warnings);
            infos.addAll(e.infos);
        }
        long computedSteps = 0;
        for (long[] m : missing) {
            Evaluation ev = evaluator.evaluate(m[0], m[1]);
            warnings.addAll(ev.warnings());
            infos.addAll(ev.infos());
            pieces.add(new Piece(m[0], m[1], (QueryValue.Matrix) ev.value(), ev));
            computedSteps += (m[1] - m[0]) / step + 1;
        }
        pieces.sort((x, y) -> Long.compare(x.from, y.from));
        List<QueryValue.Matrix> parts = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            parts.add(p.value);
        }
        QueryValue.Matrix result = Matrices.concat(parts);

        stepsFromCache.addAndGet(fromCache);
        stepsComputed.addAndGet(computedSteps);
        if (missing.isEmpty()) {
            hits.incrementAndGet();
        } else if (cached.isEmpty()) {
            misses.incrementAndGet();
        } else {
            partialHits.incrementAndGet();
        }
        if (maxBytes > 0) {
            long lastFinal =
                    finalEnd >= end
                            ? end
                            : finalEnd < start
                                    ? start - step
                                    : start + Math.floorDiv(finalEnd - start, step) * step;
            synchronized (this) {
                for (Piece p : pieces) {
                    if (p.computed != null && p.from <= lastFinal) {
                        long to = Math.min(p.to, lastFinal);
                        QueryValue.Matrix v =
                                to == p.to ? p.value : Matrices.slice(p.value, p.from, to);
                        // A piece cut short keeps all its annotations: more is safe, less is not.
                        insert(
                                key,
                                deps,
                                new Extent(
                                        p.from, to, v, p.computed.warnings(), p.computed.infos()),
                                step);
                    }
                }
                evict();
            }
        }
        return new Outcome(
                new Evaluation(result, List.copyOf(warnings), List.copyOf(infos)),
                fromCache,
                missing);
    }

    private record Piece(long from, long to, QueryValue.Matrix value, Evaluation computed) {}

    /** Adds an extent, joined with the extents it touches end to end. */
    private void insert(CacheKey key, Dependencies deps, Extent x, long step) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.deps = deps;
        // A concurrent query of the same key may have cached these steps already.
        Map.Entry<Long, Extent> below = entry.extents.floorEntry(x.end);
        if (below != null && below.getValue().end >= x.start) {
            return;
        }
        Extent before = null;
        Map.Entry<Long, Extent> lower = entry.extents.lowerEntry(x.start);
        if (lower != null && lower.getValue().end + step == x.start) {
            before = lower.getValue();
        }
        Extent after = entry.extents.get(x.end + step);
        List<QueryValue.Matrix> parts = new ArrayList<>(3);
        long s = x.start;
        long e = x.end;
        if (before != null) {
            remove(key, entry, before);
            parts.add(before.value);
            s = before.start;
        }
        parts.add(x.value);
        if (after != null) {
            remove(key, entry, after);
            parts.add(after.value);
            e = after.end;
        }
        Extent joined = x;
        if (parts.size() > 1) {
            LinkedHashSet<String> w = new LinkedHashSet<>(x.warnings);
            LinkedHashSet<String> i = new LinkedHashSet<>(x.infos);
            for (Extent o : new Extent[] {before, after}) {
                if (o != null) {
                    w.addAll(o.warnings);
                    i.addAll(o.infos);
                }
            }
            joined = new Extent(s, e, Matrices.concat(parts), List.copyOf(w), List.copyOf(i));
        }
        entry.extents.put(joined.start, joined);
        lru.put(new ExtentId(key, joined.start), joined);
        bytes += joined.bytes;
    }

    /** Removes an extent; the caller drops the entry if it is left empty. */
    private void remove(CacheKey key, Entry entry, Extent x) {
        entry.extents.remove(x.start);
        lru.remove(new ExtentId(key, x.start));
        bytes -= x.bytes;
    }

    private void evict() {
        Iterator<Map.Entry<ExtentId, Extent>> it = lru.entrySet().iterator();
        while (bytes > maxBytes && it.hasNext()) {
            Map.Entry<ExtentId, Extent> e = it.next();
            it.remove();
            Entry entry = entries.get(e.getKey().key());
            bytes -= e.getValue().bytes;
            evictions.incrementAndGet();
            if (entry != null) {
                entry.extents.remove(e.getKey().start());
                if (entry.extents.isEmpty()) {
                    entries.remove(e.getKey().key());
                }
            }
        }
    }

    /** Late corrections: removes the cached steps that a stored view result may change. */
    @Override
    public void stored(List<ResultRecord> results) {
        Map<String, long[]> spans = new HashMap<>();
        for (ResultRecord r : results) {
            long[] s = spans.computeIfAbsent(r.view(), k -> new long[] {Long.MAX_VALUE, 0});
            s[0] = Math.min(s[0], r.stepMillis());
            s[1] = Math.max(s[1], r.stepMillis());
        }
        synchronized (this) {
            for (Map.Entry<CacheKey, Entry> ke : new ArrayList<>(entries.entrySet())) {
                Entry entry = ke.getValue();
                for (Map.Entry<String, long[]> span : spans.entrySet()) {
                    if (entry.deps.reads(span.getKey())) {
                        long reach = entry.deps.reachMillis();
                        invalidate(
                                ke.getKey(),
                                entry,
                                saturatedAdd(span.getValue()[0], -reach),
                                saturatedAdd(span.getValue()[1], reach));
                    }
                }
            }
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : r;
    }

    /** Removes the steps in {@code [from, to]} of one query's extents, keeping the rest. */
    private void invalidate(CacheKey key, Entry entry, long from, long to) {
        long step = key.stepMillis();
        for (Extent x : new ArrayList<>(entry.extents.values())) {
            if (x.end < from || x.start > to) {
                continue;
            }
            invalidations.incrementAndGet();
            remove(key, entry, x);
            if (x.start < from) {
                long b = x.start + Math.floorDiv(from - 1 - x.start, step) * step;
                addPart(key, entry, x, x.start, b);
            }
            if (x.end > to) {
                long a = x.start + (Math.floorDiv(to - x.start, step) + 1) * step;
                addPart(key, entry, x, a, x.end);
            }
        }
        if (entry.extents.isEmpty()) {
            entries.remove(key);
        }
    }

    private void addPart(CacheKey key, Entry entry, Extent x, long a, long b) {
        if (a > b) {
            return;
        }
        Extent part = new Extent(a, b, Matrices.slice(x.value, a, b), x.warnings, x.infos);
        entry.extents.put(a, part);
        lru.put(new ExtentId(key, a), part);
        bytes += part.bytes;
    }

    /** The estimated bytes held. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The number of extents held. */
    public synchronized int extents() {
        return lru.size();
    }
}
