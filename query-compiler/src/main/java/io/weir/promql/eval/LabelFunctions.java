package io.weir.promql.eval;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.weir.promql.ast.Expr;
import io.weir.promql.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** label_replace and label_join: they change series, not values. */
final class LabelFunctions {
    private LabelFunctions() {}

    static Val labelReplace(Evaluator ev, List<Expr> args, Steps steps) {
        String dst = InstantFunctions.stringArg(args.get(1));
        String repl = InstantFunctions.stringArg(args.get(2));
        String src = InstantFunctions.stringArg(args.get(3));
        String re = InstantFunctions.stringArg(args.get(4));
        Pattern pattern;
        try {
            pattern = Pattern.compile("^(?s:" + re + ")$");
        } catch (PatternSyntaxException e) {
            throw QueryContext.error("invalid regular expression in label_replace(): " + re);
        }
        if (!isValidLabelName(dst)) {
            throw QueryContext.error("invalid destination label name in label_replace(): " + dst);
        }
        SeriesSet in = ev.vectors(args.get(0), steps);
        SeriesSet mapped =
                Evaluator.map(
                        in,
                        s -> {
                            String value = s.labels.get(src);
                            Matcher m = pattern.matcher(value);
                            if (!m.matches()) {
                                return s;
                            }
                            String res = GoTemplate.expand(repl, m, pattern);
                            Labels l = s.labels.toBuilder().set(dst, res).build();
                            boolean drop = dst.equals(Labels.METRIC_NAME) ? false : s.dropName;
                            return s.withLabels(l, drop);
                        });
        return new Val.Vectors(mergeSameLabels(ev.ctx.parallel.materialize(mapped)));
    }

    static Val labelJoin(Evaluator ev, List<Expr> args, Steps steps) {
        String dst = InstantFunctions.stringArg(args.get(1));
        String sep = InstantFunctions.stringArg(args.get(2));
        List<String> srcs = new ArrayList<>();
        for (int i = 3; i < args.size(); i++) {
            String src = InstantFunctions.stringArg(args.get(i));
            if (!isValidLabelName(src)) {
                throw QueryContext.error("invalid source label name in label_join(): " + src);
            }
            srcs.add(src);
        }
        if (!isValidLabelName(dst)) {
            throw QueryContext.error("invalid destination label name in label_join(): " + dst);
        }
        SeriesSet in = ev.vectors(args.get(0), steps);
        SeriesSet mapped =
                Evaluator.map(
                        in,
                        s -> {
                            StringBuilder sb = new StringBuilder();
                            for (int i = 0; i < srcs.size(); i++) {
                                if (i > 0) {
                                    sb.append(sep);
                                }
                                sb.append(s.labels.get(srcs.get(i)));
                            }
                            Labels l = s.labels.toBuilder().set(dst, sb.toString()).build();
                            boolean drop = dst.equals(Labels.METRIC_NAME) ? false : s.dropName;
                            return s.withLabels(l, drop);
                        });
        return new Val.Vectors(mergeSameLabels(ev.ctx.parallel.materialize(mapped)));
    }

    /**
     * Merges series that now carry the same labels, as long as they never have a point at the same
     * step; otherwise fails as Prometheus does.
     */
    static SeriesSet mergeSameLabels(List<StepSeries> list) {
        Map<Labels, StepSeries> byLabels = new LinkedHashMap<>();
        boolean merged = false;
        for (StepSeries s : list) {
            StepSeries prev = byLabels.get(s.labels);
            if (prev == null) {
                byLabels.put(s.labels, s);
                continue;
            }
            merged = true;
            StepSeries m =
                    new StepSeries(
                            prev.labels, prev.dropName, prev.values.clone(), prev.present.clone());
            for (int i = 0; i < s.present.length; i++) {
                if (s.present[i]) {
                    if (m.present[i]) {
                        throw QueryContext.error(
                                "vector cannot contain metrics with the same labelset");
                    }
                    m.set(i, s.values[i]);
                }
            }
            byLabels.put(s.labels, m);
        }
        return SeriesSet.of(merged ? new ArrayList<>(byLabels.values()) : list);
    }

    /** Prometheus 3 accepts any non-empty valid UTF-8 label name. */
    static boolean isValidLabelName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\uFFFD') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
