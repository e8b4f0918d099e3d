package com.vpbank.creditscore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vpbank.creditscore.api.ErrorResponse;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.scoring.ExistingCustomerPrediction;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.NewCustomerPrediction;
import com.vpbank.creditscore.store.TransactionConflictException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The wiring of the predict and model-loading routes, as Camel Main loads them from
 * {@code routes/*.camel.yaml} with the service's beans. The customer lookup is replaced where
 * the routes' choice or error handling is the subject, and each answer is taken from the
 * response route before it is written: the choice sends an existing customer to the
 * multicast of two models and its aggregation, a new one to xgboost; a failed lookup is
 * answered by the HTTP error handling; a transaction conflict is tried again by the predict
 * route's own error handling (five more times, then 503 stored "no"); a failed load of the
 * start-up timer answers nothing.
 */
class RouteWiringTest extends CamelMainTestSupport {

    private static final String KEY = TestSettings.API_KEY;

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(CreditScoreConfiguration.class);
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        Properties properties = new Properties();
        properties.putAll(TestSettings.forRun());
        // The start-up load's timer runs often, so that a test can wait for one of its runs.
        properties.put("creditscore.models.load-retry-ms", "100");
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties);
    }

    @Test
    void anExistingCustomerIsScoredByTheMulticastOfTwoModelsAndTheirMean() throws Exception {
        lookupAnswers(Map.of("customer_id", AttributeValue.fromS("CUS-ROUTE-1")));
        MockEndpoint answers = answers();
        answers.expectedMessageCount(1);

        predict("CUS-ROUTE-1");

        answers.assertIsSatisfied();
        ExistingCustomerPrediction answer = assertInstanceOf(ExistingCustomerPrediction.class, body(answers));
        assertEquals(List.of("traditional", "social"), answer.models().stream().map(ModelResult::model).toList());
        assertEquals((answer.models().get(0).score() + answer.models().get(1).score()) / 2, answer.aggregatedScore(), 1e-9);
        assertEquals(2, answer.numModelsUsed());
    }

    @Test
    void aCustomerTheLookupDoesNotFindIsScoredByXgboost() throws Exception {
        lookupAnswers(Map.of());
        MockEndpoint answers = answers();
        answers.expectedMessageCount(1);

        predict("CUS-ROUTE-2");

        answers.assertIsSatisfied();
        NewCustomerPrediction answer = assertInstanceOf(NewCustomerPrediction.class, body(answers));
        assertEquals("xgboost", answer.model());
    }

    @Test
    void aFailedLookupIsAnsweredByTheHttpErrorHandlingWith503() throws Exception {
        AdviceWith.adviceWith(context, "predict", route -> route.weaveByToUri("aws2-ddb:*").replace()
                .throwException(SdkClientException.create("connection refused")));
        MockEndpoint answers = answers();
        answers.expectedMessageCount(1);
        answers.expectedHeaderReceived(Exchange.HTTP_RESPONSE_CODE, 503);

        predict("CUS-ROUTE-3");

        answers.assertIsSatisfied();
        ErrorResponse error = assertInstanceOf(ErrorResponse.class, body(answers));
        assertEquals("The customer database is unavailable; try again later.", error.error());
    }

    @Test
    void aTransactionConflictIsTriedAgainByThePredictRoutesOwnErrorHandling() throws Exception {
        lookupAnswers(Map.of("customer_id", AttributeValue.fromS("CUS-ROUTE-4")));
        AtomicInteger attempts = new AtomicInteger();
        AdviceWith.adviceWith(context, "predict", route -> route.weaveByToString(".*predictionStore.*").replace()
                .process(exchange -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new TransactionConflictException(new IllegalStateException("a conflict"));
                    }
                }));
        MockEndpoint answers = answers();
        answers.expectedMessageCount(1);

        predict("CUS-ROUTE-4");

        answers.assertIsSatisfied();
        assertEquals(3, attempts.get(), "two conflicts, then the store step went through");
        assertInstanceOf(ExistingCustomerPrediction.class, body(answers));
    }

    @Test
    void aConflictThatLastsIsAnswered503AfterFiveMoreTries() throws Exception {
        lookupAnswers(Map.of("customer_id", AttributeValue.fromS("CUS-ROUTE-5")));
        AtomicInteger attempts = new AtomicInteger();
        AdviceWith.adviceWith(context, "predict", route -> route.weaveByToString(".*predictionStore.*").replace()
                .process(exchange -> {
                    attempts.incrementAndGet();
                    throw new TransactionConflictException(new IllegalStateException("a conflict"));
                }));
        MockEndpoint answers = answers();
        answers.expectedMessageCount(1);
        answers.expectedHeaderReceived(Exchange.HTTP_RESPONSE_CODE, 503);

        predict("CUS-ROUTE-5");

        answers.assertIsSatisfied();
        assertEquals(6, attempts.get(), "the first try and five more");
        ErrorResponse error = assertInstanceOf(ErrorResponse.class, body(answers));
        assertEquals(Map.of("stored", "no"), error.details());
    }

    @Test
    void aFailedStartUpLoadAnswersNothing() throws Exception {
        AdviceWith.adviceWith(context, "load-model-bundle", route -> route.weaveAddFirst()
                .throwException(new IllegalStateException("the model store is down")));
        MockEndpoint answers = answers();
        answers.expectedMessageCount(0);

        startAndAwaitStartUpLoadRuns(2);

        answers.assertIsSatisfied();
        assertTrue(context.getRegistry().lookupByNameAndType("modelRegistry", ModelRegistry.class).current().isEmpty());
    }

    /** Replaces the predict route's customer lookup by one that answers this item. */
    private void lookupAnswers(Map<String, AttributeValue> item) throws Exception {
        AdviceWith.adviceWith(context, "predict", route -> route.weaveByToUri("aws2-ddb:*").replace()
                .setHeader(Ddb2Constants.ATTRIBUTES).constant(item));
    }

    /** Every answer, as the response route receives it before it is written. */
    private MockEndpoint answers() throws Exception {
        AdviceWith.adviceWith(context, "json-response", route -> route.weaveAddFirst().to("mock:answers"));
        return getMockEndpoint("mock:answers");
    }

    /** Starts the context, and waits until the start-up load's timer has run this many times more. */
    private void startAndAwaitStartUpLoadRuns(int runs) {
        context.start();
        NotifyBuilder loadRuns = new NotifyBuilder(context).fromRoute(CreditScoreConfiguration.MODEL_LOADING_ROUTE)
                .whenCompleted(runs).create();
        assertTrue(loadRuns.matches(20, TimeUnit.SECONDS), "the start-up load's timer ran " + runs + " times");
    }

    private void predict(String customerId) {
        startAndAwaitStartUpLoadRuns(1);
        template.send("direct:predict", exchange -> {
            exchange.getMessage().setHeader("Authorization", "Bearer " + KEY);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody("{\"customer_id\": \"" + customerId + "\", \"features\": {" + DemoFeatures.ALL + "}}");
        });
    }

    private static Object body(MockEndpoint answers) {
        return answers.getReceivedExchanges().get(0).getMessage().getBody();
    }
}
