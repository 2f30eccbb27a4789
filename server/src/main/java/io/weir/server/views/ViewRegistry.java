package io.weir.server.views;

import io.weir.connectors.codec.QueryControl;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.connectors.codec.ResultRecord;
import io.weir.promql.PromqlException;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.promql.plan.physical.ViewCompiler;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered views. Registrations are checked with the view compiler, then published to the
 * control topic; the registry follows that topic from its beginning, so the topic is the source of
 * truth and the list survives restarts. A view is {@code running} once results of it are stored.
 */
public final class ViewRegistry implements AutoCloseable {
    private final ControlLog log;
    private final ViewStore store;
    private final Clock clock;
    private final ViewCompiler compiler = ViewCompiler.defaults();
    private final AutoCloseable subscription;

    /** Views by name in registration order; dropped views stay, marked so. */
    private final Map<String, Entry> views = new LinkedHashMap<>();

    /** Earliest step stored per view since the registry started (or found in the store). */
    private final Map<String, Long> firstSteps = new ConcurrentHashMap<>();

    private final Set<String> withResults = ConcurrentHashMap.newKeySet();

    /**
     * The user's query of each view registered here whose published query is its expansion (see
     * {@link ViewChains}), with that expansion. Held in memory only: the topic carries the expanded
     * query, so after a restart the list shows the expanded form.
     */
    private final Map<String, Prepared> userQueries = new ConcurrentHashMap<>();

    /**
     * A registration ready to publish.
     *
     * @param published the registration as the job runs it: the query with the views it selects
     *     inlined
     * @param userQuery the query as the user wrote it
     */
    public record Prepared(QueryRegistration published, String userQuery) {
        public boolean expanded() {
            return !published.query().equals(userQuery);
        }
    }

    /** A registration as the registry holds it. */
    private record Entry(QueryRegistration registration, Expr expr, boolean dropped) {}

    /** A registered view, with its parsed expression, for view matching. */
    public record ActiveView(QueryRegistration registration, Expr expr) {
        public String name() {
            return registration.name();
        }

        public long stepMillis() {
            return registration.step().toMillis();
        }
    }

    public ViewRegistry(ControlLog log, ViewStore store, Clock clock) {
        this.log = log;
        this.store = store;
        this.clock = clock;
        this.subscription = store.subscribe(this::stored);
        log.follow(this::apply);
    }

    private void stored(List<ResultRecord> results) {
        for (ResultRecord r : results) {
            withResults.add(r.view());
            firstSteps.merge(r.view(), r.stepMillis(), Math::min);
        }
    }

    /**
     * Checks a registration as the job will compile it: the name is a metric name (the view's
     * output is named by it) and the query compiles at the step.
     */
    public Expr validate(QueryRegistration r) throws InvalidViewException {
        if (!Labels.isLegacyMetricName(r.name())) {
            throw new InvalidViewException(
                    "invalid view name \"" + r.name() + "\": must be a metric name");
        }
        try {
            Expr expr = PromqlParser.parse(r.query());
            compiler.compile(r.name(), r.query(), r.step().toMillis());
            return expr;
        } catch (PromqlException e) {
            throw new InvalidViewException(e.getMessage());
        }
    }

    /**
     * Validates a registration and inlines the views its query selects by their output name: the
     * active views, and {@code earlier}, the registrations (already prepared) that come before it
     * in the same request, by name, which shadow active views of the same name.
     */
    public Prepared prepare(QueryRegistration r, Map<String, QueryRegistration> earlier)
            throws InvalidViewException {
        validate(r);
        String expanded =
                ViewChains.expand(
                        r.name(),
                        r.query(),
                        r.step().toMillis(),
                        n -> earlier.containsKey(n) ? earlier.get(n) : activeRegistration(n));
        if (expanded.equals(r.query())) {
            return new Prepared(r, r.query());
        }
        QueryRegistration published =
                new QueryRegistration(r.name(), expanded, r.step(), r.lateness(), r.retention());
        validate(published);
        return new Prepared(published, r.query());
    }

    /** Validates, expands and publishes a registration; a view of the same name is replaced. */
    public QueryRegistration register(QueryRegistration r)
            throws InvalidViewException, IOException {
        Prepared p = prepare(r, Map.of());
        publish(p);
        return p.published();
    }

    /** Publishes a prepared registration; a view of the same name is replaced. */
    public void publish(Prepared p) throws IOException {
        String name = p.published().name();
        if (p.expanded()) {
            userQueries.put(name, p);
        } else {
            userQueries.remove(name);
        }
        QueryControl.Register control = new QueryControl.Register(p.published());
        log.publish(control);
        // Seen at once by this server; the follower sees the same record again, harmlessly.
        apply(control);
    }

    private synchronized QueryRegistration activeRegistration(String name) {
        Entry e = views.get(name);
        return e == null || e.dropped ? null : e.registration;
    }

