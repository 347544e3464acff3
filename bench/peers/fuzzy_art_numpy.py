"""NumPy Fuzzy ART peer of bench/art-memory.bench.mjs (and of the art-memory parity tests).

The same equations as artlib's FuzzyART (NiklasMelton/AdaptiveResonanceLib), written
straightforwardly in NumPy and vectorised the way artlib is used: per sample, the category
choice and match are computed over all categories at once, then categories are visited in
descending choice (ties to the lowest index) until one passes vigilance.

  I = [x, 1 - x]                     complement coding of a row x in [0, 1]^d
  T_j = |I ^ w_j| / (alpha + |w_j|)  choice     (^ = element-wise min, |.| = L1)
  M_j = |I ^ w_j| / d                match; resonance when M_j >= rho
  w_j <- beta (I ^ w_j) + (1 - beta) w_j, a new category starts at w = I
  MT+ (supervised): a refused category raises rho to M_j + epsilon and the search goes on.
  With a category cap, an input that resonates with none when the memory is full gets -1.

Usage:
  fuzzy_art_numpy.py datasets <dir>      writes the min-max normalised sklearn data sets to
                                         <dir>/<name>.f64 (row-major float64) and prints their
                                         shapes as one JSON line
  fuzzy_art_numpy.py bench <jobs.json>   times fit and predict for each job
                                         {file, rows, columns, rho, alpha, beta, repeats, warmup}
                                         and prints one JSON line
  fuzzy_art_numpy.py fit <case.json>     fits one case {X, rho, alpha, beta, maxCategories,
                                         labels?, epsilon?} and prints labels and weights
"""
import json
import sys

import numpy as np
from timing import median_ms


class FuzzyArtNumpy:
    def __init__(self, rho, alpha, beta, max_categories=None):
        self.rho, self.alpha, self.beta = rho, alpha, beta
        self.max_categories = max_categories
        self.W = None
        self.norms = None
        self.n = 0

    def _add(self, i):
        if self.W is None:
            self.W = np.empty((8, i.size))
            self.norms = np.empty(8)
        elif self.n == self.W.shape[0]:
            self.W = np.vstack([self.W, np.empty_like(self.W)])
            self.norms = np.concatenate([self.norms, np.empty_like(self.norms)])
        self.W[self.n] = i
        self.norms[self.n] = i.sum()
        self.n += 1
        return self.n - 1

    def _scores(self, i):
        W = self.W[: self.n]
        overlap = np.minimum(i, W).sum(axis=1)
        denominator = self.alpha + self.norms[: self.n]
        safe = np.where(denominator > 0, denominator, 1.0)
        T = np.where(denominator > 0, overlap / safe, 0.0)
        M = overlap / (i.size // 2)
        return T, M

    def learn(self, i, accepts=None, epsilon=0.0):
        if self.n:
            T, M = self._scores(i)
            rho = self.rho
            for j in np.argsort(-T, kind="stable"):  # descending T, ties to the lowest index
                if M[j] >= rho:
                    if accepts is None or accepts(j):
                        w = self.W[j]
                        w[:] = self.beta * np.minimum(i, w) + (1 - self.beta) * w
                        self.norms[j] = w.sum()
                        return int(j)
                    rho = M[j] + epsilon  # MT+
        if self.max_categories is not None and self.n >= self.max_categories:
            return -1
        return self._add(i)

    def classify(self, i):
        if not self.n:
            return -1
        T, M = self._scores(i)
        for j in np.argsort(-T, kind="stable"):
            if M[j] >= self.rho:
                return int(j)
        return -1

    def fit(self, I):
        self.W, self.norms, self.n = None, None, 0
        return np.array([self.learn(i) for i in I], dtype=np.int64)

    def predict(self, I):
        return np.array([self.classify(i) for i in I], dtype=np.int64)

    @property
    def weights(self):
        return self.W[: self.n].copy() if self.n else np.zeros((0, 0))


def complement_code(X):
    X = np.asarray(X, dtype=np.float64)
    if X.size and (np.isnan(X).any() or X.min() < 0 or X.max() > 1):
        raise ValueError("inputs must be in [0, 1]")
    return np.hstack([X, 1.0 - X])


def min_max(X):
    lower, upper = X.min(axis=0), X.max(axis=0)
    span = upper - lower
    out = np.zeros_like(X, dtype=np.float64)
    keep = span != 0
    out[:, keep] = (X[:, keep] - lower[keep]) / span[keep]
    return out


def datasets(directory):
    from sklearn.datasets import load_breast_cancer, load_digits, load_iris

    shapes = {}
    for name, load in (("iris", load_iris), ("breast_cancer", load_breast_cancer), ("digits", load_digits)):
        X = min_max(load().data.astype(np.float64))
        np.ascontiguousarray(X).tofile(f"{directory}/{name}.f64")
        shapes[name] = {"rows": X.shape[0], "columns": X.shape[1]}
    import sklearn

    print(json.dumps({"numpy": np.__version__, "sklearn": sklearn.__version__, "datasets": shapes}))


def bench(jobs_file):
    with open(jobs_file) as f:
        jobs = json.load(f)
    out = []
    for job in jobs:
        X = np.fromfile(job["file"], dtype=np.float64).reshape(job["rows"], job["columns"])
        I = complement_code(X)
        art = FuzzyArtNumpy(job["rho"], job["alpha"], job["beta"])
        repeats, warmup = job.get("repeats", 5), job.get("warmup", 1)
        fit_ms = median_ms(lambda: art.fit(I), repeats=repeats, warmup=warmup)
        labels = art.fit(I)
        predict_ms = median_ms(lambda: art.predict(I), repeats=repeats, warmup=warmup)
        out.append(
            {
                "fitMs": fit_ms,
                "predictMs": predict_ms,
                "categories": art.n,
                "labels": labels.tolist(),
            }
        )
    print(json.dumps({"numpy": np.__version__, "jobs": out}))


def fit_case(case_file):
    with open(case_file) as f:
        case = json.load(f)
    I = complement_code(case["X"])
    art = FuzzyArtNumpy(case["rho"], case["alpha"], case["beta"], case.get("maxCategories"))
    art.W, art.norms, art.n = None, None, 0
    if "labels" in case:  # simplified ARTMAP: each category maps to one label, MT+ on conflict
        category_labels = []
        categories = []
        for i, label in zip(I, case["labels"]):
            c = art.learn(i, accepts=lambda j, label=label: category_labels[j] == label, epsilon=case["epsilon"])
            if c == len(category_labels):
                category_labels.append(label)
            categories.append(c)
        result = {"categories": categories, "categoryLabels": category_labels}
    else:
        result = {"categories": art.fit(I).tolist()}
    result["weights"] = art.weights.tolist()
    result["classified"] = art.predict(I).tolist()
    print(json.dumps(result))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "datasets":
        datasets(sys.argv[2])
    elif mode == "bench":
        bench(sys.argv[2])
    elif mode == "fit":
        fit_case(sys.argv[2])
    else:
        raise SystemExit(f"unknown mode {mode!r}; expected datasets, bench or fit")
