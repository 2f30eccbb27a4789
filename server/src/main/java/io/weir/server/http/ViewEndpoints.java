package io.weir.server.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.weir.connectors.codec.QueryRegistration;
import io.weir.server.api.BadParameterException;
import io.weir.server.api.DurationText;
import io.weir.server.api.PrometheusJson;
import io.weir.server.api.QueryParams;
import io.weir.server.rules.InvalidRulesException;
import io.weir.server.rules.RecordingRules;
import io.weir.server.rules.RuleView;
import io.weir.server.views.InvalidViewException;
import io.weir.server.views.ViewInfo;
import io.weir.server.views.ViewRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/v1/views} (register, list), {@code /api/v1/views/<name>} (show, drop) and {@code
 * /api/v1/rules} (a recording-rules file, each rule a view).
 */
final class ViewEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How a view registered without a lateness shows it: the job then applies its own default
     * ({@code lateness.default.ms}), a setting of the job the server cannot see.
     */
    static final String DEFAULT_LATENESS = "default";

    /** How a view registered without a retention shows it: the server keeps its history. */
    static final String KEEP_FOREVER = "forever";

    private final ViewRegistry registry;

    ViewEndpoints(ViewRegistry registry) {
        this.registry = registry;
    }

    /** {@code POST /api/v1/views} with {@code {"name","query","step","lateness","retention"}}. */
    String register(String body) throws ApiError {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.badData("invalid JSON body: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badData("the body must be a JSON object");
        }
        String name = field(node, "name", true);
        String query = field(node, "query", true);
        Duration step = duration(node, "step", null);
        Duration lateness = duration(node, "lateness", DEFAULT_LATENESS);
        Duration retention = duration(node, "retention", KEEP_FOREVER);
        QueryRegistration r;
        try {
            r = new QueryRegistration(name, query, step, lateness, retention);
        } catch (IllegalArgumentException e) {
            throw ApiError.badData(e.getMessage());
        }
        ViewRegistry.Prepared p;
        try {
            p = registry.prepare(r, java.util.Map.of());
        } catch (InvalidViewException e) {
            throw ApiError.badData(e.getMessage());
        }
        publish(List.of(p));
        return Json.success(registration(p));
    }

    /** {@code POST /api/v1/rules}: every rule validated first, then all published in order. */
    String rules(String body) throws ApiError {
        List<RuleView> rules;
        try {
            rules = RecordingRules.parse(body);
        } catch (InvalidRulesException e) {
            throw ApiError.badData(e.getMessage());
        }
        // Rules may select earlier rules' records (Prometheus evaluates a group's rules in
        // order): each is expanded over the active views and the rules before it, all before
        // any is published.
        List<ViewRegistry.Prepared> prepared = new ArrayList<>(rules.size());
        java.util.Map<String, QueryRegistration> earlier = new java.util.HashMap<>();
        for (RuleView rule : rules) {
            QueryRegistration r =
                    new QueryRegistration(
                            rule.name(), rule.query(), rule.step(), Duration.ZERO, Duration.ZERO);
            ViewRegistry.Prepared p;
            try {
                p = registry.prepare(r, earlier);
            } catch (InvalidViewException e) {
                throw ApiError.badData(rule.where() + ": " + e.getMessage());
            }
            earlier.put(r.name(), p.published());
            prepared.add(p);
        }
        publish(prepared);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < prepared.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(registration(prepared.get(i)));
        }
        return Json.success(sb.append(']').toString());
    }

    private void publish(List<ViewRegistry.Prepared> prepared) throws ApiError {
        for (ViewRegistry.Prepared p : prepared) {
            try {
                registry.publish(p);
            } catch (IOException e) {
                throw new ApiError(ApiError.Type.UNAVAILABLE, e.getMessage());
            }
        }
    }

    String list() {
        StringBuilder sb = new StringBuilder("[");
        List<ViewInfo> all = registry.list();
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            info(sb, all.get(i));
        }
        return Json.success(sb.append(']').toString());
    }

    String get(String name) throws ApiError {
        Optional<ViewInfo> v = registry.get(name);
        if (v.isEmpty()) {
            throw notFound(name);
        }
        StringBuilder sb = new StringBuilder();
        info(sb, v.get());
        return Json.success(sb.toString());
    }

    String drop(String name) throws ApiError {
        try {
            if (!registry.drop(name)) {
                throw notFound(name);
            }
        } catch (IOException e) {
            throw new ApiError(ApiError.Type.UNAVAILABLE, e.getMessage());
        }
        return get(name);
    }

    static ApiError notFound(String name) {
        StringBuilder sb = new StringBuilder("view ");
        io.weir.promql.model.Labels.quote(sb, name);
        return new ApiError(ApiError.Type.NOT_FOUND, sb.append(" not found").toString());
    }

    private static String registration(ViewRegistry.Prepared p) {
        StringBuilder sb = new StringBuilder(128);
        QueryRegistration r = p.published();
        fields(sb, r, p.userQuery(), p.expanded() ? r.query() : null);
        return sb.append('}').toString();
    }

    private static void fields(
            StringBuilder sb, QueryRegistration r, String query, String expandedQuery) {
        sb.append("{\"name\":");
        Json.string(sb, r.name());
        sb.append(",\"query\":");
        Json.string(sb, query);
        if (expandedQuery != null) {
            sb.append(",\"expandedQuery\":");
            Json.string(sb, expandedQuery);
        }
        sb.append(",\"step\":");
        Json.string(sb, DurationText.format(r.step().toMillis()));
        // Zero in a registration means "not given": show what applies instead of "0s".
        sb.append(",\"lateness\":");
        Json.string(
                sb,
                r.lateness().isZero()
                        ? DEFAULT_LATENESS
                        : DurationText.format(r.lateness().toMillis()));
        sb.append(",\"retention\":");
        Json.string(
                sb,
                r.retention().isZero()
                        ? KEEP_FOREVER
                        : DurationText.format(r.retention().toMillis()));
    }

    private static void info(StringBuilder sb, ViewInfo v) {
        fields(sb, v.registration(), v.registration().query(), v.expandedQuery());
        sb.append(",\"status\":");
        Json.string(sb, v.status().wire());
        sb.append(",\"lastFinalStep\":");
        if (v.lastFinalStep().isPresent()) {
            PrometheusJson.appendTimestamp(sb, v.lastFinalStep().getAsLong());
        } else {
            sb.append("null");
        }
        sb.append(",\"lagSeconds\":");
        if (Double.isNaN(v.lagSeconds())) {
            sb.append("null");
        } else {
            sb.append(io.weir.promql.model.GoFloatFormat.formatG(v.lagSeconds()));
        }
        sb.append('}');
    }

    private static String field(JsonNode node, String name, boolean required) throws ApiError {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiError.badData("missing field \"" + name + "\"");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiError.badData("field \"" + name + "\" must be a string");
        }
        return v.asText();
    }

    /**
     * A duration field; {@code unset} is the optional field's word for "not given" (what the list
     * shows for it, so that a listed view can be registered again as it is), null for a required
     * field.
     */
    private static Duration duration(JsonNode node, String name, String unset) throws ApiError {
        String text = field(node, name, unset == null);
        if (text == null || text.equals(unset)) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofMillis(QueryParams.parseDuration(name, text));
        } catch (BadParameterException e) {
            throw ApiError.badData(e.getMessage());
        }
    }
}
