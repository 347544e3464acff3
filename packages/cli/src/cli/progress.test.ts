import { describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { createProgress, formatDuration } from './progress';

function capture(interactive: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    interactive,
    cwd: '/',
  };
  return { io, out, err };
}

describe('progress', () => {
  it('draws a bar with loss and ETA in place on a terminal, then clears it', () => {
    const { io, err, out } = capture(true);
    let t = 0;
    const progress = createProgress({ total: 10, io, label: 'match', now: () => t });
    for (let step = 1; step <= 10; step++) {
      t = step * 1000; // 1 s per step
      progress.update(step, { loss: 1 / step, best: 1 / step });
    }
    progress.finish('done');
    expect(out).toEqual([]);
    const clear = '\r\x1b[2K';
    expect(err[0]!.startsWith(clear)).toBe(true);
    expect(err[0]!.slice(clear.length)).toMatch(
      /^match █{2}░{22}\s+10% 1\/10 {2}loss 1\.000e\+0 {2}best 1\.000e\+0 {2}ETA 9s$/,
    );
    expect(err.at(-3)).toMatch(/100% 10\/10 .* ETA 0s$/);
    expect(err.at(-2)).toBe('\r\x1b[2K');
    expect(err.at(-1)).toBe('done\n');
  });

  it('prints plain lines at quarter marks or every few seconds when not a terminal', () => {
    const { io, err } = capture(false);
    let t = 0;
    const progress = createProgress({ total: 100, io, label: 'match', now: () => t, lineIntervalSeconds: 5 });
    for (let step = 1; step <= 100; step++) {
      t = step * 10; // 10 ms per step: only the quarter marks print
      progress.update(step, { loss: 0.5, best: 0.25 });
    }
    expect(err).toEqual([
      'match: step 25/100 loss 5.000e-1 best 2.500e-1 eta 1s\n',
      'match: step 50/100 loss 5.000e-1 best 2.500e-1 eta 1s\n',
      'match: step 75/100 loss 5.000e-1 best 2.500e-1 eta 0s\n',
      'match: step 100/100 loss 5.000e-1 best 2.500e-1 eta 0s\n',
    ]);
    expect(err.every((line) => !line.includes('\r'))).toBe(true);
  });

  it('prints nothing when quiet; durations read naturally', () => {
    const { io, err } = capture(true);
    const progress = createProgress({ total: 3, io, label: 'x', quiet: true });
    progress.update(3, { loss: 1, best: 1 });
    progress.finish('done');
    expect(err).toEqual([]);
    expect([
      formatDuration(9.6),
      formatDuration(184),
      formatDuration(3720),
      formatDuration(Number.NaN),
    ]).toEqual(['10s', '3m04s', '1h02m', '?']);
  });
});
