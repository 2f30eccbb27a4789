package io.weir.server.views;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.SampleStore;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Raw samples and views' outputs as one store, so that a query selects a view's output by its name
 * next to raw series. Where a raw series and a view's series have the same labels (a view named
 * like a raw metric), the view's series is read.
 */
public final class CombinedStore implements SampleStore {
    private final SampleStore samples;
    private final SampleStore views;

    public CombinedStore(SampleStore samples, SampleStore views) {
        this.samples = samples;
        this.views = views;
    }

    @Override
    public List<StoredSeries> select(List<LabelMatcher> matchers, long minTime, long maxTime) {
        List<StoredSeries> a = views.select(matchers, minTime, maxTime);
        List<StoredSeries> b = samples.select(matchers, minTime, maxTime);
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<StoredSeries> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size()) {
                out.add(a.get(i++));
            } else if (i == a.size()) {
                out.add(b.get(j++));
            } else {
                int c = a.get(i).labels().compareTo(b.get(j).labels());
                if (c <= 0) {
                    out.add(a.get(i++));
                    if (c == 0) {
                        j++;
                    }
                } else {
                    out.add(b.get(j++));
                }
            }
        }
        return out;
    }

    @Override
    public List<String> labelNames() {
        TreeSet<String> s = new TreeSet<>(samples.labelNames());
        s.addAll(views.labelNames());
        return new ArrayList<>(s);
    }

    @Override
    public List<String> labelValues(String name) {
        TreeSet<String> s = new TreeSet<>(samples.labelValues(name));
        s.addAll(views.labelValues(name));
        return new ArrayList<>(s);
    }
}
