package io.weir.search.optimizer;

import io.weir.promql.ast.LabelMatcher;
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
import io.weir.search.index.IndexStatistics;
import java.util.List;

/**
 * Estimates from index statistics. A predicate's tier says how its cost grows: keyword lookups
 * (tier 0) and label lookups (tier 1) are posting-list operations; a percentile (tier 2) decodes
 * and merges sketches for every candidate series, orders of magnitude more per series. A boolean
 * node has the highest tier of its operands. Within a tier, the estimated result size decides:
 * under an AND the smallest result first leaves the fewest candidates for what follows.
 */
public final class CostModel {
    /** Tier, estimated number of matching series, and estimated work (series touched). */
    public record Estimate(int tier, double rows, double work) {}

    private final IndexStatistics stats;

    public CostModel(IndexStatistics stats) {
        this.stats = stats;
    }

    public Estimate estimate(Predicate p) {
        return p.accept(visitor);
    }

    private final PredicateVisitor<Estimate> visitor =
            new PredicateVisitor<>() {
                @Override
                public Estimate visitKeyword(Keyword k) {
                    return keywords(k.tokens(), true);
                }

                @Override
                public Estimate visitKeywordSet(KeywordSet s) {
                    return keywords(s.tokens(), s.mode() == KeywordSet.Mode.ALL);
                }

                @Override
                public Estimate visitLabelPresent(LabelPresent l) {
                    int rows = stats.labelPostingSize(l.name());
                    return new Estimate(1, rows, rows);
                }

                @Override
                public Estimate visitLabelMatch(LabelMatch m) {
                    if (!m.regex()) {
                        int rows = stats.labelValuePostingSize(m.name(), m.value());
                        return new Estimate(1, rows, rows);
                    }
                    // A regex is tested against every value of the label; at most every series
                    // with the label matches.
                    int rows = stats.labelPostingSize(m.name());
                    return new Estimate(1, rows, rows + stats.labelCardinality(m.name()));
                }

                @Override
                public Estimate visitPercentile(Percentile c) {
                    int n = stats.seriesCount();
                    return new Estimate(
                            2,
                            n / 2.0,
                            (double) n * Math.max(1, stats.panesPerRange(c.rangeMillis())));
                }

                @Override
                public Estimate visitSelector(Selector s) {
                    double rows = stats.seriesCount();
                    for (LabelMatcher m : s.matchers()) {
                        if (m.op() == LabelMatcher.MatchOp.EQUAL && !m.value().isEmpty()) {
                            rows = Math.min(rows, stats.labelValuePostingSize(m.name(), m.value()));
                        }
                    }
                    return new Estimate(1, rows, rows);
                }

                @Override
                public Estimate visitAnd(And a) {
                    return combine(a.operands(), true);
                }

                @Override
                public Estimate visitOr(Or o) {
                    return combine(o.operands(), false);
                }

                @Override
                public Estimate visitNot(Not n) {
                    Estimate e = estimate(n.operand());
                    return new Estimate(
                            e.tier(), Math.max(0, stats.seriesCount() - e.rows()), e.work());
                }
            };

    private Estimate keywords(List<String> tokens, boolean all) {
        double rows = all ? stats.seriesCount() : 0;
        double work = 0;
        for (String t : tokens) {
            int size = stats.tokenPostingSize(t);
            rows = all ? Math.min(rows, size) : rows + size;
            work += size;
        }
        return new Estimate(0, Math.min(rows, stats.seriesCount()), work);
    }

    private Estimate combine(List<Predicate> ops, boolean and) {
        int tier = 0;
        double rows = and ? stats.seriesCount() : 0;
        double work = 0;
        for (Predicate op : ops) {
            Estimate e = estimate(op);
            tier = Math.max(tier, e.tier());
            rows = and ? Math.min(rows, e.rows()) : Math.min(stats.seriesCount(), rows + e.rows());
            work += e.work();
        }
        return new Estimate(tier, rows, work);
    }
}
