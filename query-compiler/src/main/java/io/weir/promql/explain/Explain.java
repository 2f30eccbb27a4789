package io.weir.promql.explain;

import io.weir.promql.plan.logical.LogicalNode;
import io.weir.promql.plan.logical.PlanText;
import io.weir.promql.plan.physical.CompiledView;
import io.weir.promql.plan.physical.Cost;
import io.weir.promql.plan.physical.PhysicalNode;
import io.weir.promql.plan.physical.PhysicalPlan;
import io.weir.promql.plan.physical.PhysicalPlanner;
import io.weir.promql.plan.physical.PhysicalView;
import io.weir.promql.plan.physical.Stage;
import io.weir.promql.plan.physical.StageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPLAIN of a physical plan, as text for people and as JSON for tools: the views (with their
 * optimized logical plans and the rules that fired), then each stage's nodes with key, operator
 * uid, inputs, the views that use them and their estimated cost, then the shared nodes and the
 * total.
 */
public final class Explain {
    private Explain() {}

    /** EXPLAIN of one view compiled on its own, as text. */
    public static String text(CompiledView view) {
        return text(PhysicalPlanner.plan(view), List.of(view));
    }

    /** EXPLAIN of one view compiled on its own, as JSON. */
    public static String json(CompiledView view) {
        return json(PhysicalPlanner.plan(view));
    }

    /**
     * EXPLAIN of a plan of several views as text; {@code views} supply the logical plans shown
     * under each view (views missing from it are shown without).
     */
    public static String text(PhysicalPlan plan, List<CompiledView> views) {
        StringBuilder sb = new StringBuilder();
        sb.append("EXPLAIN ")
                .append(plan.views().size())
                .append(plan.views().size() == 1 ? " view, " : " views, ")
                .append(plan.nodes().size())
                .append(" nodes, ")
                .append(plan.shared().size())
                .append(" shared\n");
        for (PhysicalView v : plan.views()) {
            sb.append("\nview ")
                    .append(v.name())
                    .append(" step=")
                    .append(PlanText.duration(v.stepMillis()))
                    .append(" lookahead=")
                    .append(PlanText.duration(v.lookaheadMillis()))
                    .append(" root=")
                    .append(v.root())
                    .append('\n');
            sb.append("  query: ").append(v.query()).append('\n');
            sb.append("  rules: ")
                    .append(v.rulesFired().isEmpty() ? "none" : String.join(", ", v.rulesFired()))
                    .append('\n');
            for (CompiledView cv : views) {
                if (cv.name().equals(v.name())) {
                    sb.append("  plan:\n");
                    tree(cv.plan(), 2, sb);
                }
            }
        }
        for (Stage s : Stage.values()) {
            List<PhysicalNode> nodes = plan.onStage(s);
            if (nodes.isEmpty()) {
                continue;
            }
            sb.append("\nstage ").append(s).append('\n');
            for (PhysicalNode n : nodes) {
                sb.append("  ").append(n.id()).append(' ').append(n.uid());
                if (!n.operator().isEmpty()) {
                    sb.append(' ').append(n.operator());
                }
                sb.append('\n');
                sb.append("      key=").append(key(n.key()));
                sb.append(" inputs=").append(n.inputs().isEmpty() ? "-" : join(n.inputs()));
                sb.append(" views=").append(String.join(",", n.views()));
                if (n.shared()) {
                    sb.append(" (shared)");
                }
                sb.append('\n');
                if (s != Stage.INLINE) {
                    sb.append("      cost: ").append(cost(n.cost())).append('\n');
                }
            }
        }
        sb.append("\nshared nodes:");
        if (plan.shared().isEmpty()) {
            sb.append(" none\n");
        } else {
            sb.append('\n');
            for (PhysicalNode n : plan.shared()) {
                sb.append("  ")
                        .append(n.id())
                        .append(' ')
                        .append(n.name())
                        .append(" used by ")
                        .append(String.join(", ", n.views()))
                        .append('\n');
            }
        }
        sb.append("total cost: ").append(cost(plan.totalCost())).append('\n');
        return sb.toString();
    }

    private static void tree(LogicalNode n, int depth, StringBuilder sb) {
        sb.append("  ".repeat(depth)).append(n.id()).append(' ').append(n.kind());
        if (!n.attributes().isEmpty()) {
            sb.append(' ').append(n.attributes());
        }
        sb.append('\n');
        for (LogicalNode in : n.inputs()) {
            tree(in, depth + 1, sb);
        }
    }

