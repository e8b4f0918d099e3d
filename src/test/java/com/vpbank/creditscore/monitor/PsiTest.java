package com.vpbank.creditscore.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PsiTest {

    @Test
    void psiSumsEachBinsShiftTimesItsLogRatio() {
        double expected = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);

        assertEquals(expected, Psi.of(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), 1e-12);
        assertEquals(0, Psi.of(new double[] {0.2, 0.8}, new double[] {0.2, 0.8}), 1e-12);
    }

    @Test
    void anEmptyBinIsFlooredSoThatPsiStaysFinite() {
        double psi = Psi.of(new double[] {0.5, 0.5}, new double[] {0, 1});

        assertEquals((1e-4 - 0.5) * Math.log(1e-4 / 0.5) + 0.5 * Math.log(2), psi, 1e-12);
    }

    @Test
    void quantilesInterpolateBetweenRanksAsNumPyDoes() {
        double[] sorted = {1, 2, 3, 4};

        // numpy.quantile([1, 2, 3, 4], [0, 0.5, 0.95, 1]) = [1, 2.5, 3.85, 4]
        assertEquals(1, Psi.quantile(sorted, 0), 1e-12);
        assertEquals(2.5, Psi.quantile(sorted, 0.5), 1e-12);
        assertEquals(3.85, Psi.quantile(sorted, 0.95), 1e-12);
        assertEquals(4, Psi.quantile(sorted, 1), 1e-12);
        assertEquals(7, Psi.quantile(new double[] {7}, 0.95), 1e-12);
    }

    @Test
    void aValueOnAnEdgeFallsInTheBinAboveIt() {
        double[] edges = {1, 2, 2, 3};

        assertEquals(0, Psi.bin(edges, 0.5));
        assertEquals(1, Psi.bin(edges, 1));
        assertEquals(3, Psi.bin(edges, 2));
        assertEquals(4, Psi.bin(edges, 3));
        assertEquals(4, Psi.bin(edges, 9));
        assertArrayEquals(new double[] {0.25, 0.25, 0, 0.25, 0.25},
                Psi.shares(new double[] {0, 1, 2, 3}, edges), 1e-12);
    }
}
