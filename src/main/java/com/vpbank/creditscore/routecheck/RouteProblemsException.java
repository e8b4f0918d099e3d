package com.vpbank.creditscore.routecheck;

import java.util.List;
import java.util.stream.Collectors;

/** The routes do not hold together: the service does not start. The message lists every problem, one a line. */
public final class RouteProblemsException extends RuntimeException {

    private final List<RouteProblem> problems;

    public RouteProblemsException(List<RouteProblem> problems) {
        super("The routes have " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RouteProblem> problems() {
        return problems;
    }
}
