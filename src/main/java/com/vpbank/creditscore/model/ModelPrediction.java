package com.vpbank.creditscore.model;

/** One model's output for one row: the raw scaled value and the credit score it stands for. */
public record ModelPrediction(double scoreScaled, double score) {
}
