#!/usr/bin/env python3
"""Makes the demo model bundle of the credit-score service, and its golden outputs.

It generates a synthetic, seeded credit data set and trains the three models of the
bundle format (shared spec: model-bundle.md):

  traditional/  PyTorch MLP 8 -> 2048 -> 1024 -> 512 -> 256 -> 128 -> 64 -> 1 (Tanh,
                dropout 0.4), exported with torch.onnx.export
  social/       scikit-learn ExtraTreesRegressor, written as one ai.onnx.ml
                TreeEnsembleRegressor node by the small converter below
  xgboost/      XGBoost reg:squarederror, saved as JSON

each with config.json (with the baseline row and the reason codes of its features),
scaler.json and reference.json (the training population, binned, for the service's drift
monitoring), and golden.json: sample inputs with the outputs of the Python stack itself,
which the Java scorers must reproduce, and each input's attributions for reason codes:
XGBoost's own TreeSHAP (pred_contribs=True) and, for the two ONNX models, the change in
the torch / scikit-learn output when each feature in turn is set to its baseline value.

The run is seeded and deterministic: run again with the same packages, it writes the same
model files and the same golden scores.

Requirements (Debian packages; nothing from PyPI):
    apt-get install python3-torch python3-sklearn python3-xgboost python3-onnx

Run from the project root:
    /usr/bin/python3 tools/make_model_bundle.py --out models [--version 2025-11-08.1] [--seed 42]
"""

import argparse
import json
import os

import numpy as np
import onnx
import torch
import xgboost as xgb
from onnx import TensorProto, helper
from sklearn.ensemble import ExtraTreesRegressor

MIN_SCORE, MAX_SCORE = 300.0, 850.0

TRADITIONAL_FEATURES = ["income", "savings", "debt", "credit_history_years", "payment_history",
                        "credit_utilization", "employment_stable", "has_mortgage"]
SOCIAL_FEATURES = ["social_connections", "online_activity", "community_score", "digital_footprint",
                   "network_stability"]
XGBOOST_FEATURES = ["income", "savings", "debt", "employment_years", "age_normalized", "has_mortgage",
                    "has_car_loan", "monthly_spending", "credit_inquiries", "account_age"]


# Reason codes by feature name, with the sentence an adverse-action notice uses for the
# direction in which the feature lowers the score. A feature two models share has one code.
REASON_CODES = {
    "income": ("R01", "Income is low"),
    "savings": ("R02", "Savings are low"),
    "debt": ("R03", "Debt is high"),
    "credit_history_years": ("R04", "Credit history is short"),
    "payment_history": ("R05", "Payment history shows late or missed payments"),
    "credit_utilization": ("R06", "Too much of the available credit is in use"),
    "employment_stable": ("R07", "Employment is not stable"),
    "has_mortgage": ("R08", "No mortgage account on file"),
    "employment_years": ("R09", "Time in current employment is short"),
    "age_normalized": ("R10", "Age band scores lower"),
    "has_car_loan": ("R11", "A car loan is open"),
    "monthly_spending": ("R12", "Monthly spending is high"),
    "credit_inquiries": ("R13", "Too many recent credit inquiries"),
    "account_age": ("R14", "Accounts are recently opened"),
    "social_connections": ("S01", "Few social connections"),
    "online_activity": ("S02", "Online activity is unusual"),
    "community_score": ("S03", "Community score is low"),
    "digital_footprint": ("S04", "Digital footprint is limited"),
    "network_stability": ("S05", "Social network is unstable"),
}


