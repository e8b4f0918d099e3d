package com.vpbank.creditscore.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vpbank.creditscore.CreditScoreConfiguration;
import com.vpbank.creditscore.api.ErrorResponse;
import com.vpbank.creditscore.api.ErrorResponses;
import com.vpbank.creditscore.input.JsonObjects;
import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.observe.CustomerIdHashes;
import com.vpbank.creditscore.observe.DynamoDbCallMetrics;
import com.vpbank.creditscore.observe.DynamoDbCapacityMeter;
import com.vpbank.creditscore.observe.RequestTracking;
import com.vpbank.creditscore.observe.ServiceMetrics;
import com.vpbank.creditscore.security.ApiKeyAuthentication;
import com.vpbank.creditscore.security.ApiKeys;
import com.vpbank.creditscore.security.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.scoring.AggregatedScore;
import com.vpbank.creditscore.scoring.ModelResult;
import com.vpbank.creditscore.scoring.ModelScoring;
import com.vpbank.creditscore.scoring.PredictRequest;
import com.vpbank.creditscore.scoring.PredictRequestReader;
import com.vpbank.creditscore.scoring.Prediction;
import com.vpbank.creditscore.scoring.Predictions;
import com.vpbank.creditscore.scoring.ReasonCodes;
import com.vpbank.creditscore.scoring.ScoreAggregation;
import com.vpbank.creditscore.store.EmbeddedDynamoDb;
import com.vpbank.creditscore.store.PredictionItems;
import com.vpbank.creditscore.store.PredictionStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The load harness's direct baseline (bench/load/run): {@code POST /api/v1/predict} done
 * with the service's own classes but without Camel, so that the harness can print what
 * the Camel routes cost per request. It does the same work as the predict route for a
 * request without an Idempotency-Key:
 * <ol>
 *   <li>check the API key ({@link ApiKeyAuthentication}, the embedded default's demo key);</li>
 *   <li>read and validate the body ({@link PredictRequestReader}) against a leased model
 *       generation ({@link ModelRegistry});</li>
 *   <li>GetItem on the customer table, consistent read;</li>
 *   <li>existing customer: traditional and social in parallel on a bounded model pool
 *       ({@code MODEL_POOL_SIZE} threads), or one after the other with
 *       {@code MODELS_IN_PARALLEL=false}, then their mean; new customer: xgboost;</li>
 *   <li>the reason codes ({@link ReasonCodes});</li>
 *   <li>the history item and the conditional update of the customer's latest in one
 *       transaction ({@link PredictionStore});</li>
 *   <li>the answer in JSON, written by the service's object mapper;</li>
 *   <li>the request's log line and meters ({@link RequestTracking}, {@link ServiceMetrics}).</li>
 * </ol>
 * HTTP is the same stack as the service's: a Vert.x HTTP server whose handler runs the
 * blocking work with {@code executeBlocking} on Vert.x's worker pool, as Camel's
 * platform-http-vertx consumer does. With {@code DYNAMODB_ENDPOINT_URL} set it calls that
 * DynamoDB (the load harness's shared DynamoDB Local, tables seeded there); without it,
 * DynamoDB Local runs in this JVM, in memory, as on the service's embedded default.
 * {@code GET /metrics} answers its meters in Prometheus' text format, the AWS SDK's call
 * meters among them, as the service's management port does.
 *
 * <p>Settings are the service's environment variables where they apply ({@code SERVER_HOST},
 * {@code SERVER_PORT}, {@code MODELS_DIR}, {@code ONNX_INTRA_OP_THREADS},
 * {@code MODEL_POOL_SIZE}, {@code MODEL_POOL_QUEUE}, {@code MODEL_TIMEOUT_MS},
 * {@code DEMO_CUSTOMERS}, {@code DYNAMODB_ENDPOINT_URL}, {@code DYNAMODB_CALL_TIMEOUT_MS}, {@code DYNAMODB_ATTEMPT_TIMEOUT_MS},
 * {@code SQLITE4JAVA_LIBRARY_PATH}); it answers {@code GET /health} once it is ready. It
 * is a measuring tool, not a second service: no search, no idempotency, no reload.
 */
public final class DirectBaselineServer {

    private static final Logger LOG = LoggerFactory.getLogger(DirectBaselineServer.class);
    private static final byte[] HEALTHY = "{\"status\":\"healthy\"}".getBytes(StandardCharsets.UTF_8);
    private static final String JSON = "application/json; charset=utf-8";

    private final ObjectMapper mapper = CreditScoreConfiguration.objectMapper();
    private final ModelRegistry models;
    private final PredictRequestReader reader;
    private final ModelScoring scoring;
    private final ReasonCodes reasonCodes;
    private final Predictions predictions = new Predictions(Clock.systemUTC());
    private final PredictionItems items = new PredictionItems();
    private final ErrorResponses errors = new ErrorResponses();
    private final PredictionStore store;
    private final DynamoDbClient client;
    private final String customerTable;
    private final ThreadPoolExecutor modelPool;
    private final ApiKeyAuthentication authentication =
            new ApiKeyAuthentication(ApiKeys.of(CreditScoreConfiguration.DEMO_API_KEY, EnumSet.allOf(Role.class)));
    private final RequestTracking tracking;
    private final PrometheusMeterRegistry meters;
    private final boolean modelsInParallel = Boolean.parseBoolean(env("MODELS_IN_PARALLEL", "true"));

    private DirectBaselineServer(ModelRegistry models, DynamoDbClient client, String customerTable,
                                 String historyTable, Duration modelBudget, int poolSize, int poolQueue,
                                 ServiceMetrics metrics, PrometheusMeterRegistry meters) {
        this.models = models;
        this.meters = meters;
        this.tracking = new RequestTracking(mapper, metrics, CustomerIdHashes.fromSetting(env("LOG_HASH_KEY", "")));
        this.client = client;
        this.customerTable = customerTable;
        this.reader = new PredictRequestReader(mapper, models);
        this.scoring = new ModelScoring(modelBudget, metrics);
        this.reasonCodes = new ReasonCodes(modelBudget, metrics);
        this.store = new PredictionStore(client, customerTable, historyTable, items, null);
        this.modelPool = new ThreadPoolExecutor(poolSize, poolSize, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(poolQueue), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public static void main(String[] args) throws Exception {
        String host = env("SERVER_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("SERVER_PORT", "18280"));
        String customerTable = env("CUSTOMER_TABLE_NAME", "vpbank-customers");
        String historyTable = env("PREDICTION_HISTORY_TABLE_NAME", "vpbank-prediction-history");

        // The service's request-path work beside the models and DynamoDB: the meters, the API key
        // check and the request log line, so that the comparison leaves only the routes out.
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServiceMetrics metrics = new ServiceMetrics(() -> meters);
        String endpoint = env("DYNAMODB_ENDPOINT_URL", "");
        EmbeddedDynamoDb dynamo = endpoint.isEmpty()
                ? EmbeddedDynamoDb.start(null, 0, Path.of(env("SQLITE4JAVA_LIBRARY_PATH", "target/native")))
                : null;
        // The client the service builds for its embedded default (DynamoDbConnection).
        DynamoDbClient client = DynamoDbClient.builder()
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofMillis(Long.parseLong(env("DYNAMODB_CALL_TIMEOUT_MS", "2000"))))
                        .apiCallAttemptTimeout(
                                Duration.ofMillis(Long.parseLong(env("DYNAMODB_ATTEMPT_TIMEOUT_MS", "600"))))
                        .addMetricPublisher(new DynamoDbCallMetrics(metrics))
                        .addExecutionInterceptor(new DynamoDbCapacityMeter(metrics))
                        .build())
                .endpointOverride(dynamo == null ? URI.create(endpoint) : dynamo.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        int seeded = dynamo == null ? 0
                : SeededDynamoDb.createAndSeed(client, customerTable, historyTable, env("DEMO_CUSTOMERS", "CUS123456"));

        ModelRegistry models = new ModelRegistry(Integer.parseInt(env("ONNX_INTRA_OP_THREADS", "1")), Clock.systemUTC());
        models.install(Path.of(env("MODELS_DIR", "models")));

        DirectBaselineServer baseline = new DirectBaselineServer(models, client, customerTable, historyTable,
                Duration.ofMillis(Long.parseLong(env("MODEL_TIMEOUT_MS", "1000"))),
                Integer.parseInt(env("MODEL_POOL_SIZE", "4")), Integer.parseInt(env("MODEL_POOL_QUEUE", "1000")),
                metrics, meters);

        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setWorkerPoolSize(Integer.parseInt(env("HTTP_WORKER_THREADS", "20"))));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(request -> baseline.handle(vertx, request));
        server.listen().toCompletionStage().toCompletableFuture().get();
        LOG.info("Direct baseline listening on {}:{} ({} customers seeded, DynamoDB at {})", host, port, seeded,
                dynamo == null ? endpoint : "in this JVM");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            vertx.close();
            baseline.modelPool.shutdown();
            models.close();
            client.close();
            if (dynamo != null) {
                dynamo.close();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    private void handle(Vertx vertx, HttpServerRequest request) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && path.equals("/health")) {
            respond(request, 200, HEALTHY);
            return;
        }
        if (request.method() == HttpMethod.GET && path.equals("/metrics")) {
            request.response().setStatusCode(200).putHeader("Content-Type", "text/plain; version=0.0.4")
                    .end(meters.scrape());
            return;
        }
        if (request.method() != HttpMethod.POST || !path.equals("/api/v1/predict")) {
            respond(request, 404, "{\"error\":\"Not found.\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        long start = System.nanoTime();
        String authorization = request.getHeader(ApiKeyAuthentication.AUTHORIZATION);
        String apiKey = request.getHeader(ApiKeyAuthentication.API_KEY);
        String clientRequestId = request.getHeader(RequestTracking.REQUEST_ID);
        request.body()
                .compose(body -> vertx.executeBlocking(() -> predict(body, authorization, apiKey), false))
                .onComplete(answer -> {
                    if (answer.succeeded()) {
                        Answer done = answer.result();
                        String requestId = tracking.record(clientRequestId, "POST", path, "predict-endpoint",
                                done.status(), (System.nanoTime() - start) / 1_000_000, done.prediction(), null);
                        request.response().putHeader(RequestTracking.REQUEST_ID, requestId);
                        respond(request, done.status(), done.body());
                    } else {
                        LOG.error("Predict failed", answer.cause());
                        respond(request, 500, "{\"error\":\"failed\"}".getBytes(StandardCharsets.UTF_8));
                    }
                });
    }

    private record Answer(int status, byte[] body, Prediction prediction) {
    }

    private Answer predict(Buffer body, String authorization, String apiKey) throws Exception {
        try (ModelLease lease = models.acquire()) {
            authentication.authorize(authorization, apiKey, Role.SCORER);
            JsonNode root = JsonObjects.read(mapper, body.toString(StandardCharsets.UTF_8));
            PredictRequest request = reader.parse(root, lease.bundle());
            Map<String, AttributeValue> customer = client.getItem(get -> get
                    .tableName(customerTable)
                    .key(items.key(request.customerId()))
                    .consistentRead(true)).item();
            Prediction scored;
            if (customer != null && !customer.isEmpty()) {
                reader.requireAnyGroup(request, "traditional,social");
                List<ModelResult> results;
                if (modelsInParallel) {
                    Future<ModelResult> traditional =
                            modelPool.submit(() -> scoring.scoreWithImpactsOptional(request, "traditional"));
                    Future<ModelResult> social = modelPool.submit(() -> scoring.scoreWithImpactsOptional(request, "social"));
                    results = Arrays.asList(join(traditional), join(social));
                } else {
                    results = Arrays.asList(scoring.scoreWithImpactsOptional(request, "traditional"),
                            scoring.scoreWithImpactsOptional(request, "social"));
                }
                AggregatedScore aggregated = ScoreAggregation.aggregate(
                        results.stream().filter(result -> result != null).toList());
                scored = predictions.existing(request, aggregated);
            } else {
                reader.requireAnyGroup(request, "xgboost");
                scored = predictions.newCustomer(request, scoring.scoreRequired(request, "xgboost"));
            }
            Prediction prediction = reasonCodes.explain(scored, request);
            store.store(prediction, request, null, 0);
            return new Answer(200, mapper.writeValueAsBytes(prediction), prediction);
        } catch (RuntimeException e) {
            ErrorResponse error = errors.forException(e);
            return new Answer(error.status(), mapper.writeValueAsBytes(error), null);
        }
    }

    private static ModelResult join(Future<ModelResult> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void respond(HttpServerRequest request, int status, byte[] body) {
        request.response().setStatusCode(status).putHeader("Content-Type", JSON).end(Buffer.buffer(body));
    }

    /** An environment variable, trimmed, or the fallback when it is not set. */
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value.trim();
    }
}
