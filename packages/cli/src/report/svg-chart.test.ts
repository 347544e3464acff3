import { describe, expect, it } from 'vitest';
import { escapeHtml, formatTick, lineChart, logTicks, niceTicks } from './svg-chart';

describe('svg charts', () => {
  it('picks round ticks', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-3, 7, 5)).toEqual([-2, 0, 2, 4, 6]);
    expect(logTicks(-3, 0.5)).toEqual([-3, -2, -1, 0]);
    // Within one decade: round values, as log10 positions.
    expect(logTicks(Math.log10(0.02), Math.log10(0.08)).map((t) => Number((10 ** t).toPrecision(6)))).toEqual(
      [0.02, 0.04, 0.06, 0.08],
    );
    expect([formatTick(0), formatTick(12345), formatTick(0.5), formatTick(2e-4)]).toEqual([
      '0',
      '1e4',
      '0.5',
      '2e-4',
    ]);
  });

  it('draws one path per series through the finite points, breaking at gaps, on a log axis when asked', () => {
    const svg = lineChart({
      title: 'a <b>',
      x: [0, 1, 2, 3],
      logY: true,
      series: [
        { name: 'loss', values: [100, 10, Number.NaN, 1] },
        { name: 'best', values: [100, 10, 10, 1] },
      ],
    });
    const paths = [...svg.matchAll(/<path class="series" d="([^"]*)"/g)].map((m) => m[1]!);
    expect(paths.length).toBe(2);
    expect(paths[0]!.match(/M/g)!.length).toBe(2); // a gap at the NaN
    expect(paths[0]!.match(/[ML]/g)!.length).toBe(3);
    expect(paths[1]!.match(/[ML]/g)!.length).toBe(4);
    // Log axis: 100 → 10 → 1 are equally spaced vertically.
    const ys = paths[1]!
      .split(/[ML]/)
      .filter(Boolean)
      .map((p) => Number(p.split(' ')[1]));
    expect(ys[0]! - ys[1]!).toBeCloseTo(ys[2]! - ys[3]!, 1);
    expect(ys[1]).toBeCloseTo(ys[2]!, 5);
    expect(svg).toContain('aria-label="a &#60;b&#62;"');
    expect(escapeHtml(`<&"'>`)).toBe('&#60;&#38;&#34;&#39;&#62;');
  });
});
