package com.vpbank.creditscore.portfolio;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The state of portfolio runs in DynamoDB, in the table {@code PORTFOLIO_RUN_TABLE_NAME}
 * (key {@code run_id} (S) + {@code item} (S)): one {@code run} item per run, and one
 * {@code shard-NNNNN} item per shard with its checkpoint and its lease. A shard is worked
 * only by the holder of its lease ({@code lease_owner} until {@code lease_until}); every
 * checkpoint renews it, on condition that it is still held, so a replica that lost its lease
 * stops at its next batch, and a lease whose holder died expires and is taken over.
 * Conditional writes need expressions the aws2-ddb component does not take: a bean.
 */
public final class PortfolioRuns {

    public static final String RUN_ID = "run_id";
    public static final String ITEM = "item";
    private static final String RUN_ITEM = "run";
    private static final String SHARD_ITEM = "shard-";

    /** The shard number of {@link #orphans()}'s entry for a run whose shards are done and whose manifest is not written. */
    public static final int FINISH = -1;

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;

    public PortfolioRuns(DynamoDbClient client, String table, Clock clock) {
        this.client = client;
        this.table = table;
        this.clock = clock;
    }

    /** What a claim of a shard found. */
    public enum ClaimOutcome { CLAIMED, DONE, HELD, NO_RUN }

    /** A claim: the shard's state when claimed, or why not and until when another holds it. */
    public record Claim(ClaimOutcome outcome, ShardState state, long heldUntilMillis) {
    }

