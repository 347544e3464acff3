"""Peer reference for the YIN pitch tracker: librosa.yin's framewise f0 on the 48 real notes
in notes/ and on a sawtooth glide, with the same frames as yinPitch's defaults at 16 kHz
(frames of W + maxLag + 1 = 400 + 400 + 1 samples starting every 80 samples, 40-2000 Hz,
threshold 0.1, no centring). Writes yin-librosa.json beside this script.

librosa is not packaged in Debian; it was run from a virtual environment over Debian's
numpy/scipy:
    python3 -m venv --system-site-packages /tmp/venv && /tmp/venv/bin/pip install librosa
    /tmp/venv/bin/python packages/features/test-data/yin_librosa_reference.py
librosa 0.11's yin uses the difference function over the whole frame (not a fixed window of
W samples), so small differences in f0 are expected; the dips it picks should agree.
"""

import json
import pathlib

import librosa
import numpy as np
import soundfile

HERE = pathlib.Path(__file__).parent
SR = 16000
FMIN, FMAX = 40.0, 2000.0
WINDOW = 400  # 0.025 s
MAX_LAG = int(np.ceil(SR / FMIN))  # 400
FRAME = WINDOW + MAX_LAG + 1
HOP = 80  # 0.005 s


def glide() -> np.ndarray:
    """A band-limited sawtooth gliding exponentially from 110 Hz to 880 Hz in 1 s (float32)."""
    n = np.arange(SR)
    f = 110.0 * 2.0 ** (3.0 * n / SR)
    phase = 2 * np.pi * np.cumsum(f) / SR
    x = np.zeros(SR)
    for k in range(1, 40):
        x += np.where(k * f < SR / 2, np.sin(k * phase) / k, 0.0)
    return (0.3 * x).astype(np.float32)


def track(y: np.ndarray) -> list:
    f0 = librosa.yin(y.astype(np.float64), fmin=FMIN, fmax=FMAX, sr=SR, frame_length=FRAME,
                     hop_length=HOP, trough_threshold=0.1, center=False)
    return [round(float(v), 3) for v in f0]


def main() -> None:
    out = {
        "librosa_version": librosa.__version__,
        "sample_rate": SR,
        "frame_length": FRAME,
        "hop_length": HOP,
        "fmin_hz": FMIN,
        "fmax_hz": FMAX,
        "notes": {},
    }
    for path in sorted((HERE / "notes").glob("*.wav")):
        y, sr = soundfile.read(path, dtype="float32")
        assert sr == SR, path
        out["notes"][path.name] = track(y)
    g = glide()
    out["glide"] = {"signal": [float(v) for v in g], "f0_hz": track(g)}
    (HERE / "yin-librosa.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