def make_data(rng, rows):
    """Feature groups in [0, 1] (some binary) and a credit score that depends on them non-linearly."""
    u = lambda: rng.random(rows)
    b = lambda p: (rng.random(rows) < p).astype(np.float64)
    income, savings, debt = u(), u(), u()
    history, payment, utilization = u(), u(), u()
    employed, mortgage, car_loan = b(0.7), b(0.35), b(0.3)
    social = rng.random((rows, 5))
    employment_years, age, spending, inquiries, account_age = u(), u(), u(), u(), u()

    latent = (1.6 * np.tanh(2 * income - 0.5) + 1.2 * np.sqrt(savings) - 1.5 * debt ** 2
              + 0.8 * history + 1.8 * payment - 1.3 * utilization * (1 + debt) + 0.5 * employed
              + 0.3 * mortgage - 0.2 * car_loan + 0.4 * employment_years + 0.2 * age
              - 0.3 * spending - 0.6 * inquiries + 0.3 * account_age
              + 0.5 * social[:, 0] * social[:, 4] + 0.3 * social[:, 2] - 0.2 * (social[:, 1] - 0.5) ** 2
              + 0.15 * rng.standard_normal(rows))
    latent = (latent - latent.mean()) / latent.std()
    score = np.clip(575 + 110 * latent, MIN_SCORE, MAX_SCORE)

    traditional = np.column_stack([income, savings, debt, history, payment, utilization, employed, mortgage])
    xgboost_x = np.column_stack([income, savings, debt, employment_years, age, mortgage, car_loan,
                                 spending, inquiries, account_age])
    return (traditional.astype(np.float32), social.astype(np.float32), xgboost_x.astype(np.float32),
            score)


