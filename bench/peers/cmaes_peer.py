"""Reference peer of bench/cmaes.bench.mjs: Debian's python3-cmaes (CMA, ask/tell) on the same
problems, starts and seeds. Prints one JSON line: evaluations to reach f <= target per run.

Usage: cmaes_peer.py '<json config>' with keys problems [[name, n, mean, sigma]], seeds,
target, max_evaluations.
"""
import json
import sys

import numpy as np
import cmaes


def sphere(x):
    return float(np.dot(x, x))


def ellipsoid(x):
    n = len(x)
    scales = 10.0 ** (6.0 * np.arange(n) / (n - 1))
    return float(np.dot(scales, x * x))


def rosenbrock(x):
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))


PROBLEMS = {"sphere": sphere, "ellipsoid": ellipsoid, "rosenbrock": rosenbrock}


def run(f, n, mean, sigma, seed, target, max_evaluations):
    """Evaluations until a generation's best is <= target; None if it stops or hits the cap first."""
    es = cmaes.CMA(mean=np.full(n, float(mean)), sigma=sigma, seed=seed)
    evaluations = 0
    while evaluations < max_evaluations:
        told = []
        for _ in range(es.population_size):
            x = es.ask()
            told.append((x, f(x)))
        es.tell(told)
        evaluations += es.population_size
        if min(v for _, v in told) <= target:
            return evaluations
        if es.should_stop():
            return None
    return None


def main():
    config = json.loads(sys.argv[1])
    results = {}
    for name, n, mean, sigma in config["problems"]:
        results[f"{name}-{n}"] = [
            run(PROBLEMS[name], n, mean, sigma, seed, config["target"], config["max_evaluations"])
            for seed in config["seeds"]
        ]
    version = getattr(cmaes, "__version__", "unknown")
    print(json.dumps({"cmaes": version, "numpy": np.__version__, "evaluations": results}))


if __name__ == "__main__":
    main()
