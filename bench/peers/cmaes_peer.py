"""Reference peer of bench/cmaes.bench.mjs: Debian's python3-cmaes (CMA, ask/tell) on the same
problems, starts and seeds (box-* problems with bounds [0, 1]). Prints one JSON line: evaluations to reach f <= target per run.

Usage: cmaes_peer.py '<json config>' with keys problems [[name, n, mean, sigma]], seeds,
target, max_evaluations.
"""
import json
import sys
import warnings

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


def shifted_sphere(x, outside):
    """sum (x_i - t_i)^2 - f*, t_i = 0.1 + 0.8 i/(n-1) except the first `outside` at -0.2."""
    n = len(x)
    t = 0.1 + 0.8 * np.arange(n) / (n - 1)
    t[:outside] = -0.2
    return float(np.sum((x - t) ** 2)) - 0.04 * outside


PROBLEMS = {
    "sphere": sphere,
    "ellipsoid": ellipsoid,
    "rosenbrock": rosenbrock,
    "box-interior": lambda x: shifted_sphere(x, 0),
    "box-two-faces": lambda x: shifted_sphere(x, 2),
}


def run(name, n, mean, sigma, seed, target, max_evaluations):
    """Evaluations until a generation's best is <= target; None if it stops or hits the cap first."""
    f = PROBLEMS[name]
    bounds = np.array([[0.0, 1.0]] * n) if name.startswith("box-") else None
    es = cmaes.CMA(mean=np.full(n, float(mean)), sigma=sigma, seed=seed, bounds=bounds)
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
    warnings.simplefilter("ignore")  # overflow in exp when sigma diverges (a failed run)
    config = json.loads(sys.argv[1])
    results = {}
    for name, n, mean, sigma in config["problems"]:
        results[f"{name}-{n}"] = [
            run(name, n, mean, sigma, seed, config["target"], config["max_evaluations"])
            for seed in config["seeds"]
        ]
    version = getattr(cmaes, "__version__", "unknown")
    print(json.dumps({"cmaes": version, "numpy": np.__version__, "evaluations": results}))


if __name__ == "__main__":
    main()
