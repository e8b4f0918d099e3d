"""A reconstruction of the Flask service this service replaces, for the load harness.

The old service's code is not in this repository. This is its known behaviour, with
the fields of POST /api/v1/predict as the old service answered them (no credit_group,
prediction_id or version), so that bench/load/run can drive both with the same workload
and compare them on one machine:

- Flask under gunicorn with four sync workers (bench/load/run starts it so);
- models loaded lazily, once per worker, on the first request that needs them;
- the existing-customer models run one after another;
- no API key check;
- a DynamoDB error on the lookup is taken as "new customer", and a failed write is
  logged and the prediction answered anyway.

Where the old code is not known, the reconstruction is given the benefit of the doubt:
single-threaded ONNX Runtime sessions (no spinning threads competing with the other
workers), boto3's low-level client (cheaper than its resource layer), and XGBoost trees
walked in plain Python instead of building an xgboost DMatrix per call.

Settings: MODELS_DIR, DYNAMODB_ENDPOINT, CUSTOMER_TABLE_NAME,
PREDICTION_HISTORY_TABLE_NAME (as the service's).
"""
import datetime
import json
import logging
import os
import uuid

import boto3
import numpy as np
import onnxruntime as ort
from flask import Flask, jsonify, request

from xgboost_json import XGBoostJsonModel

MODELS_DIR = os.environ.get("MODELS_DIR", "models")
CUSTOMER_TABLE = os.environ.get("CUSTOMER_TABLE_NAME", "vpbank-customers")
HISTORY_TABLE = os.environ.get("PREDICTION_HISTORY_TABLE_NAME", "vpbank-prediction-history")

app = Flask(__name__)
log = logging.getLogger("credit-score")
_models = {}
_dynamodb = None


def dynamodb():
    global _dynamodb
    if _dynamodb is None:
        _dynamodb = boto3.client(
            "dynamodb",
            endpoint_url=os.environ.get("DYNAMODB_ENDPOINT"),
            region_name="us-east-1",
            aws_access_key_id="local",
            aws_secret_access_key="local",
        )
    return _dynamodb


class OnnxModel:
    def __init__(self, path):
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name

    def predict(self, row):
        output = self.session.run(None, {self.input: row.reshape(1, -1)})[0]
        return float(np.ravel(output)[0])


def model(name):
    """The model and its target scaler, loaded on first use in this worker."""
    if name not in _models:
        folder = os.path.join(MODELS_DIR, name)
        with open(os.path.join(folder, "scaler.json")) as f:
            scaler = json.load(f)
        if name == "xgboost":
            loaded = XGBoostJsonModel(os.path.join(folder, "model.json"))
        else:
            loaded = OnnxModel(os.path.join(folder, "model.onnx"))
        _models[name] = (loaded, scaler)
    return _models[name]


def inverse(scaler, scaled):
    kind = scaler["type"]
    if kind == "minmax":
        score = scaled * (scaler["data_max"] - scaler["data_min"]) + scaler["data_min"]
    elif kind == "standard":
        score = scaled * scaler["scale"] + scaler["mean"]
    else:
        score = scaled
    return min(max(score, 300.0), 850.0)


def score(name, features):
    loaded, scaler = model(name)
    scaled = loaded.predict(np.asarray(features, dtype=np.float32))
    return scaled, inverse(scaler, scaled)


def customer_exists(customer_id):
    try:
        item = dynamodb().get_item(TableName=CUSTOMER_TABLE, Key={"customer_id": {"S": customer_id}})
        return "Item" in item
    except Exception:
        log.exception("customer lookup failed")
        return False


def store(customer_id, answer, score_value, models_used, raw):
    timestamp = answer["timestamp"]
    attributes = {
        "prediction_timestamp": {"S": timestamp},
        "credit_score": {"N": repr(score_value)},
        "models_used": {"L": [{"S": m} for m in models_used]},
        "prediction_type": {"S": answer["prediction_type"]},
        "raw_predictions": {"L": [
            {"M": {"model": {"S": r["model"]}, "score": {"N": repr(r["score"])},
                   "score_scaled": {"N": repr(r["score_scaled"])}}} for r in raw]},
    }
    try:
        dynamodb().put_item(TableName=HISTORY_TABLE, Item=dict(
            attributes, customer_id={"S": customer_id},
            prediction_key={"S": timestamp + "#" + uuid.uuid4().hex}))
        dynamodb().put_item(TableName=CUSTOMER_TABLE, Item=dict(attributes, customer_id={"S": customer_id}))
    except Exception:
        log.exception("storing the prediction failed")


@app.get("/health")
def health():
    return jsonify(status="healthy", models_cached=sorted(_models))


@app.post("/api/v1/predict")
def predict():
    body = request.get_json(force=True)
    customer_id = body["customer_id"]
    features = body["features"]
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if customer_exists(customer_id):
        results = []
        for name in ("traditional", "social"):
            if name in features:
                scaled, value = score(name, features[name])
                results.append({"model": name, "score": value, "score_scaled": scaled})
        aggregated = sum(r["score"] for r in results) / len(results)
        answer = {"customer_id": customer_id, "customer_type": "existing", "aggregated_score": aggregated,
                  "models": results, "num_models_used": len(results),
                  "prediction_type": "multi_model_aggregate", "timestamp": now}
        store(customer_id, answer, aggregated, [r["model"] for r in results], results)
    else:
        scaled, value = score("xgboost", features["xgboost"])
        answer = {"customer_id": customer_id, "customer_type": "new", "score": value, "score_scaled": scaled,
                  "model": "xgboost", "prediction_type": "new_customer_xgboost", "timestamp": now}
        store(customer_id, answer, value, ["xgboost"],
              [{"model": "xgboost", "score": value, "score_scaled": scaled}])
    return jsonify(answer)
