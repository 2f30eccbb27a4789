package io.weir.search.optimizer.rules;

import io.weir.promql.ast.PositionRange;
import io.weir.search.ast.And;
import io.weir.search.ast.Keyword;
import io.weir.search.ast.KeywordSet;
import io.weir.search.ast.Or;
import io.weir.search.ast.Predicate;
import io.weir.search.optimizer.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the keyword predicates directly under one AND (or one OR) into a single index lookup for
 * all their tokens: an intersection of postings under AND, a union under OR.
 *
 * <pre>
 * kw('checkout') AND label('region') AND kw('api')  =>  kw:all('checkout', 'api') AND label('region')
 * kw('eu') OR kw('us')                               =>  kw:any('eu', 'us')
 * </pre>
 *
 * <p>Under OR only single-token keywords merge: {@code kw('a b')} needs both tokens, which a union
 * of postings cannot say. Does not fire with fewer than two mergeable keywords.
 */
public final class MergeKeywords implements Rule {
    @Override
    public String name() {
        return "MergeKeywords";
    }

    @Override
    public Optional<Predicate> apply(Predicate node) {
        if (node instanceof And a) {
            return merge(a.operands(), KeywordSet.Mode.ALL, a.pos());
        }
        if (node instanceof Or o) {
            return merge(o.operands(), KeywordSet.Mode.ANY, o.pos());
        }
        return Optional.empty();
    }

    private static Optional<Predicate> merge(
            List<Predicate> ops, KeywordSet.Mode mode, PositionRange pos) {
        Set<String> tokens = new LinkedHashSet<>();
        List<Predicate> rest = new ArrayList<>();
        int merged = 0;
        int firstAt = -1;
        for (Predicate op : ops) {
            List<String> t = mergeable(op, mode);
            if (t == null) {
                rest.add(op);
                continue;
            }
            if (firstAt < 0) {
                firstAt = rest.size();
            }
            tokens.addAll(t);
            merged++;
        }
        if (merged < 2) {
            return Optional.empty();
        }
        rest.add(firstAt, new KeywordSet(mode, new ArrayList<>(tokens)));
        if (rest.size() == 1) {
            return Optional.of(rest.get(0));
        }
        return Optional.of(mode == KeywordSet.Mode.ALL ? new And(rest, pos) : new Or(rest, pos));
    }

    /** The tokens an operand adds to a merged lookup, or null if it cannot join one. */
    private static List<String> mergeable(Predicate op, KeywordSet.Mode mode) {
        if (op instanceof KeywordSet s && s.mode() == mode) {
            return s.tokens();
        }
        if (op instanceof Keyword k) {
            List<String> t = k.tokens();
            return mode == KeywordSet.Mode.ALL || t.size() == 1 ? t : null;
        }
        return null;
    }
}
