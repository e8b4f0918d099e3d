package com.vpbank.creditscore.scoring;

import java.util.List;

/** What a batch of lines gave: the scored rows and the rejected ones, each in row order. */
public record BatchScores(List<ScoredRow> scored, List<RejectedRow> rejected) {
}