class CreditMlp(torch.nn.Module):
    """The MLP of the service being replaced: Tanh layers with dropout, one linear output."""

    def __init__(self, inputs):
        super().__init__()
        sizes = [inputs, 2048, 1024, 512, 256, 128, 64]
        layers = []
        for a, b in zip(sizes, sizes[1:]):
            layers += [torch.nn.Linear(a, b), torch.nn.Tanh(), torch.nn.Dropout(0.4)]
        layers.append(torch.nn.Linear(sizes[-1], 1))
        self.net = torch.nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def train_traditional(x, y_scaled, seed, out_dir):
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    model = CreditMlp(x.shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
    xs, ys = torch.from_numpy(x), torch.from_numpy(y_scaled.astype(np.float32)).reshape(-1, 1)
    generator = torch.Generator().manual_seed(seed)
    model.train()
    for _ in range(4):
        order = torch.randperm(len(xs), generator=generator)
        for start in range(0, len(xs), 256):
            batch = order[start:start + 256]
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(model(xs[batch]), ys[batch])
            loss.backward()
            optimizer.step()
    model.eval()
    path = os.path.join(out_dir, "model.onnx")
    torch.onnx.export(model, torch.zeros(1, x.shape[1]), path, input_names=["features"],
                      output_names=["score_scaled"], opset_version=13,
                      dynamic_axes={"features": {0: "batch"}, "score_scaled": {0: "batch"}})
    onnx.checker.check_model(onnx.load(path))
    return lambda rows: model(torch.from_numpy(rows)).detach().numpy().reshape(-1).astype(np.float64)


def extra_trees_to_onnx(forest, inputs):
    """One ai.onnx.ml TreeEnsembleRegressor node averaging the forest's trees.

    scikit-learn splits go left when x <= threshold: BRANCH_LEQ. ONNX stores thresholds
    as float32, which is what scikit-learn compares float32 inputs against too.
    """
    attrs = {k: [] for k in ["nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values",
                             "nodes_modes", "nodes_truenodeids", "nodes_falsenodeids",
                             "nodes_missing_value_tracks_true", "nodes_hitrates", "target_treeids",
                             "target_nodeids", "target_ids", "target_weights"]}
    for tree_id, estimator in enumerate(forest.estimators_):
        tree = estimator.tree_
        for node in range(tree.node_count):
            leaf = tree.children_left[node] == -1
            attrs["nodes_treeids"].append(tree_id)
            attrs["nodes_nodeids"].append(node)
            attrs["nodes_featureids"].append(0 if leaf else int(tree.feature[node]))
            attrs["nodes_values"].append(0.0 if leaf else float(np.float32(tree.threshold[node])))
            attrs["nodes_modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            attrs["nodes_truenodeids"].append(0 if leaf else int(tree.children_left[node]))
            attrs["nodes_falsenodeids"].append(0 if leaf else int(tree.children_right[node]))
            attrs["nodes_missing_value_tracks_true"].append(0)
            attrs["nodes_hitrates"].append(1.0)
            if leaf:
                attrs["target_treeids"].append(tree_id)
                attrs["target_nodeids"].append(node)
                attrs["target_ids"].append(0)
                attrs["target_weights"].append(float(tree.value[node][0][0]))
    node = helper.make_node("TreeEnsembleRegressor", ["features"], ["score_scaled"], domain="ai.onnx.ml",
                            n_targets=1, aggregate_function="AVERAGE", post_transform="NONE", **attrs)
    graph = helper.make_graph(
        [node], "social_extra_trees",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, inputs])],
        [helper.make_tensor_value_info("score_scaled", TensorProto.FLOAT, [None, 1])])
    model = helper.make_model(graph, producer_name="make_model_bundle",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model, attrs


def evaluate_tree_node(attrs, rows):
    """Evaluates the converted node's attributes in NumPy, as ONNX Runtime would (float32 compares)."""
    trees = {}
    for i, (t, n) in enumerate(zip(attrs["nodes_treeids"], attrs["nodes_nodeids"])):
        trees.setdefault(t, {})[n] = i
    weights = {(t, n): w for t, n, w in zip(attrs["target_treeids"], attrs["target_nodeids"],
                                           attrs["target_weights"])}
    out = np.zeros(len(rows))
    for r, row in enumerate(rows.astype(np.float32)):
        total = 0.0
        for t, nodes in trees.items():
            n = 0
            while attrs["nodes_modes"][nodes[n]] != "LEAF":
                i = nodes[n]
                go_left = row[attrs["nodes_featureids"][i]] <= np.float32(attrs["nodes_values"][i])
                n = attrs["nodes_truenodeids"][i] if go_left else attrs["nodes_falsenodeids"][i]
            total += weights[(t, n)]
        out[r] = total / len(trees)
    return out


def train_social(x, y_scaled, seed, out_dir):
    forest = ExtraTreesRegressor(n_estimators=50, max_depth=8, min_samples_leaf=5, random_state=seed, n_jobs=1)
    forest.fit(x, y_scaled)
    model, attrs = extra_trees_to_onnx(forest, x.shape[1])
    onnx.save(model, os.path.join(out_dir, "model.onnx"))
    check = x[:500]
    error = np.max(np.abs(evaluate_tree_node(attrs, check) - forest.predict(check)))
    print(f"social: converted tree ensemble matches scikit-learn within {error:.2e}")
    if error > 1e-5:
        raise SystemExit("tree ensemble conversion does not match scikit-learn")
    return lambda rows: forest.predict(rows.astype(np.float32)).astype(np.float64)


def train_xgboost(x, y_scaled, seed, out_dir):
    params = {"objective": "reg:squarederror", "max_depth": 5, "eta": 0.1, "seed": seed, "nthread": 2,
              "tree_method": "exact"}
    booster = xgb.train(params, xgb.DMatrix(x, label=y_scaled), num_boost_round=120)
    booster.save_model(os.path.join(out_dir, "model.json"))
    predict = lambda rows: booster.predict(xgb.DMatrix(rows)).astype(np.float64)
    predict.contributions = lambda rows: booster.predict(xgb.DMatrix(rows), pred_contribs=True)
    return predict


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def score_factor(scaler):
    """Credit-score points per unit of scaled output: the slope of inverse() before the clip."""
    if scaler["type"] == "minmax":
        return scaler["data_max"] - scaler["data_min"]
    if scaler["type"] == "standard":
        return scaler["scale"]
    return 1.0


def inverse(scaler, scaled):
    if scaler["type"] == "minmax":
        score = scaled * (scaler["data_max"] - scaler["data_min"]) + scaler["data_min"]
    elif scaler["type"] == "standard":
        score = scaled * scaler["scale"] + scaler["mean"]
    else:
        score = scaled
    return np.clip(score, MIN_SCORE, MAX_SCORE)


def bins(values):
    """Inner edges and the share of values in each bin, as reference.json holds them.

    A feature of at most 10 distinct values (a flag) is cut halfway between them; anything
    else at its deciles (NumPy's linear quantiles), repeated edges dropped. A value equal to
    an edge counts in the bin above it (searchsorted side='right'), as the service bins.
    """
    values = np.asarray(values, dtype=np.float64)
    distinct = np.unique(values)
    if len(distinct) <= 10:
        edges = (distinct[:-1] + distinct[1:]) / 2
    else:
        edges = np.unique(np.quantile(values, np.arange(1, 10) / 10))
    counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=len(edges) + 1)
    return {"edges": [float(e) for e in edges], "proportions": [float(c) / len(values) for c in counts]}


def reference(x, feature_names, scores):
    """reference.json: the training rows' credit scores and features, binned."""
    return {"rows": int(len(x)), "score": bins(scores),
            "features": {name: bins(x[:, i]) for i, name in enumerate(feature_names)}}


