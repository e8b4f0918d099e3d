package com.vpbank.creditscore.routecheck;

import com.vpbank.creditscore.model.RequiredModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: DOWN while the routes that serve requests are not all running, which a route
 * reload can cause (a file that no longer loads leaves its paths without a route), or while
 * the routes, as reloaded, have a problem the start-up check finds. UP again once a reload
 * puts them right.
 */
public final class ServingRoutesReadiness extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ServingRoutesReadiness.class);

    private final CamelContext context;
    private final RequiredModels requiredModels;
    private final AtomicReference<List<RouteProblem>> problems = new AtomicReference<>(List.of());

    public ServingRoutesReadiness(CamelContext context, RequiredModels requiredModels) {
        super("credit-score", "serving-routes");
        this.context = context;
        this.requiredModels = requiredModels;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    /** Checks the routes again once a reload has replaced the last of them. */
    public EventNotifier reloadListener() {
        return new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.RouteReloadedEvent reloaded && reloaded.getIndex() == reloaded.getTotal()) {
                    recheck();
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.RouteReloadedEvent;
            }
        };
    }

    /** Checks the routes again, as after a reload; each problem is logged once. */
    public void recheck() {
        List<RouteProblem> found = new RouteCheck(context, requiredModels).problems();
        problems.set(found);
        found.forEach(problem -> LOG.error("Route problem after a reload: {}", problem));
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> down = new ArrayList<>();
        problems.get().forEach(problem -> down.add(problem.toString()));
        down.addAll(pathsWithoutARunningRoute());
        if (down.isEmpty()) {
            builder.up();
        } else {
            String reason = String.join("; ", down);
            builder.down().message(reason).detail("reason", reason);
        }
    }

    /** Each REST path whose direct: route is missing or not started; every path when there is no REST definition. */
    private List<String> pathsWithoutARunningRoute() {
        List<RestDefinition> rests = ((ModelCamelContext) context).getRestDefinitions();
        if (rests.isEmpty()) {
            return List.of("No REST path is defined.");
        }
        List<String> missing = new ArrayList<>();
        for (RestDefinition rest : rests) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String uri = verb.getTo() == null ? null : verb.getTo().getUri();
                if (uri == null || !uri.startsWith("direct:")) {
                    continue;
                }
                if (!running(uri)) {
                    missing.add(verb.asVerb().toUpperCase(java.util.Locale.ROOT) + " " + verb.getPath()
                            + ": no running route consumes " + uri + ".");
                }
            }
        }
        return missing;
    }

    private boolean running(String uri) {
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint().getEndpointUri().equals(uri)
                    || route.getEndpoint().getEndpointUri().equals(uri.replace("direct:", "direct://"))) {
                return context.getRouteController().getRouteStatus(route.getRouteId()) == ServiceStatus.Started;
            }
        }
        return false;
    }
}
