"""Peer for bench/dar-clustering.bench.mjs: scikit-learn's adjusted_rand_score of given
labelings, and k-means with the true k on given embeddings (10 seeds each).
Input: a JSON file {"ari": [[truth, predicted], ...], "kmeans": [{"rows": [[...]], "k": k, "truth": [...], "seeds": n}]}.
Output: one JSON line {"ari": [...], "kmeans": [[ari per seed], ...]}."""
import json
import sys

from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

job = json.load(open(sys.argv[1]))
out = {"ari": [adjusted_rand_score(t, p) for t, p in job["ari"]], "kmeans": []}
for case in job["kmeans"]:
    scores = []
    for seed in range(case["seeds"]):
        labels = KMeans(n_clusters=case["k"], n_init=10, random_state=seed).fit_predict(case["rows"])
        scores.append(adjusted_rand_score(case["truth"], labels.tolist()))
    out["kmeans"].append(scores)
print(json.dumps(out))
