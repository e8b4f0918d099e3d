package com.vpbank.creditscore;

import org.apache.camel.main.Main;

/**
 * Starts the credit-score service: Camel Main with the configuration in
 * {@code application.properties}, the beans of {@link CreditScoreConfiguration} and the
 * route files found under {@code routes/}.
 */
public final class CreditScoreApplication {

    private CreditScoreApplication() {
    }

    public static void main(String... args) throws Exception {
        newMain().run(args);
    }

    /** The service's Camel Main, not yet started. */
    public static Main newMain() {
        Main main = new Main();
        main.configure().addConfiguration(CreditScoreConfiguration.class);
        return main;
    }
}
