package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.routecheck.RouteProblemsException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A one-letter mistake in a route file stops the start, naming the file and line and what
 * is wrong, instead of starting a service that answers wrong scores or 500s while
 * readiness says UP.
 */
class RouteMistakesTest {

    @TempDir
    Path folder;

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a misspelt model name", "predict.camel.yaml",
                        Map.of("scoreWithImpactsOptional(*, 'social')\"\n                      otherwise",
                                "scoreWithImpactsOptional(*, 'socail')\"\n                      otherwise"),
                        "predict.camel.yaml:79 (route predict): names model 'socail', which the bundle does not hold"),
                Arguments.of("a misspelt direct: endpoint", "search.camel.yaml",
                        Map.of("        - to: direct:json-response", "        - to: direct:json-respons"),
                        "search.camel.yaml:73 (route search): sends to direct:json-respons, which no route consumes"),
                Arguments.of("a misspelt role", "predict.camel.yaml",
                        Map.of("require(*, 'scorer')", "require(*, 'scoring')"),
                        "predict.camel.yaml:14 (route predict): bean 'apiKeyAuthentication' method 'require':"
                                + " unknown role 'scoring'"),
                Arguments.of("a misspelt simple function", "predict.camel.yaml",
                        Map.of("simple: \"${exchangeProperty.earlierAnswer} != null\"",
                                "simple: \"${exchangeProprty.earlierAnswer} != null\""),
                        "predict.camel.yaml:32 (route predict): the simple expression"
                                + " '${exchangeProprty.earlierAnswer} != null' calls 'Proprty' on the exchange"),
                Arguments.of("a simple expression that does not parse", "predict.camel.yaml",
                        Map.of("simple: \"${exchangeProperty.earlierAnswer}\"", "simple: \"${exchangProperty.earlierAnswer}\""),
                        "predict.camel.yaml:35 (route predict): the simple expression"
                                + " '${exchangProperty.earlierAnswer}' does not parse"),
                Arguments.of("a misspelt exchange property", "search.camel.yaml",
                        Map.of("keyConditions(${exchangeProperty.search})", "keyConditions(${exchangeProperty.serch})"),
                        "search.camel.yaml:43 (route search): reads the exchange property 'serch'"),
                Arguments.of("a property set under a misspelt name", "predict.camel.yaml",
                        Map.of("name: predictRequest", "name: predictRequets"),
                        "predict.camel.yaml:20 (route predict): sets the exchange property 'predictRequets',"
                                + " which no route reads and no bean takes"),
                Arguments.of("a misspelt bean", "predict.camel.yaml",
                        Map.of("ref: reasonCodes", "ref: reasonCode"),
                        "(route predict): names the bean 'reasonCode', which does not exist"),
                Arguments.of("a misspelt method", "predict.camel.yaml",
                        Map.of("method: newCustomer", "method: newCustomers"),
                        "(route predict): bean 'predictions' (Predictions) has no method 'newCustomers'"),
                Arguments.of("a misspelt option of a dynamic endpoint", "models.camel.yaml",
                        Map.of("{operation: getObject,", "{operaton: getObject,"),
                        "(route download-model-bundle): the endpoint 'aws2-s3://{{creditscore.models.bucket}}"),
                Arguments.of("a misspelt component", "search.camel.yaml",
                        Map.of("uri: aws2-ddb:{{creditscore.customer-table}}", "uri: aws-ddb:{{creditscore.customer-table}}"),
                        "(route search): the endpoint 'aws-ddb:{{creditscore.customer-table}}"),
                Arguments.of("a method given too many arguments", "predict.camel.yaml",
                        Map.of("requireAnyGroup(*, 'xgboost')", "requireAnyGroup(*, 'xgboost', 'social')"),
                        "(route predict): bean 'predictRequestReader' method 'requireAnyGroup' takes [2] arguments,"
                                + " the route gives 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void stopsTheStartNamingTheFile(String mistake, String file, Map<String, String> edits, String expected) {
        Path routes = TestRoutes.edited(folder.resolve("routes"), file, edits);

        Exception failure = RunningService.failedStart(TestRoutes.from(routes));

        RouteProblemsException problems = cause(failure);
        assertEquals(1, problems.problems().size(), problems.getMessage());
        assertTrue(problems.problems().get(0).where().startsWith(routes.resolve(file) + ":"), problems.getMessage());
        assertTrue(problems.getMessage().contains(expected), mistake + ": " + problems.getMessage());
    }

    private static RouteProblemsException cause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RouteProblemsException problems) {
                return problems;
            }
        }
        throw new AssertionError("The start did not fail on the routes", failure);
    }
}
