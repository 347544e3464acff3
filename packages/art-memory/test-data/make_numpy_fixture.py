"""Writes fuzzy-art-numpy.json: full-precision Fuzzy ART results of the NumPy peer
(bench/peers/fuzzy_art_numpy.py, artlib's equations) for the art-memory parity tests.

Cases: the five parameter sets of fuzzy-art-artlib.json on its inputs (min-max normalised
with the bounds of the inputs as stored, so every value is in [0, 1]); the same blobs with a
category cap; and the simplified ARTMAP (MT+) on iris. Each case stores its normalised
inputs, so the TypeScript tests feed the very same doubles.

Usage: /usr/bin/python3 packages/art-memory/test-data/make_numpy_fixture.py
"""
import json
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "bench", "peers"))
from fuzzy_art_numpy import FuzzyArtNumpy, complement_code, min_max  # noqa: E402


def run(X, rho, alpha, beta, max_categories=None, labels=None, epsilon=1e-10):
    I = complement_code(X)
    art = FuzzyArtNumpy(rho, alpha, beta, max_categories)
    if labels is None:
        categories = art.fit(I).tolist()
        extra = {}
    else:
        category_labels = []
        categories = []
        for i, label in zip(I, labels):
            c = art.learn(i, accepts=lambda j, label=label: category_labels[j] == label, epsilon=epsilon)
            if c == len(category_labels):
                category_labels.append(int(label))
            categories.append(c)
        extra = {"labels": [int(v) for v in labels], "epsilon": epsilon, "categoryLabels": category_labels}
    return {
        "rho": rho,
        "alpha": alpha,
        "beta": beta,
        "maxCategories": max_categories,
        "X": X.tolist(),
        **extra,
        "categories": categories,
        "weights": art.weights.tolist(),
        "classified": art.predict(I).tolist(),
    }


with open(os.path.join(here, "fuzzy-art-artlib.json")) as f:
    artlib = json.load(f)
cases = []
for c in artlib["cases"]:
    X = min_max(np.array(c["X"], dtype=np.float64))
    cases.append({"data": c["data"], **run(X, c["rho"], c["alpha"], c["beta"])})
blobs = min_max(np.array(artlib["cases"][1]["X"], dtype=np.float64))
cases.append({"data": "blobs5 capped", **run(blobs, 0.8, 0.001, 1.0, max_categories=4)})
cases.append({"data": "blobs5 capped slow", **run(blobs, 0.85, 0.01, 0.3, max_categories=6)})

from sklearn.datasets import load_iris  # noqa: E402

iris = load_iris()
X = min_max(iris.data.astype(np.float64))
order = np.random.default_rng(0).permutation(len(X))  # mixed classes, a fixed order
cases.append({"data": "iris ARTMAP", **run(X[order], 0.0, 0.001, 1.0, labels=iris.target[order])})
cases.append({"data": "iris ARTMAP rho 0.7 slow", **run(X[order], 0.7, 0.01, 0.5, labels=iris.target[order])})

out = {
    "generator": "bench/peers/fuzzy_art_numpy.py via make_numpy_fixture.py (numpy "
    + np.__version__
    + "); inputs are already normalised to [0, 1]",
    "cases": cases,
}
with open(os.path.join(here, "fuzzy-art-numpy.json"), "w") as f:
    json.dump(out, f)
print("wrote", len(cases), "cases")
