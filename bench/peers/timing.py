"""Timing helper shared by the PyTorch peers of the benchmarks."""
import time


def median_ms(step, repeats, warmup=5):
    """Median wall time in ms of step() over `repeats` calls after `warmup` calls."""
    for _ in range(warmup):
        step()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return times[len(times) // 2]
