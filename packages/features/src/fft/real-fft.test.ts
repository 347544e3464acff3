import { describe, expect, it } from 'vitest';
import { clearFeatureCaches } from '../caches';
import { seededNoise } from '../test-support/reference';
import { getRealFft, RealFft } from './real-fft';

/** Direct float64 DFT of a real signal, bins 0..n/2. */
function naiveDft(x: Float64Array): [Float64Array, Float64Array] {
  const n = x.length;
  const re = new Float64Array(n / 2 + 1);
  const im = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    for (let t = 0; t < n; t++) {
      const phase = (2 * Math.PI * ((k * t) % n)) / n;
      re[k] = re[k]! + x[t]! * Math.cos(phase);
      im[k] = im[k]! - x[t]! * Math.sin(phase);
    }
  }
  return [re, im];
}

describe('RealFft', () => {
  // every stage plan: radix-2 / radix-4 first stage, then radix-8 and radix-4 stages
  for (const n of [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]) {
    it(`forward matches a direct DFT and adjointAdd is its exact adjoint (n = ${n})`, () => {
      const fft = new RealFft(n);
      const x = Float64Array.from(seededNoise(n, n));
      const window = Float64Array.from(seededNoise(n, n + 1));
      const re = new Float64Array(n / 2 + 1);
      const im = new Float64Array(n / 2 + 1);
      fft.forward(x, 0, null, re, im, 0);
      const [nr, ni] = naiveDft(x);
      const tolerance = 1e-13 * n * Math.sqrt(n);
      for (let k = 0; k <= n / 2; k++) {
        expect(Math.abs(re[k]! - nr[k]!)).toBeLessThan(tolerance);
        expect(Math.abs(im[k]! - ni[k]!)).toBeLessThan(tolerance);
      }
      // ⟨F(w·x), g⟩ = ⟨x, adjoint(g)⟩ with the real inner product over (Re, Im)
      fft.forward(x, 0, window, re, im, 0);
      const gRe = Float64Array.from(seededNoise(n / 2 + 1, 3 * n));
      const gIm = Float64Array.from(seededNoise(n / 2 + 1, 5 * n));
      let lhs = 0;
      for (let k = 0; k <= n / 2; k++) lhs += re[k]! * gRe[k]! + im[k]! * gIm[k]!;
      const out = new Float64Array(n + 3).fill(0.25);
      fft.adjointAdd(gRe, gIm, 0, window, out, 3);
      let rhs = 0;
      for (let t = 0; t < n; t++) rhs += x[t]! * (out[t + 3]! - 0.25);
      expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * n * (1 + Math.abs(lhs)));
      expect(out[0]).toBe(0.25); // nothing written before the offset
    });
  }

  // every plan of the factorised path (sizes 4 and 8 are a direct DFT), with offsets and a
  // window, bins and samples checked against float64 direct sums (all of them up to 4096,
  // an even spread with both ends above)
  for (let n = 16; n <= 32768; n *= 2) {
    it(`forward and adjointAdd match direct sums with offsets and a window (n = ${n})`, () => {
      const m = n / 2;
      const fft = new RealFft(n);
      const cos = new Float64Array(n);
      const sin = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        cos[j] = Math.cos((2 * Math.PI * j) / n);
        sin[j] = Math.sin((2 * Math.PI * j) / n);
      }
      const picks = (count: number): number[] => {
        if (count <= 4097) return Array.from({ length: count }, (_, i) => i);
        const step = Math.floor(count / 61);
        const set = new Set([0, 1, 2, 3, count - 3, count - 2, count - 1, (count - 1) >> 1]);
        for (let i = 0; i < count; i += step) set.add(i).add(Math.min(count - 1, i + 1));
        return [...set];
      };
      const x = Float64Array.from(seededNoise(n + 5, 7 * n));
      const window = Float64Array.from(seededNoise(n, 7 * n + 1));
      const re = new Float64Array(m + 3).fill(9);
      const im = new Float64Array(m + 3).fill(9);
      fft.forward(x, 5, window, re, im, 2);
      const tolerance = 1e-12 * Math.sqrt(n);
      for (const k of picks(m + 1)) {
        let sr = 0;
        let si = 0;
        for (let t = 0; t < n; t++) {
          const v = x[5 + t]! * window[t]!;
          const j = (k * t) % n;
          sr += v * cos[j]!;
          si -= v * sin[j]!;
        }
        expect(Math.abs(re[2 + k]! - sr)).toBeLessThan(tolerance);
        expect(Math.abs(im[2 + k]! - si)).toBeLessThan(tolerance);
      }
      expect([re[0], re[1], im[0], im[1]]).toEqual([9, 9, 9, 9]);
      const gRe = Float64Array.from(seededNoise(m + 4, 11 * n));
      const gIm = Float64Array.from(seededNoise(m + 4, 13 * n));
      const out = new Float64Array(n + 10).fill(0.5);
      fft.adjointAdd(gRe, gIm, 3, window, out, 7);
      for (const t of picks(n)) {
        let acc = 0;
        for (let k = 0; k <= m; k++) {
          const j = (k * t) % n;
          acc += gRe[3 + k]! * cos[j]! - gIm[3 + k]! * sin[j]!;
        }
        expect(Math.abs(out[7 + t]! - 0.5 - window[t]! * acc)).toBeLessThan(tolerance);
      }
      expect([...out.subarray(0, 7), ...out.subarray(7 + n)]).toEqual(new Array(10).fill(0.5));
    });
  }

  it('caches plans and rejects sizes that are not powers of two', () => {
    const plan = getRealFft(64);
    expect(getRealFft(64)).toBe(plan);
    clearFeatureCaches();
    expect(getRealFft(64)).not.toBe(plan);
    expect(() => new RealFft(48)).toThrow(/power of two >= 4/);
    expect(() => new RealFft(2)).toThrow(/power of two >= 4/);
  });
});
