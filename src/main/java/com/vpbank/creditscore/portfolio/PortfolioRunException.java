package com.vpbank.creditscore.portfolio;

/**
 * A run that cannot go on, whatever replica works it: another model version than the run's,
 * an input that cannot be split as asked, a run of that id with another input. The run is
 * marked failed with this message.
 */
public class PortfolioRunException extends RuntimeException {

    public PortfolioRunException(String message) {
        super(message);
    }
}
