package com.vpbank.creditscore.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** AUC, KS and Gini against their definitions: every pair for AUC, every threshold for KS, with ties. */
class DiscriminationTest {

    @Test
    void figuresEqualTheDefinitionsWithTiedScores() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            int n = 5 + random.nextInt(200);
            double[] scores = new double[n];
            boolean[] defaulted = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = 300 + random.nextInt(60) * 10;
                defaulted[i] = random.nextDouble() < (850 - scores[i]) / 600;
            }
            defaulted[0] = true;
            defaulted[1] = false;
            Discrimination figures = Discrimination.of(scores, defaulted);
            double wins = 0;
            long pairs = 0;
            for (int g = 0; g < n; g++) {
                for (int b = 0; b < n; b++) {
                    if (!defaulted[g] && defaulted[b]) {
                        pairs++;
                        wins += scores[g] > scores[b] ? 1 : scores[g] == scores[b] ? 0.5 : 0;
                    }
                }
            }
            double ks = 0;
            for (double threshold : scores) {
                double bad = 0;
                double good = 0;
                double bads = 0;
                double goods = 0;
                for (int i = 0; i < n; i++) {
                    bads += defaulted[i] ? 1 : 0;
                    goods += defaulted[i] ? 0 : 1;
                    bad += defaulted[i] && scores[i] <= threshold ? 1 : 0;
                    good += !defaulted[i] && scores[i] <= threshold ? 1 : 0;
                }
                ks = Math.max(ks, Math.abs(bad / bads - good / goods));
            }
            assertEquals(wins / pairs, figures.auc(), 1e-12);
            assertEquals(ks, figures.ks(), 1e-12);
            assertEquals(2 * wins / pairs - 1, figures.gini(), 1e-12);
        }
    }

    @Test
    void withoutBothGroupsTheFiguresAreUndefined() {
        Discrimination none = Discrimination.of(new double[] {600, 700}, new boolean[] {false, false});
        assertEquals(2, none.count());
        assertEquals(0, none.defaults());
        assertTrue(Double.isNaN(none.auc()) && Double.isNaN(none.ks()) && Double.isNaN(none.gini()));
        assertEquals(1.0, Discrimination.of(new double[] {500, 800}, new boolean[] {true, false}).auc());
        assertEquals(0.0, Discrimination.of(new double[] {800, 500}, new boolean[] {true, false}).auc());
    }
}
