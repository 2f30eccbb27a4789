package io.weir.search;

import io.weir.search.ast.And;
import io.weir.search.ast.Comparison;
import io.weir.search.ast.Keyword;
import io.weir.search.ast.LabelMatch;
import io.weir.search.ast.LabelPresent;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random predicate trees over the vocabulary of {@link TestData}. */
public final class RandomTrees {
    private static final String[] KEYWORDS = {
        "checkout",
        "api",
        "cart",
        "eu",
        "us",
        "http",
        "requests",
        "latency",
        "db",
        "Checkout-API",
        "nosuchtoken"
    };
    private static final String[] LABELS = {"service", "region", "env", "tier", "absent"};
    private static final String[] VALUES = {"checkout", "cart", "eu-west", "us-east", "prod", "x"};
    private static final String[] REGEXES = {"eu.*", "c.*t", "prod|dev", ".*", "(", "a\\.b"};
    private static final long[] RANGES = {60_000, 300_000, 600_000, 3_600_000, 2 * 3_600_000};

    private final Random random;

    public RandomTrees(long seed) {
        this.random = new Random(seed);
    }

    public Predicate tree(int depth) {
        if (depth <= 0 || random.nextInt(3) == 0) {
            return leaf();
        }
        int kind = random.nextInt(5);
        if (kind == 0) {
            return new Not(tree(depth - 1));
        }
        int n = 2 + random.nextInt(3);
        List<Predicate> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(tree(depth - 1));
        }
        return kind <= 2 ? new And(ops) : new Or(ops);
    }

    public Predicate leaf() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> new Keyword(pick(KEYWORDS));
            case 2 -> new LabelPresent(pick(LABELS));
            case 3 -> {
                boolean regex = random.nextBoolean();
                String v = regex ? pick(REGEXES) : pick(VALUES);
                yield new LabelMatch(pick(LABELS), regex && !v.equals("("), v);
            }
            default ->
                    new Percentile(
                            new double[] {0, 0.5, 0.9, 0.99, 1}[random.nextInt(5)],
                            RANGES[random.nextInt(RANGES.length)],
                            pickComparison(),
                            Math.round(random.nextDouble() * 100) / 100.0);
        };
    }

    private Comparison pickComparison() {
        List<Comparison> all = List.of(Comparison.values());
        return all.get(random.nextInt(all.size()));
    }

    private String pick(String[] a) {
        return a[random.nextInt(a.length)];
    }
}
