package com.vpbank.creditscore.scoring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A batch of lines read against one model bundle: the valid requests with their rows, and the
 * lines refused as the API would refuse them.
 */
public record ReadBatch(List<ReadLine> requests, List<RejectedRow> rejected) {

    /** A valid line: its row and its request. */
    public record ReadLine(long row, PredictRequest request) {
    }

    /** The customer ids of the valid lines, each once, in the order they come. */
    public Set<String> customerIds() {
        Set<String> ids = new LinkedHashSet<>();
        requests.forEach(line -> ids.add(line.request().customerId()));
        return ids;
    }
}
