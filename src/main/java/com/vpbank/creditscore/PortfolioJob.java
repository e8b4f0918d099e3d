package com.vpbank.creditscore;

import com.vpbank.creditscore.model.ModelRegistry;
import com.vpbank.creditscore.portfolio.PortfolioRun;
import com.vpbank.creditscore.portfolio.PortfolioRunException;
import com.vpbank.creditscore.portfolio.PortfolioRunStarts;
import com.vpbank.creditscore.portfolio.PortfolioShards;
import com.vpbank.creditscore.portfolio.ShardWork;
import com.vpbank.creditscore.route.RouteProperties;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch mode, for a Kubernetes Indexed Job: with {@code PORTFOLIO_RUN_ID} and
 * {@code PORTFOLIO_RUN_INPUT} set, the process loads the models and the portfolio routes
 * only (no HTTP server; the management port keeps the metrics and probes), creates the run
 * unless another shard did, works shard {@code JOB_COMPLETION_INDEX} of
 * {@code PORTFOLIO_SHARDS}, and exits: 0 when its shard is done, 1 when it failed (the Job
 * tries the index again, from its checkpoint). A shard another process holds is waited for
 * until its lease expires: a pod that died is taken over.
 */
final class PortfolioJob {

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioJob.class);

    /** The route files of batch mode: the models, the answers' shared routes, the shard. */
    static final String ROUTES = "file:{{env:ROUTES_DIR:routes}}/models.camel.yaml,"
            + "file:{{env:ROUTES_DIR:routes}}/responses.camel.yaml,"
            + "file:{{env:ROUTES_DIR:routes}}/portfolio-shard.camel.yaml";

    private PortfolioJob() {
    }

    /** Whether the environment asks for batch mode. */
    static boolean requested() {
        return !System.getenv().getOrDefault("PORTFOLIO_RUN_ID", "").isBlank()
                && !System.getenv().getOrDefault("PORTFOLIO_RUN_INPUT", "").isBlank();
    }

    /** Works the shard and answers the exit status. */
    static int run() {
        Main main = CreditScoreApplication.newMain();
        main.addOverrideProperty("camel.main.routes-include-pattern", ROUTES);
        main.addOverrideProperty("camel.main.routes-reload-enabled", "false");
        main.addOverrideProperty("camel.server.enabled", "false");
        try {
            main.start();
            return work(main.getCamelContext());
        } catch (Exception | LinkageError e) {
            LOG.error("The portfolio shard failed: {}", e.getMessage(), e);
            return 1;
        } finally {
            try {
                main.stop();
            } catch (Exception e) {
                LOG.warn("The portfolio shard's process did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    private static int work(CamelContext context) throws InterruptedException {
        PortfolioSettings settings = PortfolioSettings.from(context.getPropertiesComponent());
        String runId = settings.runId().orElseThrow();
        String input = settings.runInput().orElseThrow();
        PortfolioRunStarts starts = context.getRegistry().lookupByNameAndType("portfolioRunStarts",
                PortfolioRunStarts.class);
        if (starts == null) {
            LOG.error("The portfolio shard cannot start: ML_DATA_BUCKET is not set");
            return 1;
        }
        ModelRegistry models = context.getRegistry().lookupByNameAndType("modelRegistry", ModelRegistry.class);
        long deadline = System.nanoTime() + settings.modelWait().toNanos();
        while (!models.isLoaded()) {
            if (System.nanoTime() > deadline) {
                LOG.error("The portfolio shard cannot start: the models did not load within {} s",
                        settings.modelWait().toSeconds());
                return 1;
            }
            Thread.sleep(200);
        }
        long size = starts.inputSize(input).orElse(-1L);
        if (size < 0) {
            LOG.error("The portfolio shard cannot start: the input '{}' is not an object of the bucket {}", input,
                    starts.bucket());
            return 1;
        }
        PortfolioRun run;
        try {
            run = starts.start(runId, input, size, settings.shards(), settings.batchRows());
        } catch (PortfolioRunException e) {
            LOG.error("The portfolio shard cannot start: {}", e.getMessage());
            return 1;
        }
        if (!run.isRunning()) {
            LOG.info("Portfolio run {} has ended already: {}", runId, run.status());
            return run.status().equals(PortfolioRun.SUCCEEDED) ? 0 : 1;
        }
        ProducerTemplate template = context.createProducerTemplate();
        ShardWork work = new ShardWork(runId, settings.shardIndex());
        while (true) {
            Exchange done = template.request("direct:portfolio-shard", exchange -> exchange.getMessage().setBody(work));
            String outcome = done.getMessage().getBody(String.class);
            Long heldUntil = done.getProperty(RouteProperties.PORTFOLIO_HELD_UNTIL, Long.class);
            if (PortfolioShards.CLAIMED_ELSEWHERE.equals(outcome) && heldUntil != null) {
                long wait = Math.max(1000, heldUntil - System.currentTimeMillis() + 1000);
                LOG.info("Portfolio run {} shard {} is held by another process: taken over in {} s unless it goes on",
                        runId, work.shard(), Duration.ofMillis(wait).toSeconds());
                Thread.sleep(wait);
                continue;
            }
            LOG.info("Portfolio run {} shard {}: {}", runId, work.shard(), outcome);
            return switch (outcome == null ? "" : outcome) {
                case PortfolioShards.SHARD_DONE, PortfolioShards.RUN_FINISHED, PortfolioShards.NOTHING_TO_DO,
                        PortfolioShards.CLAIMED_ELSEWHERE -> 0;
                default -> 1;
            };
        }
    }
}
