"""PyTorch peer for the plant benchmark (bench/plant.bench.mjs).

The AE-DDSP seed scaffold's toy synth, exactly as the seed writes it (one thread, CPU):
t = linspace(0, n/sr, n); y = tanh(cutoff/2000 * sin(2*pi*f*t)) * (1 - res), with the
three parameters trainable. Times the render alone and render + backward (upstream gradient
of ones, like a sum loss) for batch 1 and 16 at 1 s, and batch 1 at 4 and 16 s, 16 kHz.

Usage: python3 plant_torch.py   (prints one JSON line: median ms per configuration)
"""
import json
import math

import torch
from timing import median_ms

torch.set_num_threads(1)
SR = 16000


def measure(batch, seconds):
    n = SR * seconds
    freq = torch.full((batch, 1), 220.0, requires_grad=True)
    cutoff = torch.full((batch, 1), 2000.0, requires_grad=True)
    res = torch.full((batch, 1), 0.5, requires_grad=True)
    t = torch.linspace(0, n / SR, n)

    def render():
        wave = torch.sin(2 * math.pi * freq * t)
        return torch.tanh(cutoff / 2000.0 * wave) * (1.0 - res)

    def forward():
        with torch.no_grad():
            render()

    def forward_backward():
        for p in (freq, cutoff, res):
            p.grad = None
        render().backward(torch.ones(batch, n))

    return median_ms(forward, repeats=25), median_ms(forward_backward, repeats=25)


out = {}
for batch, seconds in [(1, 1), (16, 1), (1, 4), (1, 16)]:
    f, fb = measure(batch, seconds)
    out[f"{batch}x{seconds}s"] = {"render": f, "renderBackward": fb}
print(json.dumps({"torch": torch.__version__, "seedStub": out}))
