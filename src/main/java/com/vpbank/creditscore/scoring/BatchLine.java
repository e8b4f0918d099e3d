package com.vpbank.creditscore.scoring;

/** One line of a batch input: its row (1-based line number) and its text, a predict request body. */
public record BatchLine(long row, String text) {
}
