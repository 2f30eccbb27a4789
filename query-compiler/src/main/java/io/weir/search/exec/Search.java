package io.weir.search.exec;

import io.weir.promql.model.Labels;
import io.weir.search.ast.Predicate;
import io.weir.search.ast.SearchQuery;
import io.weir.search.index.SeriesIndex;
import io.weir.search.optimizer.CostModel;
import io.weir.search.optimizer.Optimizer;
import io.weir.search.parser.SearchParser;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/** Text to matching series: parse, optimize, execute. The entry point for the CLI and the API. */
public final class Search {
    private final SeriesIndex index;
    private final Optimizer optimizer;

    public Search(SeriesIndex index) {
        this.index = index;
        this.optimizer = new Optimizer(index);
    }

    /** The optimized plan of a query. */
    public Predicate plan(String query) {
        SearchQuery q = SearchParser.parse(query);
        return optimizer.optimize(q.asPredicate());
    }

    /** The matching series' ids, with the prefilter executor. */
    public RoaringBitmap ids(String query, long atMillis) {
        return new PrefilterExecutor().execute(index, plan(query), atMillis);
    }

    /** The matching series, sorted by labels. */
    public List<Labels> series(String query, long atMillis, Executor executor) {
        return labels(executor.execute(index, plan(query), atMillis));
    }

    /** The EXPLAIN text of a query. */
    public String explain(String query) {
        return Explain.explain(GroupedPlan.assign(plan(query)), new CostModel(index));
    }

    /** EXPLAIN ANALYZE: the plan with each node's candidates and survivors at a time. */
    public String analyze(String query, long atMillis) {
        return Explain.analyze(
                GroupedPlan.assign(plan(query)), new CostModel(index), index, atMillis);
    }

    public List<Labels> labels(RoaringBitmap ids) {
        List<Labels> out = new ArrayList<>(ids.getCardinality());
        IntIterator it = ids.getIntIterator();
        while (it.hasNext()) {
            out.add(index.labels(it.next()));
        }
        out.sort(null);
        return out;
    }
}
