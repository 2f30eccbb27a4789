package io.weir.promql.plan.physical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.weir.promql.PromqlException;
import io.weir.promql.plan.logical.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PhysicalPlannerTest {
    private static PhysicalPlan plan(String query) {
        return PhysicalPlanner.plan(ViewCompiler.defaults().compile("v", query, 60_000));
    }

    /** name@stage[key] of every non-inline node, in plan order. */
    private static List<String> placement(PhysicalPlan p) {
        List<String> out = new ArrayList<>();
        for (PhysicalNode n : p.nodes()) {
            if (n.stage() != Stage.INLINE) {
                out.add(n.name() + "@" + n.stage() + "[" + keyText(n.key()) + "]");
            }
        }
        return out;
    }

    private static String keyText(StageKey k) {
        if (k instanceof StageKey.ByGroup g) {
            return (g.without() ? "without" : "by") + g.labels();
        } else if (k instanceof StageKey.ByViewAndLabels v) {
            return (v.on() ? "view+on" : "view+ignoring") + v.labels();
        }
        return k.getClass().getSimpleName();
    }

    @Test
    void twoPhaseAggregationSpansSeriesAndAggregationStages() {
        assertEquals(
                List.of(
                        "scan@SERIES[BySeries]",
                        "paned-window@SERIES[BySeries]",
                        "partial-aggregate@SERIES[BySeries]",
                        "final-aggregate@AGGREGATION[by[job]]"),
                placement(plan("sum by (job) (rate(x[5m]))")));
    }

    @Test
    void aFunctionOfAnAggregateStaysWithIt() {
        assertEquals(
                List.of(
                        "scan@SERIES[BySeries]",
                        "instant-sample@SERIES[BySeries]",
                        "partial-aggregate@SERIES[BySeries]",
                        "final-aggregate@AGGREGATION[without[instance]]",
                        "vector-scalar@AGGREGATION[without[instance]]"),
                placement(plan("avg without (instance) (x) * 100")));
    }

    @Test
    void nestedAggregationAndHistogramsOfAggregatesRunOnTheViewStage() {
        assertEquals("aggregate@VIEW[ByView]", placement(plan("max(sum by (job) (x))")).get(4));
        assertEquals(
                "bucket-function@VIEW[ByView]",
                placement(plan("histogram_quantile(0.9, sum by (le) (rate(b[5m])))")).get(4));
        assertEquals(
                List.of(
                        "scan@SERIES[BySeries]",
                        "instant-sample@SERIES[BySeries]",
                        "bucket-function@AGGREGATION[without[le]]"),
                placement(plan("histogram_quantile(0.9, b)")));
    }

    @Test
    void joinsAreKeyedByViewAndMatchingLabels() {
        List<String> p = placement(plan("a / on (job, env) b"));
        assertEquals("vector-join@VIEW[view+on[job, env]]", p.get(p.size() - 1));
        List<String> q = placement(plan("a - ignoring (x) b"));
        assertEquals("vector-join@VIEW[view+ignoring[x]]", q.get(q.size() - 1));
        List<String> r = placement(plan("(a + b) * c"));
        assertEquals("vector-join@VIEW[ByView]", r.get(r.size() - 1));
    }

    @Test
    void scalarsComputedFromVectorsForceTheViewStage() {
        List<String> p = placement(plan("x * scalar(y)"));
        assertEquals("vector-scalar@VIEW[ByView]", p.get(p.size() - 1));
        List<String> q = placement(plan("x * 2"));
        assertEquals("vector-scalar@SERIES[BySeries]", q.get(q.size() - 1));
    }

    @Test
    void parametersComputedFromVectorsForceTheViewStage() {
        List<String> p = placement(plan("topk(scalar(y), x)"));
        assertEquals("aggregate@VIEW[ByView]", p.get(p.size() - 1));
        List<String> q = placement(plan("histogram_quantile(scalar(y), b)"));
        assertEquals("bucket-function@VIEW[ByView]", q.get(q.size() - 1));
    }

    @Test
    void limitkIsNotSplit() {
        assertEquals("aggregate@AGGREGATION[by[]]", placement(plan("limitk(2, x)")).get(2));
    }

    @Test
    void constantsAreInline() {
        PhysicalPlan p = plan("topk(3, x)");
        PhysicalNode three = p.onStage(Stage.INLINE).get(0);
        assertEquals("constant", three.name());
        assertEquals(new StageKey.None(), three.key());
    }

    @Test
    void nodesCarryAStableUidFromNameVersionAndId() {
        PhysicalNode scan = plan("http_requests_total").nodes().get(0);
        assertEquals("scan-v1-a322b24a4d42b124", scan.uid());
        assertEquals(new NodeId("a322b24a4d42b124"), scan.logical().id());
    }

    @Test
    void negativeOffsetsDelayFinalSteps() {
        assertEquals(0, plan("rate(x[5m] offset 2m)").views().get(0).lookaheadMillis());
        assertEquals(120_000, plan("rate(x[5m] offset -2m)").views().get(0).lookaheadMillis());
        // The largest of the two sides: 3m.
        assertEquals(
                180_000,
                plan("max_over_time(x[10m:1m] offset -3m) + y offset -1m")
                        .views()
                        .get(0)
                        .lookaheadMillis());
    }

    @Test
    void lookaheadAddsUpThroughSubqueries() {
        assertEquals(
                300_000,
                plan("max_over_time((x offset -2m)[10m:1m] offset -3m)")
                        .views()
                        .get(0)
                        .lookaheadMillis());
    }

    @Test
    void theCatalogSharesNodesAndFreesThemOnDrop() {
        ViewCatalog c = new ViewCatalog(ViewCompiler.defaults());
        c.register("a", "sum(rate(x[5m]))", 60_000);
        c.register("b", "rate(x[5m]) > 1", 60_000);
        PhysicalPlan p = c.physicalPlan();
        assertEquals(2, p.shared().size());
        for (PhysicalNode n : p.shared()) {
            assertEquals(Set.of("a", "b"), n.views());
        }
        List<NodeId> freed = c.drop("a");
        // The final and partial sum; the window and scan stay for b.
        assertEquals(2, freed.size());
        assertEquals(0, c.physicalPlan().shared().size());
        assertEquals(List.of("b"), c.shared().views());
    }

    @Test
    void viewsOfDifferentStepsShareScansButNotWindows() {
        ViewCatalog c = new ViewCatalog(ViewCompiler.defaults());
        c.register("fast", "rate(x[5m])", 30_000);
        c.register("slow", "rate(x[5m])", 60_000);
        PhysicalPlan p = c.physicalPlan();
        assertEquals(List.of("scan"), p.shared().stream().map(PhysicalNode::name).toList());
        assertEquals(3, p.nodes().size());
    }

    @Test
    void aViewThatDoesNotCompileChangesNothing() {
        ViewCatalog c = new ViewCatalog(ViewCompiler.defaults());
        c.register("a", "x", 60_000);
        assertThrows(PromqlException.class, () -> c.register("b", "x @ 100", 60_000));
        assertThrows(IllegalArgumentException.class, () -> c.register("a", "y", 60_000));
        assertEquals(List.of("a"), c.shared().views());
        assertEquals(1, c.views().size());
        assertTrue(c.physicalPlan().nodes().size() == 2);
    }
}
