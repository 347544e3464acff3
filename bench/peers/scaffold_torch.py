"""PyTorch peer for the trainer speed benchmark (bench/trainer-speed.bench.mjs).

A re-implementation of the AE-DDSP seed scaffold's training loop, written for this
benchmark (one thread, CPU): a toy synth sin(2*pi*f*t) -> tanh(cutoff/2000 * x) * (1 - res),
the seed's loss (mean over n_fft 1024 and 4096 of the MSE of log(mel + 1e-6), 64 HTK mels,
hop 256), a centroid-closeness reward, the seed's scheduler and SGD with momentum plus
gradient noise. Two variants are timed per step:
  - "seed": as the seed writes it (the target's features are recomputed every step);
  - "cached": the target's features computed once.
It also reports where the scaffold ends when asked to move its oscillator 260 -> 220 Hz.

Usage: python3 scaffold_torch.py [steps]   (prints one JSON line)
"""
import json
import math
import sys

import torch
import torchaudio
from timing import median_ms

torch.set_num_threads(1)
SR = 16000
N = 16000


class ToySynth(torch.nn.Module):
    def __init__(self, freq=220.0):
        super().__init__()
        self.freq = torch.nn.Parameter(torch.tensor([freq]))
        self.cutoff = torch.nn.Parameter(torch.tensor([2000.0]))
        self.res = torch.nn.Parameter(torch.tensor([0.5]))
        self.register_buffer("t", torch.linspace(0, N / SR, N))

    def forward(self):
        wave = torch.sin(2 * math.pi * self.freq * self.t)
        return (torch.tanh(self.cutoff / 2000.0 * wave) * (1.0 - self.res)).unsqueeze(0)


MELS = [
    torchaudio.transforms.MelSpectrogram(sample_rate=SR, n_fft=n, hop_length=256, n_mels=64)
    for n in (1024, 4096)
]


def features(audio):
    return [torch.log(mel(audio) + 1e-6) for mel in MELS]


def centroid(log_s):
    s = log_s.exp()
    freqs = torch.linspace(0, 1, s.size(1))
    a = s.mean(dim=-1)
    return (a * freqs).sum(dim=-1) / (a.sum(dim=-1) + 1e-8)


class SeedScheduler:
    def __init__(self, lr=1e-3, mu=0.9, sigma=1e-3):
        self.lr, self.mu, self.sigma = lr, mu, sigma
        self.l_bar = self.r_bar = self.prev_l = self.prev_r = None

    def update(self, loss, reward):
        ema = lambda prev, x: x if prev is None else 0.9 * prev + 0.1 * x
        self.l_bar, self.r_bar = ema(self.l_bar, loss), ema(self.r_bar, reward)
        dl = 0.0 if self.prev_l is None else self.prev_l - self.l_bar
        dr = 0.0 if self.prev_r is None else self.r_bar - self.prev_r
        self.lr = min(max(self.lr * (1.02 if dl > 1e-5 else 0.8), 1e-5), 1e-1)
        self.mu = min(self.mu + 0.01, 0.999) if dr > 0 else max(self.mu - 0.1 * self.mu, 0.0)
        self.sigma = min(max(self.sigma, 1e-6), 1e-2)
        self.prev_l, self.prev_r = self.l_bar, self.r_bar
        return self.lr, self.mu, self.sigma


def make_step(synth, target, cached):
    scheduler = SeedScheduler()
    optimizer = torch.optim.SGD(synth.parameters(), lr=1e-3, momentum=0.9)
    with torch.no_grad():
        target_feats = features(target)

    def step():
        audio = synth()
        feats = features(audio)
        ref = target_feats if cached else features(target)
        loss = sum(((a - b) ** 2).mean() for a, b in zip(feats, ref)) / len(feats)
        reward = torch.exp(-((centroid(feats[0]) - centroid(ref[0])) ** 2) / 0.05)
        lr, mu, sigma = scheduler.update(loss.item(), reward.item())
        for g in optimizer.param_groups:
            g["lr"], g["momentum"] = lr, mu
        optimizer.zero_grad()
        loss.backward()
        with torch.no_grad():
            for p in synth.parameters():
                p.grad += sigma * torch.randn_like(p.grad)
        optimizer.step()
        return loss.item()

    return step


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    torch.manual_seed(0)
    with torch.no_grad():
        target = ToySynth(220.0)()
    out = {"torch": torch.__version__, "torchaudio": torchaudio.__version__, "threads": torch.get_num_threads()}
    for name, cached in (("seed", False), ("cached", True)):
        synth = ToySynth(260.0)
        out[f"ms_per_step_{name}"] = median_ms(make_step(synth, target, cached), repeats)
    synth = ToySynth(260.0)
    step = make_step(synth, target, True)
    for _ in range(50):
        step()
    out["freq_after_50_steps_hz"] = float(synth.freq.item())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