    public static String json(PhysicalPlan plan) {
        Json j = new Json().beginObject();
        j.key("views").beginArray();
        for (PhysicalView v : plan.views()) {
            j.beginObject();
            j.key("name").value(v.name());
            j.key("query").value(v.query());
            j.key("step_ms").value(v.stepMillis());
            j.key("root").value(v.root().hex());
            j.key("lookahead_ms").value(v.lookaheadMillis());
            j.key("rules_fired").strings(v.rulesFired());
            j.endObject();
        }
        j.endArray();
        j.key("stages").beginArray();
        for (Stage s : Stage.values()) {
            j.beginObject();
            j.key("stage").value(s.name().toLowerCase(Locale.ROOT));
            j.key("nodes").beginArray();
            for (PhysicalNode n : plan.onStage(s)) {
                node(j, n);
            }
            j.endArray();
            j.endObject();
        }
        j.endArray();
        j.key("shared").beginArray();
        for (PhysicalNode n : plan.shared()) {
            j.beginObject();
            j.key("id").value(n.id().hex());
            j.key("views").strings(new ArrayList<>(n.views()));
            j.endObject();
        }
        j.endArray();
        j.key("total_cost");
        cost(j, plan.totalCost());
        j.endObject();
        return j + "\n";
    }

    private static void node(Json j, PhysicalNode n) {
        j.beginObject();
        j.key("id").value(n.id().hex());
        j.key("name").value(n.name());
        j.key("version").value(n.version());
        j.key("uid").value(n.uid());
        j.key("operator").value(n.operator());
        j.key("key");
        key(j, n.key());
        List<String> inputs = new ArrayList<>();
        n.inputs().forEach(i -> inputs.add(i.hex()));
        j.key("inputs").strings(inputs);
        j.key("views").strings(new ArrayList<>(n.views()));
        j.key("shared").value(n.shared());
        j.key("cost");
        cost(j, n.cost());
        j.endObject();
    }

    private static void key(Json j, StageKey k) {
        j.beginObject();
        if (k instanceof StageKey.BySeries) {
            j.key("kind").value("series");
        } else if (k instanceof StageKey.ByGroup g) {
            j.key("kind").value("node+group");
            j.key("labels").strings(g.labels());
            j.key("without").value(g.without());
        } else if (k instanceof StageKey.ByView) {
            j.key("kind").value("view");
        } else if (k instanceof StageKey.ByViewAndLabels v) {
            j.key("kind").value("view+labels");
            j.key("labels").strings(v.labels());
            j.key("on").value(v.on());
        } else if (k instanceof StageKey.None) {
            j.key("kind").value("none");
        } else {
            throw new IllegalStateException("unknown key " + k);
        }
        j.endObject();
    }

    private static void cost(Json j, Cost c) {
        j.beginObject();
        j.key("series").value(Math.round(c.series()));
        j.key("state_bytes").value(Math.round(c.stateBytes()));
        j.key("cpu_per_step").value(Math.round(c.cpuPerStep()));
        j.endObject();
    }

    static String key(StageKey k) {
        if (k instanceof StageKey.BySeries) {
            return "series";
        } else if (k instanceof StageKey.ByGroup g) {
            return "node+group " + (g.without() ? "without" : "by") + PlanText.names(g.labels());
        } else if (k instanceof StageKey.ByView) {
            return "view";
        } else if (k instanceof StageKey.ByViewAndLabels v) {
            return "view+" + (v.on() ? "on" : "ignoring") + PlanText.names(v.labels());
        } else if (k instanceof StageKey.None) {
            return "none";
        }
        throw new IllegalStateException("unknown key " + k);
    }

    private static String cost(Cost c) {
        return "series="
                + Math.round(c.series())
                + " state="
                + bytes(c.stateBytes())
                + " cpu/step="
                + Math.round(c.cpuPerStep());
    }

    private static String bytes(double b) {
        if (b < 1024) {
            return Math.round(b) + "B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fKiB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1fMiB", b / (1024 * 1024));
    }

    private static String join(List<?> ids) {
        List<String> s = new ArrayList<>();
        for (Object o : ids) {
            s.add(o.toString());
        }
        return String.join(",", s);
    }
}
