package io.weir.search.exec;

import com.google.re2j.Pattern;
import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.LabelMatchers;
import io.weir.search.ast.And;
import io.weir.search.ast.Keyword;
import io.weir.search.ast.KeywordSet;
import io.weir.search.ast.LabelMatch;
import io.weir.search.ast.LabelPresent;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.PredicateVisitor;
import io.weir.search.ast.Selector;
import io.weir.search.index.SeriesIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Evaluates one leaf predicate on candidate series: the result is the candidates that satisfy it.
 * Index predicates intersect postings with the candidates; a percentile merges the pane sketches of
 * each candidate, which is why the candidates should be few. Candidates {@code null} mean every
 * series. Results are new bitmaps or unmodified postings; nothing here modifies a bitmap it did not
 * create.
 */
final class Leaves {
    private final SeriesIndex index;
    private final long atMillis;

    Leaves(SeriesIndex index, long atMillis) {
        this.index = index;
        this.atMillis = atMillis;
    }

    RoaringBitmap evaluate(Predicate leaf, RoaringBitmap candidates) {
        return leaf.accept(
                new PredicateVisitor<RoaringBitmap>() {
                    @Override
                    public RoaringBitmap visitKeyword(Keyword k) {
                        return restrict(tokens(k.tokens(), true), candidates);
                    }

                    @Override
                    public RoaringBitmap visitKeywordSet(KeywordSet s) {
                        return restrict(
                                tokens(s.tokens(), s.mode() == KeywordSet.Mode.ALL), candidates);
                    }

                    @Override
                    public RoaringBitmap visitLabelPresent(LabelPresent l) {
                        return restrict(index.labelName(l.name()), candidates);
                    }

                    @Override
                    public RoaringBitmap visitLabelMatch(LabelMatch m) {
                        if (!m.regex()) {
                            return restrict(index.labelValue(m.name(), m.value()), candidates);
                        }
                        Pattern re = LabelMatchers.compile(m.value());
                        List<RoaringBitmap> hits = new ArrayList<>();
                        for (Map.Entry<String, RoaringBitmap> e :
                                index.labelValues(m.name()).entrySet()) {
                            if (re.matcher(e.getKey()).matches()) {
                                hits.add(e.getValue());
                            }
                        }
                        return restrict(RoaringBitmap.or(hits.iterator()), candidates);
                    }

                    @Override
                    public RoaringBitmap visitPercentile(Percentile c) {
                        return percentile(c, candidates);
                    }

                    @Override
                    public RoaringBitmap visitSelector(Selector s) {
                        RoaringBitmap out = candidates == null ? index.all() : candidates;
                        for (LabelMatcher m : s.matchers()) {
                            out = RoaringBitmap.and(out, matcher(m));
                        }
                        return out;
                    }

                    @Override
                    public RoaringBitmap visitAnd(And op) {
                        throw notALeaf(op);
                    }

                    @Override
                    public RoaringBitmap visitOr(Or op) {
                        throw notALeaf(op);
                    }

                    @Override
                    public RoaringBitmap visitNot(Not op) {
                        throw notALeaf(op);
                    }
                });
    }

    private static IllegalArgumentException notALeaf(Predicate p) {
        return new IllegalArgumentException("not a leaf: " + p);
    }

    private static RoaringBitmap restrict(RoaringBitmap ids, RoaringBitmap candidates) {
        return candidates == null ? ids : RoaringBitmap.and(ids, candidates);
    }

    /** Intersection (smallest posting first) or union of the tokens' postings. */
    private RoaringBitmap tokens(List<String> tokens, boolean all) {
        List<RoaringBitmap> postings = new ArrayList<>();
        for (String t : tokens) {
            postings.add(index.token(t));
        }
        if (!all) {
            return RoaringBitmap.or(postings.iterator());
        }
        postings.sort(Comparator.comparingInt(RoaringBitmap::getCardinality));
        RoaringBitmap out = postings.get(0);
        for (int i = 1; i < postings.size() && !out.isEmpty(); i++) {
            out = RoaringBitmap.and(out, postings.get(i));
        }
        return out;
    }

    /** The series a PromQL matcher selects; a missing label has the value "". */
    private RoaringBitmap matcher(LabelMatcher m) {
        List<RoaringBitmap> hits = new ArrayList<>();
        for (Map.Entry<String, RoaringBitmap> e : index.labelValues(m.name()).entrySet()) {
            if (LabelMatchers.matches(m, e.getKey())) {
                hits.add(e.getValue());
            }
        }
        RoaringBitmap out = RoaringBitmap.or(hits.iterator());
        if (LabelMatchers.matches(m, "")) {
            out =
                    RoaringBitmap.or(
                            out, RoaringBitmap.andNot(index.all(), index.labelName(m.name())));
        }
        return out;
    }

    private RoaringBitmap percentile(Percentile c, RoaringBitmap candidates) {
        RoaringBitmap out = new RoaringBitmap();
        IntIterator it = (candidates == null ? index.all() : candidates).getIntIterator();
        while (it.hasNext()) {
            int id = it.next();
            double v = index.sketches().quantile(id, c.quantile(), c.rangeMillis(), atMillis);
            // No samples in the range: no quantile, and no comparison holds.
            if (!Double.isNaN(v) && c.test(v)) {
                out.add(id);
            }
        }
        return out;
    }
}
