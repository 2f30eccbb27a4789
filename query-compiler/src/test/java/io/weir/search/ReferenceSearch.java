package io.weir.search;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import io.weir.promql.eval.LabelMatchers;
import io.weir.promql.eval.MemorySampleStore;
import io.weir.promql.eval.SampleChunk;
import io.weir.promql.eval.SampleStore;
import io.weir.promql.model.Labels;
import io.weir.search.ast.And;
import io.weir.search.ast.Keyword;
import io.weir.search.ast.KeywordSet;
import io.weir.search.ast.LabelMatch;
import io.weir.search.ast.LabelPresent;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.Selector;
import io.weir.search.index.PaneSketches;
import io.weir.search.index.Tokenizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The brute-force reference: every series is tested directly against its labels and raw samples,
 * without index, optimizer or pane merging. A percentile is the quantile of a DDSketch built from
 * the raw samples in the panes the range overlaps (the index's documented range rule) with the same
 * accuracy, so it must equal the merged panes' value exactly.
 */
public final class ReferenceSearch {
    private final MemorySampleStore store;
    private final long paneMillis;

    public ReferenceSearch(MemorySampleStore store, long paneMillis) {
        this.store = store;
        this.paneMillis = paneMillis;
    }

    public Set<Labels> matching(Predicate p, long at) {
        Set<Labels> out = new TreeSet<>();
        for (SampleStore.StoredSeries s : store.select(List.of(), Long.MIN_VALUE, Long.MAX_VALUE)) {
            if (test(p, s, at)) {
                out.add(s.labels());
            }
        }
        return out;
    }

    private boolean test(Predicate p, SampleStore.StoredSeries s, long at) {
        Labels l = s.labels();
        if (p instanceof And a) {
            return a.operands().stream().allMatch(o -> test(o, s, at));
        }
        if (p instanceof Or o) {
            return o.operands().stream().anyMatch(x -> test(x, s, at));
        }
        if (p instanceof Not n) {
            return !test(n.operand(), s, at);
        }
        if (p instanceof Keyword k) {
            return tokens(l).containsAll(k.tokens());
        }
        if (p instanceof KeywordSet ks) {
            Set<String> t = tokens(l);
            return ks.mode() == KeywordSet.Mode.ALL
                    ? t.containsAll(ks.tokens())
                    : ks.tokens().stream().anyMatch(t::contains);
        }
        if (p instanceof LabelPresent lp) {
            return l.has(lp.name());
        }
        if (p instanceof LabelMatch m) {
            if (!l.has(m.name())) {
                return false;
            }
            String v = l.get(m.name());
            return m.regex()
                    ? LabelMatchers.compile(m.value()).matcher(v).matches()
                    : v.equals(m.value());
        }
        if (p instanceof Selector sel) {
            return LabelMatchers.matchesAll(sel.matchers(), l);
        }
        Percentile c = (Percentile) p;
        long first = PaneSketches.firstPaneOf(at, c.rangeMillis(), paneMillis);
        long last = PaneSketches.paneOf(at, paneMillis);
        DDSketch sketch = DDSketches.logarithmicUnboundedDense(PaneSketches.DEFAULT_ACCURACY);
        SampleChunk chunk = s.read(Long.MIN_VALUE, Long.MAX_VALUE);
        for (int i = chunk.from(); i < chunk.to(); i++) {
            long pane = PaneSketches.paneOf(chunk.timestamps()[i], paneMillis);
            double v = chunk.values()[i];
            if (pane >= first && pane <= last && Double.isFinite(v)) {
                sketch.accept(v);
            }
        }
        return !sketch.isEmpty() && c.test(sketch.getValueAtQuantile(c.quantile()));
    }

    private static Set<String> tokens(Labels l) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < l.size(); i++) {
            Tokenizer.addTokens(l.value(i), out);
        }
        return out;
    }
}
