// Independent float64 references for the tests (direct DFT sums, no FFT, no tfjs).

export interface ReferenceStftOptions {
  fftLength: number;
  hopLength: number;
  windowLength?: number;
  center?: boolean;
  window?: 'hann' | 'hamming' | 'blackman' | 'rectangular';
}

/** Direct-DFT complex STFT of one signal: frames × bins of [re, im], float64. */
export function referenceComplexStft(
  x: ArrayLike<number>,
  o: ReferenceStftOptions,
): { re: number[][]; im: number[][] } {
  const n = o.fftLength;
  const wl = o.windowLength ?? n;
  const center = o.center ?? true;
  const pad = center ? n / 2 : 0;
  const len = x.length;
  const sample = (i: number): number => {
    // index into the reflect-padded signal
    let j = i - pad;
    if (j < 0) j = -j;
    if (j >= len) j = 2 * (len - 1) - j;
    return x[j]!;
  };
  const window = new Float64Array(n);
  const left = Math.floor((n - wl) / 2);
  const shapes = {
    hann: (p: number) => 0.5 - 0.5 * Math.cos(p),
    hamming: (p: number) => 0.54 - 0.46 * Math.cos(p),
    blackman: (p: number) => 0.42 - 0.5 * Math.cos(p) + 0.08 * Math.cos(2 * p),
    rectangular: () => 1,
  };
  const shape = shapes[o.window ?? 'hann'];
  for (let t = 0; t < wl; t++) window[left + t] = shape((2 * Math.PI * t) / wl);
  const frames = 1 + Math.floor((len + 2 * pad - n) / o.hopLength);
  const re: number[][] = [];
  const im: number[][] = [];
  for (let f = 0; f < frames; f++) {
    const r: number[] = [];
    const q: number[] = [];
    for (let k = 0; k <= n / 2; k++) {
      let a = 0;
      let b = 0;
      for (let t = 0; t < n; t++) {
        const v = sample(f * o.hopLength + t) * window[t]!;
        a += v * Math.cos((2 * Math.PI * k * t) / n);
        b -= v * Math.sin((2 * Math.PI * k * t) / n);
      }
      r.push(a);
      q.push(b);
    }
    re.push(r);
    im.push(q);
  }
  return { re, im };
}

/** Power (2) or magnitude (1) reference spectrogram, frames × bins. */
export function referenceStft(x: ArrayLike<number>, o: ReferenceStftOptions & { power?: 1 | 2 }): number[][] {
  const { re, im } = referenceComplexStft(x, o);
  return re.map((row, f) =>
    row.map((a, k) => {
      const p = a * a + im[f]![k]! ** 2;
      return (o.power ?? 2) === 2 ? p : Math.sqrt(p);
    }),
  );
}

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32). */
export function seededNoise(length: number, seed = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
  }
  return out;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]!);
    m = Math.max(m, v); // NaN propagates
  }
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    // \`if (!(d <= m)) m = d\` would let the next element overwrite a NaN
    if (Number.isNaN(d)) return Number.NaN;
    if (d > m) m = d;
  }
  return m;
}
