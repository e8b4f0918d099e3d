"""Scores one row (a float32 array) with an XGBoost JSON model (Booster.save_model("model.json")).

The old service called xgboost's Python package; that package is not installable here,
so this walks the same trees the way XGBoost does: a feature below the split condition
goes left, a missing one follows default_left, a leaf's value is its split condition,
and the prediction is base_score plus the leaves (reg:squarederror). It matches
XGBoost4J on models/golden.json (check_golden.py).
"""
import json
import math


class XGBoostJsonModel:
    def __init__(self, path):
        with open(path) as f:
            learner = json.load(f)["learner"]
        objective = learner["objective"]["name"]
        if objective != "reg:squarederror":
            raise ValueError("only reg:squarederror models are supported, not " + objective)
        self.base_score = float(learner["learner_model_param"]["base_score"].strip("[]"))
        self.trees = [
            (t["left_children"], t["right_children"], t["split_indices"], t["split_conditions"], t["default_left"])
            for t in learner["gradient_booster"]["model"]["trees"]
        ]

    def predict(self, row):
        row = row.tolist()
        total = 0.0
        for left, right, index, condition, default_left in self.trees:
            node = 0
            while left[node] != -1:
                value = row[index[node]]
                if math.isnan(value):
                    node = left[node] if default_left[node] else right[node]
                elif value < condition[node]:
                    node = left[node]
                else:
                    node = right[node]
            total += condition[node]
        return self.base_score + total
