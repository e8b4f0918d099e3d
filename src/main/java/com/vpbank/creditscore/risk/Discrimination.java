package com.vpbank.creditscore.risk;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well scores rank the customers who later defaulted below those who did not (a higher
 * credit score means less risk): the AUC (the probability that a customer who did not default
 * scored higher than one who did, ties counting one half), the Kolmogorov-Smirnov statistic
 * (the largest gap between the two groups' score distributions) and the Gini coefficient
 * (2 AUC - 1). Undefined (NaN) unless both groups are present.
 */
public record Discrimination(int count, int defaults, double auc, double ks, double gini) {

    /** The figures of scores with their outcomes ({@code defaulted[i]} for {@code scores[i]}). */
    public static Discrimination of(double[] scores, boolean[] defaulted) {
        int n = scores.length;
        int defaults = 0;
        for (boolean d : defaulted) {
            defaults += d ? 1 : 0;
        }
        int goods = n - defaults;
        if (defaults == 0 || goods == 0) {
            return new Discrimination(n, defaults, Double.NaN, Double.NaN, Double.NaN);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // Mann-Whitney: the midranks of the goods, ties sharing their mean rank.
        double goodRanks = 0;
        double ks = 0;
        int seenDefaults = 0;
        int seenGoods = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double midrank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (defaulted[order[k]]) {
                    seenDefaults++;
                } else {
                    seenGoods++;
                    goodRanks += midrank;
                }
            }
            ks = Math.max(ks, Math.abs((double) seenDefaults / defaults - (double) seenGoods / goods));
            i = j;
        }
        double auc = (goodRanks - goods * (goods + 1) / 2.0) / ((double) goods * defaults);
        return new Discrimination(n, defaults, auc, ks, 2 * auc - 1);
    }
}
