package com.vpbank.creditscore.scoring;

/** The band a credit score falls in, as the API names it. */
public enum CreditGroup {
    POOR("Poor"),
    FAIR("Fair"),
    GOOD("Good"),
    VERY_GOOD("Very Good"),
    EXCEPTIONAL("Exceptional");

    private final String label;

    CreditGroup(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Poor below 580, Fair below 670, Good below 740, Very Good below 800, else Exceptional. */
    public static CreditGroup of(double score) {
        if (score < 580) {
            return POOR;
        }
        if (score < 670) {
            return FAIR;
        }
        if (score < 740) {
            return GOOD;
        }
        if (score < 800) {
            return VERY_GOOD;
        }
        return EXCEPTIONAL;
    }
}
