package io.weir.server.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.weir.promql.PromqlException;
import io.weir.promql.ast.Call;
import io.weir.promql.ast.Expr;
import io.weir.promql.ast.PositionRange;
import io.weir.promql.ast.StringLiteral;
import io.weir.promql.model.Labels;
import io.weir.promql.parser.PromqlParser;
import io.weir.promql.parser.PromqlPrinter;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.QueryParams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a Prometheus recording-rules file: {@code groups}, each with a {@code name}, an optional
 * {@code interval} (1m by default) and {@code rules} of {@code record}, {@code expr} and optional
 * {@code labels}. Every rule becomes a view named by its record, at its group's interval, in file
 * order, so that a rule can select an earlier rule's output by its record name.
 *
 * <p>A rule's {@code labels} are applied by wrapping its expression: {@code label_replace(expr,
 * "k", "v", "", "")} for each label sets {@code k} to {@code v} on every output series (an empty
 * value removes the label), which is what Prometheus does with a rule's labels. Alerting rules are
 * refused: Weir has no alerting.
 */
public final class RecordingRules {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private RecordingRules() {}

    public static List<RuleView> parse(String text) throws InvalidRulesException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr() + ": ";
            throw new InvalidRulesException(where + "invalid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidRulesException("no groups in the rules file");
        }
        if (!root.isObject() || !root.path("groups").isArray()) {
            throw new InvalidRulesException("the rules file must be a map with a list \"groups\"");
        }
        List<RuleView> out = new ArrayList<>();
        List<String> groupNames = new ArrayList<>();
        int g = 0;
        for (JsonNode group : root.get("groups")) {
            g++;
            String name = text(group, "name");
            String gWhere = name == null ? "group " + g : "group \"" + name + "\"";
            if (name == null || name.isEmpty()) {
                throw new InvalidRulesException(gWhere + ": groupname must not be empty");
            }
            if (groupNames.contains(name)) {
                throw new InvalidRulesException(gWhere + ": repeated in the same file");
            }
            groupNames.add(name);
            Duration interval = DEFAULT_INTERVAL;
            String iv = text(group, "interval");
            if (iv != null) {
                try {
                    interval = Duration.ofMillis(QueryParams.parseDuration("interval", iv));
                } catch (BadParameterException e) {
                    throw new InvalidRulesException(gWhere + ": " + e.getMessage());
                }
                if (interval.toMillis() <= 0) {
                    throw new InvalidRulesException(gWhere + ": interval must be positive");
                }
            }
            JsonNode rules = group.path("rules");
            if (!rules.isArray()) {
                throw new InvalidRulesException(gWhere + ": \"rules\" must be a list");
            }
            int r = 0;
            for (JsonNode rule : rules) {
                r++;
                out.add(rule(rule, gWhere + ", rule " + r, interval));
            }
        }
        return out;
    }

    private static RuleView rule(JsonNode rule, String where, Duration interval)
            throws InvalidRulesException {
        if (!rule.isObject()) {
            throw new InvalidRulesException(where + ": a rule must be a map");
        }
        if (rule.has("alert")) {
            throw new InvalidRulesException(where + ": alerting rules are not supported");
        }
        String record = text(rule, "record");
        if (record == null || record.isEmpty()) {
            throw new InvalidRulesException(where + ": field 'record' must be set in rule");
        }
        if (!Labels.isLegacyMetricName(record)) {
            throw new InvalidRulesException(where + ": invalid recording rule name: " + record);
        }
        String expr = text(rule, "expr");
        if (expr == null || expr.isBlank()) {
            throw new InvalidRulesException(where + ": field 'expr' must be set in rule");
        }
        Map<String, String> labels = new TreeMap<>();
        JsonNode ls = rule.path("labels");
        if (!ls.isMissingNode() && !ls.isNull()) {
            if (!ls.isObject()) {
                throw new InvalidRulesException(where + ": \"labels\" must be a map");
            }
            for (Map.Entry<String, JsonNode> e : ls.properties()) {
                if (e.getKey().equals(Labels.METRIC_NAME)
                        || !Labels.isLegacyLabelName(e.getKey())) {
                    throw new InvalidRulesException(where + ": invalid label name: " + e.getKey());
                }
                labels.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
        return new RuleView(record, withLabels(expr.strip(), labels), interval, where);
    }

    /** {@code expr} with each label set on its output, in label-name order. */
    static String withLabels(String expr, Map<String, String> labels) {
        String q = expr;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            StringBuilder sb = new StringBuilder(q.length() + 64);
            sb.append("label_replace(").append(q).append(", ");
            Labels.quote(sb, e.getKey());
            sb.append(", ");
            Labels.quote(sb, e.getValue().replace("$", "$$"));
            sb.append(", \"\", \"\")");
            q = sb.toString();
        }
        return q;
    }

    /**
     * The rule a view's query came from: {@link #withLabels} undone. Each outer {@code
     * label_replace(e, "k", "v", "", "")} (the form rule labels are written in) becomes the label
     * {@code k="v"}; the expression inside is given as it was written. A query of another form is
     * its own expression without labels; one that does not parse is given as it is.
     */
    public static RuleExpression ruleOf(String query) {
        Expr e;
        try {
            e = PromqlParser.parse(query);
        } catch (PromqlException ex) {
            return RuleExpression.of(query, Map.of());
        }
        Map<String, String> labels = new TreeMap<>();
        while (e instanceof Call c && isLabelSetter(c) && !labels.containsKey(label(c, 1))) {
            labels.put(label(c, 1), label(c, 2).replace("$$", "$"));
            e = c.args().get(0);
        }
        if (labels.isEmpty()) {
            return RuleExpression.of(query, labels);
        }
        PositionRange at = e.pos();
        String inner =
                at.isKnown() && at.end() <= query.length()
                        ? query.substring(at.start(), at.end())
                        : PromqlPrinter.print(e);
        return RuleExpression.of(inner, labels);
    }

    /** {@code label_replace(e, "k", "v", "", "")}: sets {@code k} to {@code v} on every series. */
    private static boolean isLabelSetter(Call c) {
        return c.function().equals("label_replace")
                && c.args().size() == 5
                && c.args().get(1) instanceof StringLiteral
                && c.args().get(2) instanceof StringLiteral
                && c.args().get(3) instanceof StringLiteral src
                && src.value().isEmpty()
                && c.args().get(4) instanceof StringLiteral regex
                && regex.value().isEmpty();
    }

    private static String label(Call c, int arg) {
        return ((StringLiteral) c.args().get(arg)).value();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
