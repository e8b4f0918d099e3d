package com.vpbank.creditscore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Portfolio inputs for the tests: JSON Lines of predict request bodies with random features,
 * existing and new customers (the existing ones stored by {@code existing}), and lines the API
 * refuses; and the output of a run read back from S3.
 */
final class PortfolioInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PortfolioInputs() {
    }

    /**
     * {@code rows} lines: every {@code badEvery}-th a line the API answers 400 (rotating through
     * several kinds), a third of the others existing customers, each customer id once.
     */
    static String lines(int rows, int badEvery, long seed, Consumer<String> existing) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder();
        for (int row = 1; row <= rows; row++) {
            String id = "CUS-" + seed + "-" + row;
            if (badEvery > 0 && row % badEvery == 0) {
                out.append(switch ((row / badEvery) % 5) {
                    case 0 -> "{\"customer_id\": \"" + id + "\", \"features\": ";
                    case 1 -> "{\"customer_id\": \"" + id + "\", \"features\": {\"xgboost\": [1, 2]}}";
                    case 2 -> "{\"customer_id\": \"bad id!\", \"features\": {\"xgboost\": " + vector(random, 10) + "}}";
                    case 3 -> "{\"customer_id\": \"" + id + "\", \"features\": {\"traditional\": " + vector(random, 8) + "}}";
                    default -> "[]";
                });
            } else if (row % 3 == 0) {
                existing.accept(id);
                out.append("{\"customer_id\": \"").append(id).append("\", \"features\": {\"traditional\": ")
                        .append(vector(random, 8));
                if (row % 2 == 0) {
                    out.append(", \"social\": ").append(vector(random, 5));
                }
                out.append("}}");
            } else {
                out.append("{\"customer_id\": \"").append(id).append("\", \"features\": {\"xgboost\": ")
                        .append(vector(random, 10)).append("}}");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String vector(Random random, int width) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < width; i++) {
            json.append(i == 0 ? "" : ", ").append(Math.round(random.nextFloat() * 1000) / 1000.0);
        }
        return json.append(']').toString();
    }

    static void upload(S3Client s3, String bucket, String key, byte[] content) {
        s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromBytes(content));
    }

    static void upload(S3Client s3, String bucket, String key, String content) {
        upload(s3, bucket, key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The lines of every part of one kind ({@code scores} or {@code rejected}) under the prefix, by row; a row twice fails. */
    static Map<Long, JsonNode> rows(S3Client s3, String bucket, String prefix, String kind) {
        Map<Long, JsonNode> rows = new TreeMap<>();
        for (S3Object part : objects(s3, bucket, prefix)) {
            String name = part.key().substring(prefix.length());
            if (!name.startsWith(kind + "-")) {
                continue;
            }
            String text = s3.getObjectAsBytes(get -> get.bucket(bucket).key(part.key())).asUtf8String();
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode row = json(line);
                JsonNode before = rows.put(row.get("row").asLong(), row);
                if (before != null) {
                    throw new AssertionError("Row " + row.get("row") + " is in the output twice");
                }
            }
        }
        return rows;
    }

    static List<S3Object> objects(S3Client s3, String bucket, String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The models of the repository's demo bundle, uploaded under {@code prefix}. */
    static void uploadModels(S3Client s3, String bucket, String prefix) throws IOException {
        java.nio.file.Path root = java.nio.file.Path.of("models");
        try (var files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString();
                if (!name.equals("golden.json")) {
                    upload(s3, bucket, prefix + "/" + name, java.nio.file.Files.readAllBytes(file));
                }
            }
        }
    }
}
