package com.vpbank.creditscore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditGroupTest {

    @ParameterizedTest
    @CsvSource({
        "300, Poor", "579.99, Poor", "580, Fair", "669.9, Fair", "670, Good", "739.99, Good",
        "740, Very Good", "799.5, Very Good", "800, Exceptional", "850, Exceptional"})
    void bandsOfTheContract(double score, String label) {
        assertEquals(label, CreditGroup.of(score).label());
    }
}