    /**
     * Stores a new run and its shards, all of them waiting; a run of that id that exists with
     * the same input and shards is left as it is (each shard of an Indexed Job creates the
     * run it belongs to). Returns the run as stored.
     */
    public PortfolioRun create(String runId, String input, long inputBytes, int shards, int batchRows,
            String outputPrefix, Map<String, String> modelVersions) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RUN_ID, s(runId));
        item.put(ITEM, s(RUN_ITEM));
        item.put("status", s(PortfolioRun.RUNNING));
        item.put("input", s(input));
        item.put("input_bytes", n(inputBytes));
        item.put("shards", n(shards));
        item.put("batch_rows", n(batchRows));
        item.put("output_prefix", s(outputPrefix));
        Map<String, AttributeValue> versions = new TreeMap<>();
        modelVersions.forEach((model, version) -> versions.put(model, s(version)));
        item.put("model_versions", AttributeValue.fromM(versions));
        item.put("started_at", s(clock.instant().toString()));
        try {
            client.putItem(put -> put.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(" + RUN_ID + ")"));
        } catch (ConditionalCheckFailedException exists) {
            PortfolioRun run = find(runId).orElseThrow();
            if (!run.input().equals(input) || run.shards() != shards) {
                throw new PortfolioRunException("Run " + runId + " exists with input " + run.input() + " in "
                        + run.shards() + " shards, not " + input + " in " + shards);
            }
        }
        for (int shard = 0; shard < shards; shard++) {
            Map<String, AttributeValue> shardItem = new HashMap<>();
            shardItem.put(RUN_ID, s(runId));
            shardItem.put(ITEM, s(shardItem(shard)));
            shardItem.put("next_offset", n(-1));
            shardItem.put("next_part", n(1));
            shardItem.put("lines_read", n(0));
            shardItem.put("rows_scored", n(0));
            shardItem.put("rows_rejected", n(0));
            shardItem.put("bytes_read", n(0));
            shardItem.put("attempts", n(0));
            shardItem.put("done", AttributeValue.fromBool(false));
            try {
                client.putItem(put -> put.tableName(table).item(shardItem)
                        .conditionExpression("attribute_not_exists(" + RUN_ID + ")"));
            } catch (ConditionalCheckFailedException exists) {
                // Created by another shard of the same run.
            }
        }
        return find(runId).orElseThrow();
    }

    /** The run with its counts summed over its shards, or nothing when there is no such run. */
    public Optional<PortfolioRun> find(String runId) {
        List<Map<String, AttributeValue>> items = items(runId);
        Map<String, AttributeValue> run = items.stream()
                .filter(item -> item.get(ITEM).s().equals(RUN_ITEM)).findFirst().orElse(null);
        if (run == null) {
            return Optional.empty();
        }
        long read = 0;
        long scored = 0;
        long rejected = 0;
        int done = 0;
        for (Map<String, AttributeValue> item : items) {
            if (item.get(ITEM).s().startsWith(SHARD_ITEM)) {
                read += number(item, "lines_read");
                scored += number(item, "rows_scored");
                rejected += number(item, "rows_rejected");
                done += Boolean.TRUE.equals(item.get("done").bool()) ? 1 : 0;
            }
        }
        Map<String, String> versions = new TreeMap<>();
        run.get("model_versions").m().forEach((model, version) -> versions.put(model, version.s()));
        return Optional.of(new PortfolioRun(runId, run.get("status").s(), run.get("input").s(), read, scored,
                rejected, run.get("output_prefix").s(), versions, (int) number(run, "shards"), done,
                text(run, "started_at"), text(run, "finished_at"), text(run, "error"),
                number(run, "input_bytes"), (int) number(run, "batch_rows")));
    }

    /** Each shard's state, by shard number. */
    public List<ShardState> shards(String runId) {
        List<ShardState> shards = new ArrayList<>();
        for (Map<String, AttributeValue> item : items(runId)) {
            if (item.get(ITEM).s().startsWith(SHARD_ITEM)) {
                shards.add(state(runId, item));
            }
        }
        return shards;
    }

    /**
     * Takes the shard's lease for {@code lease} when it is free, expired or already
     * {@code owner}'s, and counts one more attempt; a shard that is done, or that another
     * holds, is not claimed.
     */
    public Claim claim(String runId, int shard, String owner, Duration lease) {
        long now = clock.millis();
        try {
            Map<String, AttributeValue> item = client.updateItem(update -> update.tableName(table)
                    .key(key(runId, shardItem(shard)))
                    .updateExpression("SET lease_owner = :owner, lease_until = :until, attempts = attempts + :one")
                    .conditionExpression("attribute_exists(run_id) AND done = :false AND (attribute_not_exists(lease_owner)"
                            + " OR lease_until < :now OR lease_owner = :owner)")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(now + lease.toMillis()),
                            ":one", n(1), ":false", AttributeValue.fromBool(false), ":now", n(now)))
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
            return new Claim(ClaimOutcome.CLAIMED, state(runId, item), 0);
        } catch (ConditionalCheckFailedException notClaimed) {
            Map<String, AttributeValue> item = client.getItem(get -> get.tableName(table)
                    .key(key(runId, shardItem(shard))).consistentRead(true)).item();
            if (item == null || item.isEmpty()) {
                return new Claim(ClaimOutcome.NO_RUN, null, 0);
            }
            if (Boolean.TRUE.equals(item.get("done").bool())) {
                return new Claim(ClaimOutcome.DONE, state(runId, item), 0);
            }
            return new Claim(ClaimOutcome.HELD, state(runId, item), number(item, "lease_until"));
        }
    }

    /**
     * Stores the shard's checkpoint and renews its lease, on condition that {@code owner}
     * still holds it; {@link LeaseLostException} when another has taken it.
     */
    public void checkpoint(ShardState state, String owner, Duration lease, boolean done) {
        long now = clock.millis();
        try {
            client.updateItem(update -> update.tableName(table)
                    .key(key(state.runId(), shardItem(state.shard())))
                    .updateExpression("SET next_offset = :offset, next_part = :part, lines_read = :read,"
                            + " rows_scored = :scored, rows_rejected = :rejected, bytes_read = :bytes,"
                            + " lease_until = :until, done = :done")
                    .conditionExpression("lease_owner = :owner")
                    .expressionAttributeValues(Map.of(":offset", n(state.nextOffset()), ":part", n(state.nextPart()),
                            ":read", n(state.linesRead()), ":scored", n(state.rowsScored()),
                            ":rejected", n(state.rowsRejected()), ":bytes", n(state.bytesRead()),
                            ":until", n(done ? 0 : now + lease.toMillis()), ":done", AttributeValue.fromBool(done),
                            ":owner", s(owner))));
        } catch (ConditionalCheckFailedException lost) {
            throw new LeaseLostException("Shard " + state.shard() + " of run " + state.runId()
                    + " is worked by another replica now");
        }
    }

    /** Gives the shard's lease up at once, so that another replica may take the shard over. */
    public void release(String runId, int shard, String owner) {
        try {
            client.updateItem(update -> update.tableName(table).key(key(runId, shardItem(shard)))
                    .updateExpression("SET lease_until = :zero")
                    .conditionExpression("lease_owner = :owner")
                    .expressionAttributeValues(Map.of(":zero", n(0), ":owner", s(owner))));
        } catch (ConditionalCheckFailedException notHeld) {
            // Another holds it already.
        }
    }

    /**
     * Takes the lease of the run's last step (the manifest) for {@code lease}, while the run
     * is running and the lease is free, expired or {@code owner}'s.
     */
    public boolean claimFinish(String runId, String owner, Duration lease) {
        long now = clock.millis();
        try {
            client.updateItem(update -> update.tableName(table).key(key(runId, RUN_ITEM))
                    .updateExpression("SET lease_owner = :owner, lease_until = :until")
                    .conditionExpression("#status = :running AND (attribute_not_exists(lease_owner)"
                            + " OR lease_until < :now OR lease_owner = :owner)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(now + lease.toMillis()),
                            ":running", s(PortfolioRun.RUNNING), ":now", n(now))));
            return true;
        } catch (ConditionalCheckFailedException notNow) {
            return false;
        }
    }

    /** Marks a running run succeeded. */
    public void succeed(String runId) {
        end(runId, PortfolioRun.SUCCEEDED, null);
    }

    /** Marks a running run failed, saying why; a run that has ended already is left as it is. */
    public void fail(String runId, String error) {
        end(runId, PortfolioRun.FAILED, error);
    }

    private void end(String runId, String status, String error) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":status", s(status),
                ":running", s(PortfolioRun.RUNNING), ":finished", s(clock.instant().toString())));
        String set = "SET #status = :status, finished_at = :finished";
        if (error != null) {
            values.put(":error", s(error));
            set += ", #error = :error";
        }
        String expression = set;
        try {
            client.updateItem(update -> update.tableName(table).key(key(runId, RUN_ITEM))
                    .updateExpression(expression)
                    .conditionExpression("#status = :running")
                    .expressionAttributeNames(error == null ? Map.of("#status", "status")
                            : Map.of("#status", "status", "#error", "error"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException ended) {
            // Ended already.
        }
    }

    /**
     * The shards of running runs that no live replica holds: never claimed, or whose lease
     * expired; and, as shard {@link #FINISH}, the runs whose shards are all done and whose
     * last step no live replica holds. The run table holds one item per run and shard: a scan, filtered.
     */
    public List<ShardState> orphans() {
        long now = clock.millis();
        List<ShardState> orphans = new ArrayList<>();
        List<String> running = new ArrayList<>();
        client.scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true)
                        .filterExpression("#item = :run AND #status = :running")
                        .expressionAttributeNames(Map.of("#item", ITEM, "#status", "status"))
                        .expressionAttributeValues(Map.of(":run", s(RUN_ITEM), ":running", s(PortfolioRun.RUNNING)))
                        .build())
                .items().forEach(item -> running.add(item.get(RUN_ID).s()));
        for (String runId : running) {
            boolean allDone = true;
            boolean finishFree = true;
            for (Map<String, AttributeValue> item : items(runId)) {
                boolean free = !item.containsKey("lease_until") || number(item, "lease_until") < now;
                if (!item.get(ITEM).s().startsWith(SHARD_ITEM)) {
                    finishFree = free;
                    continue;
                }
                ShardState shard = state(runId, item);
                allDone &= shard.done();
                if (!shard.done() && free) {
                    orphans.add(shard);
                }
            }
            if (allDone && finishFree) {
                orphans.add(new ShardState(runId, FINISH, -1, 0, 0, 0, 0, 0, true, 0));
            }
        }
        return orphans;
    }

    private List<Map<String, AttributeValue>> items(String runId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        client.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression(RUN_ID + " = :run")
                        .expressionAttributeValues(Map.of(":run", s(runId))).build())
                .items().forEach(items::add);
        return items;
    }

    private static ShardState state(String runId, Map<String, AttributeValue> item) {
        return new ShardState(runId, Integer.parseInt(item.get(ITEM).s().substring(SHARD_ITEM.length())),
                number(item, "next_offset"), (int) number(item, "next_part"), number(item, "lines_read"),
                number(item, "rows_scored"), number(item, "rows_rejected"), number(item, "bytes_read"),
                Boolean.TRUE.equals(item.get("done").bool()), (int) number(item, "attempts"));
    }

    static String shardItem(int shard) {
        return String.format("%s%05d", SHARD_ITEM, shard);
    }

    private static Map<String, AttributeValue> key(String runId, String item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(RUN_ID, s(runId));
        key.put(ITEM, s(item));
        return key;
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
