package io.weir.search.exec;

import io.weir.search.ast.And;
import io.weir.search.ast.Not;
import io.weir.search.ast.Or;
import io.weir.search.ast.Percentile;
import io.weir.search.ast.Predicate;
import io.weir.search.optimizer.Trees;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan node with the groups the prefilter executor gives it: it reads its candidates from group
 * {@code read} and narrows group {@code write} to the candidates that satisfy it.
 *
 * <p>Groups are assigned top-down: the root reads and writes group 0; each operand of an AND shares
 * its parent's read and write groups (so each conjunct narrows the set the next one reads); each
 * operand of an OR gets a new write group and reads only it; a NOT gets a new write group, passed
 * to its operand as both read and write group. A new group starts as the parent's candidates; under
 * an OR, less the series that earlier operands already kept (they are in the result whatever the
 * later operands say).
 */
public record GroupedPlan(
        Predicate node, int read, int write, boolean percentile, List<GroupedPlan> children) {
    public GroupedPlan {
        children = List.copyOf(children);
    }

    /** Whether the plan holds a percentile predicate, the only kind worth prefiltering for. */
    public static boolean hasPercentile(Predicate p) {
        if (p instanceof Percentile) {
            return true;
        }
        for (Predicate c : Trees.children(p)) {
            if (hasPercentile(c)) {
                return true;
            }
        }
        return false;
    }

    /** The plan with groups assigned; groups are numbered in order of creation from 0. */
    public static GroupedPlan assign(Predicate plan) {
        return new Assigner().assign(plan, 0, 0);
    }

    /** How many groups the plan uses. */
    public int groupCount() {
        int max = Math.max(read, write);
        for (GroupedPlan c : children) {
            max = Math.max(max, c.groupCount() - 1);
        }
        return max + 1;
    }

    private static final class Assigner {
        private int next = 1;

        GroupedPlan assign(Predicate p, int read, int write) {
            List<GroupedPlan> kids = new ArrayList<>();
            if (p instanceof And) {
                for (Predicate op : Trees.children(p)) {
                    kids.add(assign(op, read, write));
                }
            } else if (p instanceof Or) {
                for (Predicate op : Trees.children(p)) {
                    int g = next++;
                    kids.add(assign(op, g, g));
                }
            } else if (p instanceof Not n) {
                int g = next++;
                kids.add(assign(n.operand(), g, g));
            }
            boolean pct =
                    p instanceof Percentile || kids.stream().anyMatch(GroupedPlan::percentile);
            return new GroupedPlan(p, read, write, pct, kids);
        }
    }
}
