"""Checks the reconstruction's models against models/golden.json (scores of the Java service)."""
import json
import sys

import app

bundle = sys.argv[1] if len(sys.argv) > 1 else "models"
app.MODELS_DIR = bundle
with open(bundle + "/golden.json") as f:
    golden = json.load(f)["models"]
worst = 0.0
for name, cases in golden.items():
    for case in cases:
        scaled, score = app.score(name, case["features"])
        worst = max(worst, abs(score - case["score"]))
print("largest score difference from golden.json: %.6f" % worst)
sys.exit(0 if worst < 0.01 else 1)
