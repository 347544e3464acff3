"""PyTorch/torchaudio peer of bench/features.bench.mjs: forward + backward of the seed's
multi-resolution log-mel loss (mean over n_fft 1024 and 4096 of the MSE of log(mel + 1e-6),
hop 256, 64 HTK mels, 16 kHz) w.r.t. the audio, target features cached, one thread.
Usage: features_torch.py '<json list of [batch, seconds]>'  -> prints one JSON line."""
import json
import sys

import torch
import torchaudio
from timing import median_ms

torch.set_num_threads(1)
SR = 16000
configs = json.loads(sys.argv[1]) if len(sys.argv) > 1 else [[1, 1]]
mels = [
    torchaudio.transforms.MelSpectrogram(sample_rate=SR, n_fft=n, hop_length=256, n_mels=64)
    for n in (1024, 4096)
]


results = {}
g = torch.Generator().manual_seed(0)
for batch, seconds in configs:
    n = int(SR * seconds)
    target = torch.rand(batch, n, generator=g) * 2 - 1
    audio = (torch.rand(batch, n, generator=g) * 2 - 1).requires_grad_(True)
    with torch.no_grad():
        targets = [torch.log(m(target) + 1e-6) for m in mels]

    def step():
        audio.grad = None
        loss = 0.0
        for m, t in zip(mels, targets):
            loss = loss + ((torch.log(m(audio) + 1e-6) - t) ** 2).mean()
        loss = loss / len(mels)
        loss.backward()
        return loss

    results[f"{batch}x{seconds}s"] = median_ms(step, repeats=15 if n * batch <= 64000 else 5, warmup=3)

print(json.dumps({"torch": torch.__version__, "torchaudio": torchaudio.__version__, "ms": results}))
