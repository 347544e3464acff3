"""Records PyTorch's learning-rate trajectories for the scheduler's drop-in equivalents.

Feeds fixed metric sequences into torch.optim.lr_scheduler.ReduceLROnPlateau and the
learning rate after each step() of CosineAnnealingLR and CosineAnnealingWarmRestarts,
and writes them to test-data/torch-schedules.json. The package's tests replay the same
sequences through ReduceLROnPlateau, CosineAnnealing and CosineWarmRestarts and compare.

Run: /usr/bin/python3 packages/scheduler/scripts/record-torch-schedules.py
"""
import json
import math
import os
import warnings

import numpy as np
import torch

warnings.filterwarnings("ignore")
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "test-data", "torch-schedules.json")


def optimizer(lr):
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)


def metric_sequences():
    rng = np.random.default_rng(20261205)
    steps = np.arange(240)
    # A falling, noisy loss with plateaus, a rise and a few exact repeats.
    falling = 2.0 * np.exp(-steps / 60.0) + 0.05 * rng.standard_normal(240) * np.exp(-steps / 120.0)
    falling[100:140] = falling[100]  # a flat stretch: exact repeats
    falling[180:200] += np.linspace(0.0, 0.3, 20)  # a rise
    # A reward that climbs, saturates and wobbles around zero (negative values included).
    reward = np.tanh(steps / 50.0) - 0.5 + 0.02 * rng.standard_normal(240)
    return {"falling": [float(x) for x in falling], "reward": [float(x) for x in reward]}


def reduce_on_plateau(lr, metrics, **options):
    opt = optimizer(lr)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **options)
    lrs = []
    for m in metrics:
        scheduler.step(m)
        lrs.append(float(opt.param_groups[0]["lr"]))
    return lrs


def chained(lr, steps, make):
    opt = optimizer(lr)
    scheduler = make(opt)
    lrs = [float(opt.param_groups[0]["lr"])]
    for _ in range(steps):
        opt.step()
        scheduler.step()
        lrs.append(float(opt.param_groups[0]["lr"]))
    return lrs


def main():
    seqs = metric_sequences()
    plateau_cases = [
        ("defaults", 0.1, "falling", {}),
        ("rel, patience 3, factor 0.5, cooldown 2", 0.1, "falling",
         dict(mode="min", factor=0.5, patience=3, threshold=1e-2, threshold_mode="rel", cooldown=2)),
        ("abs threshold, min_lr", 0.05, "falling",
         dict(factor=0.3, patience=2, threshold=0.01, threshold_mode="abs", min_lr=1e-3)),
        ("eps skips tiny reductions", 1e-6, "falling",
         dict(factor=0.5, patience=1, threshold=0.0, eps=2e-7)),
        ("max mode, rel (negative values)", 0.2, "reward",
         dict(mode="max", factor=0.7, patience=4, threshold=0.05, threshold_mode="rel", cooldown=1)),
        ("max mode, abs", 0.2, "reward",
         dict(mode="max", factor=0.5, patience=5, threshold=0.001, threshold_mode="abs", min_lr=0.01)),
    ]
    fixture = {
        "torch": torch.__version__,
        "metrics": seqs,
        "reduceLROnPlateau": [
            {"name": name, "lr": lr, "metric": seq, "options": options,
             "lrs": reduce_on_plateau(lr, seqs[seq], **options)}
            for name, lr, seq, options in plateau_cases
        ],
        "cosineAnnealing": [
            {"name": f"T_max {t}, eta_min {e}", "lr": lr, "T_max": t, "eta_min": e,
             "lrs": chained(lr, steps, lambda o, t=t, e=e: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=t, eta_min=e))}
            for lr, t, e, steps in [(0.1, 10, 0.0, 45), (0.03, 7, 1e-3, 40), (1.0, 50, 0.1, 120)]
        ],
        "cosineWarmRestarts": [
            {"name": f"T_0 {t0}, T_mult {tm}, eta_min {e}", "lr": lr, "T_0": t0, "T_mult": tm, "eta_min": e,
             "lrs": chained(lr, steps, lambda o, t0=t0, tm=tm, e=e: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=t0, T_mult=tm, eta_min=e))}
            for lr, t0, tm, e, steps in [(0.1, 5, 1, 0.0, 30), (0.05, 3, 2, 1e-3, 60), (1.0, 10, 3, 0.01, 150)]
        ],
    }
    with open(out, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {os.path.relpath(out)}")


if __name__ == "__main__":
    main()
