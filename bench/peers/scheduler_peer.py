"""PyTorch's ReduceLROnPlateau and CosineAnnealingLR on the scheduler suite's problems.

Mirrors bench/scheduler-suite/problems.mjs (Rosenbrock 2-D, the noisy 20-D quadratic,
logistic regression on breast cancer) and optimisers.mjs (torch.optim.SGD, SGD with
momentum 0.9 and dampening 0.9, Adam) in float64. Each step: loss and gradient at θ, then
scheduler.step (as the JS suite feeds its schedulers before stepping), then optimizer.step.
The noise and start points come from NumPy's generator, not the JS suite's: the same
distributions, other draws. Reads one JSON request (argv[1]): {seeds, problems: [{name,
learningRates: {sgd, heavyBall, adam}}]}; prints {torch, numpy, runs: [...]} as JSON.
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
torch.set_num_threads(1)
here = os.path.dirname(os.path.abspath(__file__))


def rosenbrock(n, steps):
    def init(rng):
        return np.array([(-1.2 if i % 2 == 0 else 1.0) for i in range(n)]) + 0.1 * rng.standard_normal(n)

    def f(x):
        return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))

    def sample(x, rng):
        a = x[1:] - x[:-1] ** 2
        b = 1.0 - x[:-1]
        g = np.zeros(n)
        g[:-1] += -400.0 * x[:-1] * a - 2.0 * b
        g[1:] += 200.0 * a
        return f(x), g

    return steps, init, sample, f


def noisy_quadratic(noise, steps, n=20):
    h = 10.0 ** (2.0 * np.arange(n) / (n - 1))

    def sample(x, rng):
        d = x - noise * rng.standard_normal(n) / np.sqrt(h)
        return float(0.5 * np.sum(h * d * d)), h * d

    return steps, lambda rng: rng.standard_normal(n), sample, lambda x: float(0.5 * np.sum(h * x * x))


def logistic(steps, batch=32, l2=1e-3):
    data = json.load(open(os.path.join(here, "..", "data", "breast-cancer.json")))
    xs = np.array(data["x"])
    ys = np.array(data["y"], dtype=float)
    m, k = xs.shape

    def objective(w, rows):
        z = xs[rows] @ w[:k] + w[k]
        loss = np.mean(np.logaddexp(0.0, z) - ys[rows] * z) + 0.5 * l2 * np.sum(w[:k] ** 2)
        e = 1.0 / (1.0 + np.exp(-z)) - ys[rows]
        g = np.concatenate([xs[rows].T @ e / len(rows) + l2 * w[:k], [np.mean(e)]])
        return float(loss), g

    def init(rng):
        return np.concatenate([0.01 * rng.standard_normal(k), [0.0]])

    def sample(w, rng):
        return objective(w, rng.integers(0, m, size=batch))

    return steps, init, sample, lambda w: objective(w, np.arange(m))[0]


PROBLEMS = {
    "rosenbrock-2d": lambda: rosenbrock(2, 1000),
    "noisy-quadratic-20d-1": lambda: noisy_quadratic(1.0, 500),
    "logistic-breast-cancer": lambda: logistic(500),
}

OPTIMISERS = {
    "sgd": lambda p, lr: torch.optim.SGD([p], lr=lr),
    "heavyBall": lambda p, lr: torch.optim.SGD([p], lr=lr, momentum=0.9, dampening=0.9),
    "adam": lambda p, lr: torch.optim.Adam([p], lr=lr, betas=(0.9, 0.999), eps=1e-8),
}

SCHEDULERS = {
    "torchReduceLROnPlateau": (lambda opt, steps: torch.optim.lr_scheduler.ReduceLROnPlateau(opt), True),
    "torchCosine": (lambda opt, steps: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps), False),
}


def run(problem, optimiser, method, lr, seed):
    steps, init, sample, evaluate = problem
    rng = np.random.default_rng(seed)
    p = torch.tensor(init(rng), dtype=torch.float64, requires_grad=True)
    opt = OPTIMISERS[optimiser](p, lr)
    make, takes_loss = SCHEDULERS[method]
    scheduler = make(opt, steps)
    for _ in range(steps):
        x = p.detach().numpy()
        loss, g = sample(x, rng)
        if not math.isfinite(loss):
            return None
        if takes_loss:
            scheduler.step(loss)
        else:
            scheduler.step()
        p.grad = torch.from_numpy(np.asarray(g, dtype=np.float64))
        opt.step()
        if not torch.isfinite(p).all():
            return None
    final = evaluate(p.detach().numpy())
    return final if math.isfinite(final) else None


def main():
    request = json.loads(sys.argv[1])
    runs = []
    for spec in request["problems"]:
        problem = PROBLEMS[spec["name"]]()
        for optimiser, rates in spec["learningRates"].items():
            for method in SCHEDULERS:
                for lr in rates:
                    for seed in range(1, request["seeds"] + 1):
                        with np.errstate(all="ignore"):
                            final = run(problem, optimiser, method, lr, seed)
                        runs.append({"problem": spec["name"], "optimiser": optimiser, "method": method,
                                     "learningRate": lr, "seed": seed, "final": final})
    print(json.dumps({"torch": torch.__version__, "numpy": np.__version__, "runs": runs}))


if __name__ == "__main__":
    main()