def substitution_attributions(predict, row, baseline):
    """The model output for the row minus its output with each feature in turn set to its
    baseline value, from one batch of len(row) + 1 rows, as the service computes it."""
    batch = np.repeat(row[np.newaxis, :], len(row) + 1, axis=0)
    for i in range(len(row)):
        batch[i + 1, i] = baseline[i]
    outputs = np.asarray(predict(batch), dtype=np.float64)
    return [float(outputs[0] - outputs[i + 1]) for i in range(len(row))]


def golden_rows(rng, x, width):
    """Zeros, ones, data rows, and extreme rows that drive scores towards the clip bounds."""
    rows = [np.zeros(width), np.ones(width)]
    rows += list(x[rng.choice(len(x), 14, replace=False)])
    rows += [np.full(width, -3.0), np.full(width, 4.0), rng.uniform(-5, 5, width), rng.uniform(-5, 5, width)]
    return np.array(rows, dtype=np.float32)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default="models")
    parser.add_argument("--version", default="2025-11-08.1")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--rows", type=int, default=20000)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    traditional_x, social_x, xgboost_x, score = make_data(rng, args.rows)

    scalers = {
        "traditional": {"type": "minmax", "data_min": float(score.min()), "data_max": float(score.max())},
        "social": {"type": "standard", "mean": float(score.mean()), "scale": float(score.std())},
        "xgboost": {"type": "minmax", "data_min": float(score.min()), "data_max": float(score.max())},
    }
    scaled = {
        "traditional": (score - scalers["traditional"]["data_min"]) / (
            scalers["traditional"]["data_max"] - scalers["traditional"]["data_min"]),
        "social": (score - scalers["social"]["mean"]) / scalers["social"]["scale"],
        "xgboost": (score - scalers["xgboost"]["data_min"]) / (
            scalers["xgboost"]["data_max"] - scalers["xgboost"]["data_min"]),
    }
    groups = {
        "traditional": (traditional_x, TRADITIONAL_FEATURES, train_traditional),
        "social": (social_x, SOCIAL_FEATURES, train_social),
        "xgboost": (xgboost_x, XGBOOST_FEATURES, train_xgboost),
    }

    golden = {"version": args.version, "models": {}}
    for name, (x, feature_names, train) in groups.items():
        folder = os.path.join(args.out, name)
        os.makedirs(folder, exist_ok=True)
        predict = train(x, scaled[name], args.seed, folder)
        # The reference row of reason codes: the training means, as the float32 values the
        # models compute with.
        baseline = [float(np.float32(v)) for v in x.mean(axis=0, dtype=np.float64)]
        write_json(os.path.join(folder, "config.json"), {
            "name": name, "version": args.version, "input_size": x.shape[1], "feature_names": feature_names,
            "baseline": baseline,
            "reason_codes": {f: {"code": REASON_CODES[f][0], "description": REASON_CODES[f][1]}
                             for f in feature_names}})
        write_json(os.path.join(folder, "scaler.json"), scalers[name])
        rows = golden_rows(rng, x, x.shape[1])
        outputs = predict(rows)
        golden["models"][name] = [
            {"features": [float(v) for v in row], "score_scaled": float(np.float32(s)),
             "score": float(inverse(scalers[name], float(np.float32(s))))}
            for row, s in zip(rows, outputs)]
        factor = score_factor(scalers[name])
        for entry, row in zip(golden["models"][name], rows):
            if name == "xgboost":
                # TreeSHAP in margin space: one value per feature, then the bias.
                contributions = [float(v) for v in predict.contributions(row[np.newaxis, :])[0]]
                entry["contributions"] = contributions
                attributions = contributions[:-1]
            else:
                attributions = substitution_attributions(predict, row, np.array(baseline, dtype=np.float32))
                entry["attributions"] = attributions
            entry["impacts"] = [a * factor for a in attributions]
        print(f"{name}: {len(rows)} golden rows, scores {inverse(scalers[name], outputs).min():.1f}"
              f"..{inverse(scalers[name], outputs).max():.1f}")
        write_json(os.path.join(folder, "reference.json"),
                   reference(x, feature_names, inverse(scalers[name], predict(x))))
    write_json(os.path.join(args.out, "golden.json"), golden)


if __name__ == "__main__":
    main()
