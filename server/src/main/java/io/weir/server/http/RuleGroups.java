package io.weir.server.http;

import io.weir.promql.ast.LabelMatcher;
import io.weir.promql.eval.LabelMatchers;
import io.weir.server.api.DurationText;
import io.weir.server.api.PrometheusJson;
import io.weir.server.rules.RecordingRules;
import io.weir.server.rules.RuleExpression;
import io.weir.server.views.ViewInfo;
import io.weir.server.views.ViewRegistry;
import io.weir.server.views.ViewStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /api/v1/rules} in the shape of Prometheus's rules API, so that Grafana and other
 * Prometheus clients list the views as recording rules: one group per step, named {@code weir views
 * every <step>}, file {@code weir.queries}. A rule shows its expression and labels as the rules
 * file had them ({@link RecordingRules#ruleOf}); its health is {@code ok} once the view has results
 * ({@code unknown} before); its last evaluation is its last final step.
 *
 * <p>The parameters are Prometheus's: {@code type} ({@code record} or {@code alert}: Weir has no
 * alerting rules, so {@code alert} lists none), {@code rule_name[]}, {@code rule_group[]}, {@code
 * file[]}, {@code match[]} (selectors over the rules' labels), {@code exclude_alerts}, and paging
 * with {@code group_limit} and {@code group_next_token}.
 */
final class RuleGroups {
    static final String FILE = "weir.queries";
    private static final String NEVER = "0001-01-01T00:00:00Z";

    private final ViewRegistry registry;

    RuleGroups(ViewRegistry registry) {
        this.registry = registry;
    }

    /** A rule as listed. */
    private record Rule(String name, RuleExpression rule, ViewInfo view) {}

    /** A group: the views of one step. */
    private record Group(String name, long intervalMillis, List<Rule> rules) {
        OptionalLong lastEvaluation() {
            OptionalLong last = OptionalLong.empty();
            for (Rule r : rules) {
                OptionalLong l = r.view().lastFinalStep();
                if (l.isPresent() && (last.isEmpty() || l.getAsLong() > last.getAsLong())) {
                    last = l;
                }
            }
            return last;
        }
    }

    String list(FormParams p) throws ApiError {
        String type = p.first("type").toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            throw ApiError.invalidParam("type", "not supported value \"" + type + "\"");
        }
        String exclude = p.first("exclude_alerts").toLowerCase(Locale.ROOT);
        // Go's strconv.ParseBool, after Prometheus lowered the case.
        if (!exclude.isEmpty() && !Set.of("1", "t", "true", "0", "f", "false").contains(exclude)) {
            throw ApiError.invalidParam(
                    "exclude_alerts",
                    "error converting exclude_alerts: strconv.ParseBool: parsing \""
                            + exclude
                            + "\": invalid syntax");
        }
        long limit = groupLimit(p);
        String nextToken = p.first("group_next_token");
        boolean recording = !type.equals("alert");
        Set<String> names = Set.copyOf(p.all("rule_name[]"));
        Set<String> groupNames = Set.copyOf(p.all("rule_group[]"));
        Set<String> files = Set.copyOf(p.all("file[]"));
        List<List<LabelMatcher>> matchers = SeriesEndpoints.matcherSets(p.all("match[]"));

        List<Group> out = new ArrayList<>();
        String groupNextToken = null;
        boolean foundToken = false;
        for (Group g : groups()) {
            if (limit > 0 && !nextToken.isEmpty() && !foundToken) {
                if (!nextToken.equals(token(g.name()))) {
                    continue;
                }
                foundToken = true;
            }
            if ((!groupNames.isEmpty() && !groupNames.contains(g.name()))
                    || (!files.isEmpty() && !files.contains(FILE))) {
                continue;
            }
            List<Rule> rules = new ArrayList<>();
            for (Rule r : g.rules()) {
                if (recording
                        && (names.isEmpty() || names.contains(r.name()))
                        && matches(matchers, r.rule().labels())) {
                    rules.add(r);
                }
            }
            if (rules.isEmpty()) {
                continue; // as Prometheus, a group whose rules were all filtered out is left out
            }
            if (limit > 0 && out.size() == limit) {
                groupNextToken = token(g.name());
                break;
            }
            out.add(new Group(g.name(), g.intervalMillis(), rules));
        }
        if (limit > 0 && !nextToken.isEmpty() && !foundToken) {
            throw ApiError.invalidParam(
                    "group_next_token",
                    "invalid group_next_token '" + nextToken + "'. were rule groups changed?");
        }
        StringBuilder sb = new StringBuilder("{\"groups\":[");
        for (int i = 0; i < out.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            group(sb, out.get(i));
        }
        sb.append(']');
        if (groupNextToken != null) {
            sb.append(",\"groupNextToken\":");
            Json.string(sb, groupNextToken);
        }
        return Json.success(sb.append('}').toString());
    }

    /** The views not dropped, one group per step in ascending order. */
    private List<Group> groups() {
        TreeMap<Long, List<Rule>> bySteps = new TreeMap<>();
        for (ViewInfo v : registry.list()) {
            if (v.status() != ViewStatus.DROPPED) {
                bySteps.computeIfAbsent(v.registration().step().toMillis(), k -> new ArrayList<>())
                        .add(
                                new Rule(
                                        v.registration().name(),
                                        RecordingRules.ruleOf(v.registration().query()),
                                        v));
            }
        }
        List<Group> out = new ArrayList<>();
        bySteps.forEach(
                (step, rules) ->
                        out.add(
                                new Group(
                                        "weir views every " + DurationText.format(step),
                                        step,
                                        rules)));
        return out;
    }

    private static boolean matches(List<List<LabelMatcher>> sets, Map<String, String> labels) {
        if (sets.isEmpty()) {
            return true;
        }
        for (List<LabelMatcher> set : sets) {
            boolean all = true;
            for (LabelMatcher m : set) {
                all &= LabelMatchers.matches(m, labels.getOrDefault(m.name(), ""));
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static long groupLimit(FormParams p) throws ApiError {
        String limit = p.first("group_limit");
        if (limit.isEmpty()) {
            if (!p.first("group_next_token").isEmpty()) {
                throw ApiError.invalidParam(
                        "group_next_token",
                        "group_limit needs to be present in order to paginate over the groups");
            }
            return -1;
        }
        long n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ApiError.invalidParam(
                    "group_limit",
                    "group_limit needs to be a valid number: strconv.ParseInt: parsing \""
                            + limit
                            + "\": invalid syntax");
        }
        if (n <= 0) {
            throw ApiError.invalidParam("group_limit", "group_limit needs to be greater than 0");
        }
        return n;
    }

    /** Prometheus's paging token of a group: the SHA-256 of {@code <file>;<group>}, in hex. */
    static String token(String group) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((FILE + ";" + group).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void group(StringBuilder sb, Group g) {
        sb.append("{\"name\":");
        Json.string(sb, g.name());
        sb.append(",\"file\":");
        Json.string(sb, FILE);
        sb.append(",\"rules\":[");
        for (int i = 0; i < g.rules().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            rule(sb, g.rules().get(i));
        }
        sb.append("],\"interval\":");
        PrometheusJson.appendTimestamp(sb, g.intervalMillis());
        sb.append(",\"limit\":0,\"evaluationTime\":0,\"lastEvaluation\":");
        Json.string(sb, rfc3339(g.lastEvaluation()));
        sb.append('}');
    }

    /** Prometheus's {@code RecordingRule}, fields in its order; no {@code lastError}: none. */
    private static void rule(StringBuilder sb, Rule r) {
        sb.append("{\"name\":");
        Json.string(sb, r.name());
        sb.append(",\"query\":");
        Json.string(sb, r.rule().expr());
        sb.append(",\"labels\":{");
        boolean first = true;
        for (Map.Entry<String, String> l : r.rule().labels().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Json.string(sb, l.getKey());
            sb.append(':');
            Json.string(sb, l.getValue());
        }
        sb.append("},\"health\":")
                .append(r.view().status() == ViewStatus.RUNNING ? "\"ok\"" : "\"unknown\"")
                .append(",\"evaluationTime\":0,\"lastEvaluation\":");
        Json.string(sb, rfc3339(r.view().lastFinalStep()));
        sb.append(",\"type\":\"recording\"}");
    }

    private static String rfc3339(OptionalLong millis) {
        return millis.isPresent() ? Instant.ofEpochMilli(millis.getAsLong()).toString() : NEVER;
    }
}
