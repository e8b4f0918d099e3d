package com.vpbank.creditscore.routecheck;

/** One mistake in the route files: where it is (file, line and route) and what is wrong. */
public record RouteProblem(String where, String message) {

    @Override
    public String toString() {
        return where + ": " + message;
    }
}
