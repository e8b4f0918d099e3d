package com.vpbank.creditscore.portfolio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The output of a run under its prefix: {@code scores-SSSSS-PPPPPP.jsonl} and
 * {@code rejected-SSSSS-PPPPPP.jsonl} parts (shard S, part P), and {@code manifest.json},
 * written last. A part's name and content follow from the shard's lines alone, so a part
 * written again after a restart is the same part.
 *
 * <p>A line's row is its line number in the object, which a shard after the first only knows
 * once the shards before it have counted their lines: such a shard writes its parts under
 * {@value #PENDING} with rows counted from its own first line, and the run's last step moves
 * them to their place with the rows of the object, then writes the manifest.
 */
public final class PortfolioOutput {

    static final String PENDING = "pending/";
    public static final String MANIFEST = "manifest.json";

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper mapper;

    public PortfolioOutput(S3Client s3, String bucket, ObjectMapper mapper) {
        this.s3 = s3;
        this.bucket = bucket;
        this.mapper = mapper;
    }

    /** The key of a part of scored ({@code scores}) or rejected ({@code rejected}) rows. */
    public static String partKey(String outputPrefix, String kind, int shard, int part) {
        String name = String.format("%s-%05d-%06d.jsonl", kind, shard, part);
        return outputPrefix + (shard == 0 ? "" : PENDING + String.format("%05d/", shard)) + name;
    }

    /** Rows as JSON lines. */
    public byte[] jsonLines(List<?> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rows.size() * 600);
        try {
            for (Object row : rows) {
                out.write(mapper.writeValueAsBytes(row));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The run's last step: the pending parts of each shard after the first moved to their place
     * with {@code rowBase[shard]} added to their rows, then the manifest. Each step can be done
     * again: a pending part is deleted only once its moved copy is written.
     */
    public void finish(PortfolioRun run, List<ShardState> shards) {
        long base = 0;
        for (ShardState shard : shards) {
            if (shard.shard() > 0) {
                movePending(run.outputPrefix(), shard.shard(), base);
            }
            base += shard.linesRead();
        }
        List<S3Object> parts = list(run.outputPrefix()).stream()
                .filter(object -> !object.key().startsWith(run.outputPrefix() + PENDING))
                .filter(object -> object.key().endsWith(".jsonl"))
                .toList();
        ObjectNode manifest = mapper.createObjectNode();
        manifest.put("run_id", run.runId());
        manifest.put("input", run.input());
        manifest.put("rows_read", run.rowsRead());
        manifest.put("rows_scored", run.rowsScored());
        manifest.put("rows_rejected", run.rowsRejected());
        manifest.set("model_versions", mapper.valueToTree(run.modelVersions()));
        manifest.put("shards", run.shards());
        manifest.put("started_at", run.startedAt());
        ArrayNode scores = manifest.putArray("scores");
        ArrayNode rejected = manifest.putArray("rejected");
        for (S3Object part : parts) {
            String name = part.key().substring(run.outputPrefix().length());
            ObjectNode entry = (name.startsWith("scores-") ? scores : rejected).addObject();
            entry.put("key", part.key());
            entry.put("bytes", part.size());
        }
        try {
            byte[] body = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            s3.putObject(put -> put.bucket(bucket).key(run.outputPrefix() + MANIFEST).contentType("application/json"),
                    RequestBody.fromBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void movePending(String outputPrefix, int shard, long rowBase) {
        String pending = outputPrefix + PENDING + String.format("%05d/", shard);
        for (S3Object part : list(pending)) {
            String name = part.key().substring(pending.length());
            ByteArrayOutputStream moved = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE, part.size() + 1024));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    s3.getObject(get -> get.bucket(bucket).key(part.key())), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    ObjectNode row = (ObjectNode) mapper.readTree(line);
                    row.put("row", row.get("row").asLong() + rowBase);
                    moved.write(mapper.writeValueAsBytes(row));
                    moved.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            s3.putObject(put -> put.bucket(bucket).key(outputPrefix + name).contentType("application/x-ndjson"),
                    RequestBody.fromBytes(moved.toByteArray()));
            s3.deleteObject(delete -> delete.bucket(bucket).key(part.key()));
        }
    }

    private List<S3Object> list(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }
}
