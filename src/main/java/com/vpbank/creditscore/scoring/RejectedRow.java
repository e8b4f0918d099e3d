package com.vpbank.creditscore.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A line of a batch input that the API would answer 400: its row, and the error and details
 * the API's answer carries.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"row", "error", "details"})
public record RejectedRow(long row, String error, Object details) {

    /** The same line with its row moved by {@code rows}. */
    public RejectedRow movedBy(long rows) {
        return new RejectedRow(row + rows, error, details);
    }
}
