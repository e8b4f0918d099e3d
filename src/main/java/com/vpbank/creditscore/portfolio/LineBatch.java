package com.vpbank.creditscore.portfolio;

import com.vpbank.creditscore.scoring.BatchLine;
import java.util.List;

/**
 * Consecutive lines of a shard: its part number, the lines with their rows counted from the
 * shard's first line, and where the next line starts ({@code endOffset}, the checkpoint once
 * the batch's output is written) with how many lines the shard has read by then.
 */
public record LineBatch(int part, List<BatchLine> lines, long endOffset, long linesRead) {
}
