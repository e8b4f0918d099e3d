package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.vpbank.creditscore.api.ErrorResponses;
import com.vpbank.creditscore.api.SearchRequestReader;
import com.vpbank.creditscore.api.ServiceHealth;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.scoring.Predictions;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import com.vpbank.creditscore.store.CustomerTables;
import com.vpbank.creditscore.store.DynamoDbConnection;
import com.vpbank.creditscore.store.PredictionItems;
import com.vpbank.creditscore.store.SearchAnswers;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The beans the routes call by name. Every setting comes from
 * {@code application.properties}, where each maps to an environment variable.
 */
public class CreditScoreConfiguration implements CamelConfiguration {

    @PropertyInject("creditscore.customer-table")
    private String customerTable;

    @PropertyInject("creditscore.models-dir")
    private String modelsDir;

    @PropertyInject("creditscore.demo-customers")
    private String demoCustomers;

    @BindToRegistry
    public ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    @BindToRegistry(initMethod = "load", destroyMethod = "close")
    public ModelRegistry modelRegistry() {
        return new ModelRegistry(Path.of(modelsDir));
    }

    @BindToRegistry(destroyMethod = "close")
    public DynamoDbConnection dynamoDbConnection(CamelContext context) {
        return DynamoDbConnection.fromSettings(context.getPropertiesComponent());
    }

    @BindToRegistry
    public DynamoDbClient dynamoDbClient(DynamoDbConnection connection) {
        DynamoDbClient client = connection.client();
        if (connection.ownsTables()) {
            CustomerTables tables = new CustomerTables(client);
            tables.createCustomerTable(customerTable);
            if (connection.isEmbedded() && !demoCustomers.isBlank()) {
                for (String customerId : demoCustomers.split(",")) {
                    tables.seedCustomer(customerTable, customerId.trim());
                }
            }
        }
        return client;
    }

    @BindToRegistry
    public PredictRequestReader predictRequestReader(ObjectMapper objectMapper, ModelRegistry modelRegistry) {
        return new PredictRequestReader(objectMapper, modelRegistry);
    }

    @BindToRegistry
    public SearchRequestReader searchRequestReader(ObjectMapper objectMapper) {
        return new SearchRequestReader(objectMapper);
    }

    @BindToRegistry
    public ModelScoring modelScoring(ModelRegistry modelRegistry) {
        return new ModelScoring(modelRegistry);
    }

    @BindToRegistry
    public ScoreAggregation scoreAggregation() {
        return new ScoreAggregation();
    }

    @BindToRegistry
    public Predictions predictions() {
        return new Predictions(Clock.systemUTC());
    }

    @BindToRegistry
    public PredictionItems predictionItems() {
        return new PredictionItems();
    }

    @BindToRegistry
    public SearchAnswers searchAnswers(ObjectMapper objectMapper) {
        return new SearchAnswers(objectMapper);
    }

    @BindToRegistry
    public ServiceHealth serviceHealth(ModelRegistry modelRegistry) {
        return new ServiceHealth(modelRegistry);
    }

    @BindToRegistry
    public ErrorResponses errorResponses() {
        return new ErrorResponses();
    }
}
