package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.api.ContractErrors;
import com.vpbank.creditscore.api.ErrorResponses;
import com.vpbank.creditscore.api.HttpServerErrors;
import com.vpbank.creditscore.api.HttpServerVertx;
import com.vpbank.creditscore.api.RequestChecks;
import com.vpbank.creditscore.api.SearchAnswers;
import com.vpbank.creditscore.api.SearchRequestReader;
import com.vpbank.creditscore.api.ServiceHealth;
import com.vpbank.creditscore.api.UnmatchedRequests;
import com.vpbank.creditscore.observe.RequestTracking;
import com.vpbank.creditscore.store.HistoryQueries;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * Binds the HTTP side: {@code vertx}, {@code searchRequestReader},
 * {@code searchAnswers}, {@code serviceHealth}, {@code errorResponses}, {@code requestChecks},
 * {@code unmatchedRequests}, {@code contractErrors}; and makes the HTTP server's own error
 * answers, installed once the server runs.
 */
final class ApiWiring {

    private ApiWiring() {
    }

    static HttpServerErrors bind(CamelContext context, ApiSettings settings, ObjectMapper objectMapper,
            RequestTracking requestTracking, ModelWiring.Registries models, HistoryQueries historyQueries) {
        Registry registry = context.getRegistry();
        registry.bind("searchRequestReader", new SearchRequestReader(objectMapper));
        registry.bind("searchAnswers", new SearchAnswers(objectMapper, historyQueries));
        registry.bind("serviceHealth", new ServiceHealth(models.champion(), models.configuredChallenger()));
        registry.bind("errorResponses", new ErrorResponses());
        registry.bind("requestChecks", new RequestChecks(settings.maxRequestBytes()));
        registry.bind("unmatchedRequests", new UnmatchedRequests(context));
        registry.bind("contractErrors", new ContractErrors());
        HttpServerErrors httpServerErrors = new HttpServerErrors(objectMapper, requestTracking, settings.maxBodySize());
        // The Vert.x instance Camel's HTTP servers run on: its worker pool, and the JSON answer to
        // a request the server cannot read (a request line or headers over its limits).
        registry.bind("vertx", Vertx.class, HttpServerVertx.create(
                new VertxOptions().setWorkerPoolSize(settings.httpWorkerThreads()), httpServerErrors::invalidRequest),
                null, "close");
        return httpServerErrors;
    }
}
