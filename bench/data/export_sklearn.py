"""Exports two of Debian python3-sklearn's bundled data sets to JSON for the scheduler suite.

breast-cancer.json: 569 samples x 30 features, standardised (zero mean, unit variance),
labels 0/1. digits.json: 1797 samples x 64 pixels scaled to [0, 1], labels 0-9.
Run: /usr/bin/python3 bench/data/export_sklearn.py   (the suite runs it when a file is missing)
"""
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer, load_digits

here = os.path.dirname(os.path.abspath(__file__))


def write(name, x, y, source):
    body = {"source": source, "sklearn": sklearn.__version__, "samples": int(x.shape[0]),
            "features": int(x.shape[1]), "x": [[round(float(v), 6) for v in row] for row in x],
            "y": [int(v) for v in y]}
    with open(os.path.join(here, name), "w") as f:
        json.dump(body, f, separators=(",", ":"))


cancer = load_breast_cancer()
x = (cancer.data - cancer.data.mean(axis=0)) / cancer.data.std(axis=0)
write("breast-cancer.json", x, cancer.target, "sklearn.datasets.load_breast_cancer, standardised")
digits = load_digits()
write("digits.json", digits.data / 16.0, digits.target, "sklearn.datasets.load_digits, pixels / 16")
print("wrote bench/data/breast-cancer.json and bench/data/digits.json")
