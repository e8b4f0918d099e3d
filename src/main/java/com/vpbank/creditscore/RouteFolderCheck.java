package com.vpbank.creditscore;

import com.vpbank.creditscore.model.ModelLease;
import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.routecheck.RouteProblemsException;
import com.vpbank.creditscore.routecheck.RouteSchema;
import com.vpbank.creditscore.security.ApiKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Checks a folder of route files before it is deployed, with no network and no AWS
 * ({@code java -jar credit-score.jar --check-routes DIR [--models BUNDLE]}): each file
 * against Camel's YAML DSL schema ({@link RouteSchema}); then the service started on the
 * folder on loopback, DynamoDB Local standing in for DynamoDB and the bundle folder (default
 * {@code models}, or MODELS_DIR) for S3, so that the start-up check of the routes runs; then
 * {@link SampleRequests} through every REST path. Every problem is printed on a line of its
 * own with its route file (and line where known). Exit status 0 when there is none, 1 when
 * there is one, 2 for a wrong call.
 */
public final class RouteFolderCheck {

    private static final Duration READY = Duration.ofSeconds(90);

    private final Path routes;
    private final Path models;
    private final PrintStream out;
    private final List<String> problems = new ArrayList<>();

    RouteFolderCheck(Path routes, Path models, PrintStream out) {
        this.routes = routes.toAbsolutePath().normalize();
        this.models = models.toAbsolutePath().normalize();
        this.out = out;
    }

    /** Runs the check from the command line's arguments after {@code --check-routes}; the exit status. */
    public static int run(List<String> arguments, PrintStream out) {
        if (arguments.isEmpty() || arguments.size() != 1 && !(arguments.size() == 3 && arguments.get(1).equals("--models"))) {
            out.println("usage: java -jar credit-score.jar --check-routes DIR [--models BUNDLE]");
            return 2;
        }
        Path routes = Path.of(arguments.get(0));
        String bundle = arguments.size() == 3 ? arguments.get(2) : System.getenv().getOrDefault("MODELS_DIR", "models");
        if (!Files.isDirectory(routes)) {
            out.println(routes + ": not a folder");
            return 2;
        }
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("creditscore.requests", Level.WARN);
        return new RouteFolderCheck(routes, Path.of(bundle), out).check();
    }

    int check() {
        List<Path> files = routeFiles();
        if (files.isEmpty()) {
            problems.add(routes + ": no *.camel.yaml file");
        }
        RouteSchema schema = new RouteSchema();
        files.forEach(file -> schema.problems(file).forEach(problem -> problems.add(problem.toString())));
        Path work;
        try {
            work = Files.createTempDirectory("check-routes");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Main main = CreditScoreApplication.newMain();
        String key = UUID.randomUUID().toString();
        int port = freePort();
        settings(work, key, port).forEach(main::addOverrideProperty);
        SampleRequests samples = new SampleRequests(routes, out, problems);
        main.bind("routeCheckFailedExchanges", samples.failedExchanges());
        try {
            main.start();
        } catch (Exception e) {
            startFailure(e);
            stop(main, work);
            return report(files);
        }
        try {
            CamelContext context = main.getCamelContext();
            ModelRegistry registry = context.getRegistry().lookupByNameAndType("modelRegistry", ModelRegistry.class);
            if (awaitLoaded(registry)) {
                try (ModelLease lease = registry.acquire()) {
                    samples.send(context, lease.bundle(), URI.create("http://127.0.0.1:" + port), key);
                }
            } else {
                problems.add(models + ": the model bundle did not load within " + READY.toSeconds()
                        + " s (the service's log says why)");
            }
        } finally {
            stop(main, work);
        }
        return report(files);
    }

    private Map<String, String> settings(Path work, String key, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        settings.put("camel.server.host", "127.0.0.1");
        settings.put("camel.server.port", Integer.toString(port));
        settings.put("camel.management.host", "127.0.0.1");
        settings.put("camel.management.port", Integer.toString(freePort()));
        settings.put("creditscore.dynamodb.endpoint", "");
        settings.put("creditscore.dynamodb.local.port", "0");
        settings.put("creditscore.dynamodb.local.data-dir", work.resolve("dynamodb").toString());
        settings.put("creditscore.demo-customers", SampleRequests.EXISTING_CUSTOMER);
        settings.put("creditscore.models.bucket", "");
        settings.put("creditscore.models-dir", models.toString());
        settings.put("creditscore.models.cache-dir", work.resolve("model-cache").toString());
        settings.put("creditscore.models.archive-dir", work.resolve("model-archive").toString());
        settings.put("creditscore.models.load-retry-ms", "1000");
        settings.put("creditscore.challenger.dir", "");
        settings.put("creditscore.challenger.prefix", "");
        String hash = ApiKeys.sha256Hex(key);
        settings.put("creditscore.api-keys", "scorer:" + hash + ",admin:" + hash);
        return settings;
    }

    private void startFailure(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RouteProblemsException routeProblems) {
                routeProblems.problems().forEach(problem -> problems.add(problem.toString()));
                return;
            }
        }
        problems.add(routes + ": the service does not start on these routes: " + SampleRequests.rootMessage(failure));
    }

    private boolean awaitLoaded(ModelRegistry registry) {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (registry != null && registry.isLoaded()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private int report(List<Path> files) {
        problems.forEach(problem -> out.println("PROBLEM " + problem));
        out.println(files.size() + " route files in " + routes + ": "
                + (problems.isEmpty() ? "no problem" : problems.size() + (problems.size() == 1 ? " problem" : " problems")));
        return problems.isEmpty() ? 0 : 1;
    }

    private List<Path> routeFiles() {
        try (Stream<Path> files = Files.list(routes)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".camel.yaml"))
                    .sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service and removes its DynamoDB Local data and model cache. */
    private static void stop(Main main, Path work) {
        try {
            main.stop();
        } catch (Exception e) { // the check's outcome is decided; a failed stop changes nothing of it
        }
        try (Stream<Path> left = Files.walk(work)) {
            for (Path path : left.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) { // a folder that stays behind changes nothing of the outcome
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
