package com.vpbank.creditscore.routecheck;

import com.vpbank.creditscore.route.RouteProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reading of the routes found: the problems of single steps, and what the routes as a
 * whole must match up (each direct: endpoint sent to has a consumer; each exchange property
 * read is set by a route or provided by a bean, each one set is read or taken).
 */
final class RouteFindings {

    private final List<RouteProblem> problems = new ArrayList<>();
    private final Set<String> directConsumers = new LinkedHashSet<>();
    private final Map<String, String> directProducers = new LinkedHashMap<>();
    private final Map<String, String> propertiesSet = new LinkedHashMap<>();
    private final Map<String, String> propertiesRead = new LinkedHashMap<>();

    void add(String where, String message) {
        problems.add(new RouteProblem(where, message));
    }

    void consumes(String direct) {
        directConsumers.add(direct);
    }

    void sendsTo(String direct, String where) {
        directProducers.putIfAbsent(direct, where);
    }

    void setsProperty(String name, String where) {
        propertiesSet.putIfAbsent(name, where);
    }

    void readsProperty(String name, String where) {
        propertiesRead.putIfAbsent(name, where);
    }

    /** Every problem, the ones of the routes as a whole last. */
    List<RouteProblem> problems() {
        List<RouteProblem> all = new ArrayList<>(problems);
        directProducers.forEach((name, where) -> {
            if (!directConsumers.contains(name)) {
                all.add(new RouteProblem(where, "sends to direct:" + name + ", which no route consumes"
                        + " (routes consume: " + String.join(", ", directConsumers) + ")"));
            }
        });
        Set<String> known = new LinkedHashSet<>(RouteProperties.names());
        known.addAll(propertiesSet.keySet());
        propertiesRead.forEach((name, where) -> {
            if (!known.contains(name) && !name.startsWith("Camel")) {
                all.add(new RouteProblem(where, "reads the exchange property '" + name
                        + "', which no route sets and no bean provides (known: " + String.join(", ", known) + ")"));
            }
        });
        propertiesSet.forEach((name, where) -> {
            if (!RouteProperties.names().contains(name) && !propertiesRead.containsKey(name)) {
                all.add(new RouteProblem(where, "sets the exchange property '" + name
                        + "', which no route reads and no bean takes (beans take: "
                        + String.join(", ", RouteProperties.names()) + ")"));
            }
        });
        return List.copyOf(all);
    }
}
