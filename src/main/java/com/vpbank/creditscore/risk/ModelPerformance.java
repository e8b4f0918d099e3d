package com.vpbank.creditscore.risk;

import com.vpbank.creditscore.scoring.CreditGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The performance of the models on observed outcomes: per model and version (each champion
 * model's own score), the count, the defaults, AUC, KS and Gini, and the default rate by
 * credit group; and, for the predictions the challenger shadowed, the challenger's figures on
 * the same outcomes beside the champion's answered score, per pair of bundle versions.
 */
public final class ModelPerformance {

    /** The model label of a bundle's answered score (the mean of its models for an existing customer). */
    static final String ANSWERED = "answered";

    private final OutcomeRecords outcomes;
    private final PerformanceMeters meters;

    public ModelPerformance(OutcomeRecords outcomes, PerformanceMeters meters) {
        this.outcomes = outcomes;
        this.meters = meters;
    }

    /** The report over predictions made from {@code since} up to {@code until} (timestamps; empty: no bound). */
    public Map<String, Object> report(String since, String until) {
        List<Map<String, AttributeValue>> items = outcomes.between(since, until);
        Map<String, Sample> byModel = new TreeMap<>();
        Map<String, Sample[]> byPair = new TreeMap<>();
        Map<String, Map<String, String>[]> pairVersions = new LinkedHashMap<>();
        int defaults = 0;
        for (Map<String, AttributeValue> item : items) {
            boolean defaulted = item.get("defaulted").bool();
            defaults += defaulted ? 1 : 0;
            for (AttributeValue entry : item.get("champion").l()) {
                Map<String, AttributeValue> model = entry.m();
                String key = model.get("model").s() + "\n" + model.get("version").s();
                byModel.computeIfAbsent(key, k -> new Sample()).add(Double.parseDouble(model.get("score").n()), defaulted);
            }
            if (item.containsKey("challenger_score")) {
                Map<String, String> champion = versions(item.get("champion_versions"));
                Map<String, String> challenger = versions(item.get("challenger_versions"));
                String key = champion + "\n" + challenger;
                Sample[] pair = byPair.computeIfAbsent(key, k -> new Sample[] {new Sample(), new Sample()});
                pairVersions.putIfAbsent(key, new Map[] {champion, challenger});
                pair[0].add(Double.parseDouble(item.get("champion_score").n()), defaulted);
                pair[1].add(Double.parseDouble(item.get("challenger_score").n()), defaulted);
            }
        }
        List<Map<String, Object>> models = new ArrayList<>();
        byModel.forEach((key, sample) -> {
            String[] nameAndVersion = key.split("\n", 2);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bundle", "champion");
            entry.put("model", nameAndVersion[0]);
            entry.put("version", nameAndVersion[1]);
            Discrimination figures = sample.figures();
            entry.putAll(figures(figures));
            entry.put("default_rate_by_credit_group", sample.byCreditGroup());
            models.add(entry);
            meters.figures("champion", nameAndVersion[0], nameAndVersion[1], figures);
        });
        List<Map<String, Object>> shadowed = new ArrayList<>();
        byPair.forEach((key, pair) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("champion_versions", pairVersions.get(key)[0]);
            entry.put("challenger_versions", pairVersions.get(key)[1]);
            Discrimination champion = pair[0].figures();
            Discrimination challenger = pair[1].figures();
            entry.put("count", champion.count());
            entry.put("defaults", champion.defaults());
            Map<String, Object> championFigures = figures(champion);
            championFigures.remove("count");
            championFigures.remove("defaults");
            championFigures.put("default_rate_by_credit_group", pair[0].byCreditGroup());
            Map<String, Object> challengerFigures = figures(challenger);
            challengerFigures.remove("count");
            challengerFigures.remove("defaults");
            challengerFigures.put("default_rate_by_credit_group", pair[1].byCreditGroup());
            entry.put("champion", championFigures);
            entry.put("challenger", challengerFigures);
            shadowed.add(entry);
            meters.figures("champion", ANSWERED, joined(pairVersions.get(key)[0]), champion);
            meters.figures("challenger", ANSWERED, joined(pairVersions.get(key)[1]), challenger);
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("since", since.isEmpty() ? null : since);
        window.put("until", until.isEmpty() ? null : until);
        answer.put("window", window);
        answer.put("outcomes", items.size());
        answer.put("defaults", defaults);
        answer.put("models", models);
        answer.put("shadowed", shadowed);
        return answer;
    }

    private static Map<String, Object> figures(Discrimination figures) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", figures.count());
        entry.put("defaults", figures.defaults());
        entry.put("auc", finite(figures.auc()));
        entry.put("ks", finite(figures.ks()));
        entry.put("gini", finite(figures.gini()));
        return entry;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** The versions of a bundle's models as one label value: {@code social=v1,traditional=v1}. */
    private static String joined(Map<String, String> versions) {
        return versions.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(java.util.stream.Collectors.joining(","));
    }

    private static Map<String, String> versions(AttributeValue versions) {
        Map<String, String> map = new TreeMap<>();
        versions.m().forEach((model, version) -> map.put(model, version.s()));
        return map;
    }

    /** Scores with their outcomes, in the order they came. */
    private static final class Sample {
        private final List<Double> scores = new ArrayList<>();
        private final List<Boolean> defaulted = new ArrayList<>();

        void add(double score, boolean didDefault) {
            scores.add(score);
            defaulted.add(didDefault);
        }

        Discrimination figures() {
            double[] s = new double[scores.size()];
            boolean[] d = new boolean[scores.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = scores.get(i);
                d[i] = defaulted.get(i);
            }
            return Discrimination.of(s, d);
        }

        Map<String, Object> byCreditGroup() {
            Map<String, Object> groups = new LinkedHashMap<>();
            for (CreditGroup group : CreditGroup.values()) {
                int count = 0;
                int defaults = 0;
                for (int i = 0; i < scores.size(); i++) {
                    if (CreditGroup.of(scores.get(i)) == group) {
                        count++;
                        defaults += defaulted.get(i) ? 1 : 0;
                    }
                }
                if (count > 0) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("count", count);
                    entry.put("defaults", defaults);
                    entry.put("default_rate", (double) defaults / count);
                    groups.put(group.label(), entry);
                }
            }
            return groups;
        }
    }
}