    /**
     * Publishes a drop and frees the view's history; false when no such view is registered.
     *
     * <p>Only a drop made here frees the history at once: a drop read back from the topic may be
     * older than a later registration of the same name that the store has already seen, and the
     * store's own consumer of the topic frees the history of drops it reads, in topic order.
     */
    public boolean drop(String name) throws IOException {
        synchronized (this) {
            Entry e = views.get(name);
            if (e == null || e.dropped) {
                return false;
            }
        }
        QueryControl.Drop control = new QueryControl.Drop(name);
        log.publish(control);
        apply(control);
        store.drop(name);
        return true;
    }

    private void apply(QueryControl control) {
        if (control instanceof QueryControl.Register reg) {
            QueryRegistration r = reg.registration();
            Expr expr;
            try {
                expr = PromqlParser.parse(r.query());
            } catch (PromqlException e) {
                expr = null; // written by another tool: listed, never used to answer queries
            }
            synchronized (this) {
                Entry old = views.remove(r.name()); // re-registered: moves to the end
                views.put(r.name(), new Entry(r, expr, false));
                if (old != null
                        && !old.dropped
                        && (!old.registration.query().equals(r.query())
                                || !old.registration.step().equals(r.step()))) {
                    // The stored history is the old definition's: views answer queries only
                    // from the new definition's first result on.
                    firstSteps.put(r.name(), Long.MAX_VALUE);
                }
            }
        } else if (control instanceof QueryControl.Drop drop) {
            boolean known;
            synchronized (this) {
                Entry e = views.get(drop.name());
                known = e != null && !e.dropped;
                if (known) {
                    views.put(drop.name(), new Entry(e.registration, e.expr, true));
                }
            }
            if (known) {
                withResults.remove(drop.name());
                firstSteps.remove(drop.name());
            }
        }
    }

    public Optional<ViewInfo> get(String name) {
        Entry e;
        synchronized (this) {
            e = views.get(name);
        }
        return e == null ? Optional.empty() : Optional.of(info(e));
    }

    /** Every view, dropped ones included, in registration order. */
    public List<ViewInfo> list() {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(views.values());
        }
        List<ViewInfo> out = new ArrayList<>(all.size());
        for (Entry e : all) {
            out.add(info(e));
        }
        return out;
    }

    /** The views not dropped whose query parses: the candidates for view matching. */
    public List<ActiveView> active() {
        List<ActiveView> out = new ArrayList<>();
        synchronized (this) {
            for (Entry e : views.values()) {
                if (!e.dropped && e.expr != null) {
                    out.add(new ActiveView(e.registration, e.expr));
                }
            }
        }
        return out;
    }

    /** True when {@code name} is a view not dropped. */
    public synchronized boolean isActive(String name) {
        Entry e = views.get(name);
        return e != null && !e.dropped;
    }

    private ViewInfo info(Entry e) {
        String name = e.registration.name();
        QueryRegistration shown = e.registration;
        String expandedQuery = null;
        Prepared p = userQueries.get(name);
        // Only while the registration is the one prepared here: another server may have
        // registered the name since.
        if (p != null && p.published().equals(e.registration)) {
            shown =
                    new QueryRegistration(
                            name,
                            p.userQuery(),
                            e.registration.step(),
                            e.registration.lateness(),
                            e.registration.retention());
            expandedQuery = e.registration.query();
        }
        if (e.dropped) {
            return new ViewInfo(
                    shown, expandedQuery, ViewStatus.DROPPED, OptionalLong.empty(), Double.NaN);
        }
        OptionalLong last = store.lastFinalStep(name);
        boolean running = last.isPresent() || withResults.contains(name);
        double lag =
                last.isPresent()
                        ? Math.max(0, clock.millis() - last.getAsLong()) / 1000.0
                        : Double.NaN;
        return new ViewInfo(
                shown,
                expandedQuery,
                running ? ViewStatus.RUNNING : ViewStatus.REGISTERED,
                last,
                lag);
    }

    /**
     * The steps at which the view's stored values are final and complete: from its first stored
     * step (or the start of its retention) to its last final step; empty while there are none.
     */
    public Optional<long[]> finalCoverage(String name) {
        OptionalLong last = store.lastFinalStep(name);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        long first = firstSteps.computeIfAbsent(name, this::firstStored);
        Entry e;
        synchronized (this) {
            e = views.get(name);
        }
        if (e != null && !e.registration.retention().isZero()) {
            first = Math.max(first, clock.millis() - e.registration.retention().toMillis());
        }
        return first > last.getAsLong()
                ? Optional.empty()
                : Optional.of(new long[] {first, last.getAsLong()});
    }

    /** The earliest step stored of a view, read from the store once. */
    private long firstStored(String name) {
        long first = Long.MAX_VALUE;
        List<LabelMatcher> m = List.of(LabelMatcher.equal(Labels.METRIC_NAME, name));
        for (SampleStore.StoredSeries s : store.select(m, Long.MIN_VALUE, Long.MAX_VALUE)) {
            SampleChunk c = s.read(Long.MIN_VALUE, Long.MAX_VALUE);
            if (c.size() > 0) {
                first = Math.min(first, c.timestamps()[c.from()]);
            }
        }
        return first;
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // the store is closing too
        }
        log.close();
    }
}
