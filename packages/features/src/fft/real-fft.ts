/**
 * A fast real FFT on `Float64Array`s: an `n`-point real transform computed as one
 * `n/2`-point complex FFT (iterative radix-4 with one radix-2 stage when needed, bit-reversal
 * and twiddle tables precomputed per size) plus an O(n) split step. Plans are cached per size
 * by {@link getRealFft}.
 *
 * @example
 * ```ts
 * const fft = getRealFft(8);
 * const re = new Float64Array(5), im = new Float64Array(5);
 * fft.forward(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0), 0, null, re, im, 0); // re = all ones
 * ```
 * @module
 */

/**
 * A precomputed plan for `n`-point real FFTs (`n` a power of two, at least 4). Not
 * re-entrant: each plan owns its scratch buffers, so use one plan per thread of control.
 */
export class RealFft {
  /** The transform length `n` (real samples in, `n/2 + 1` complex bins out). */
  readonly size: number;
  private readonly half: number;
  private readonly reverse: Uint32Array;
  private readonly twiddles: Float64Array;
  private readonly stageOffsets: Int32Array;
  private readonly stageRadix: Int32Array;
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly oddFirstStage: boolean;
  private readonly ones: Float64Array;
  private readonly scratchRe: Float64Array;
  private readonly scratchIm: Float64Array;

  /** Builds the tables for `size`-point transforms; `size` must be a power of two ≥ 4. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
      throw new Error(`RealFft: size must be a power of two >= 4, got ${size}`);
    }
    this.size = size;
    const m = size >> 1;
    this.half = m;
    const bits = Math.round(Math.log2(m));
    this.reverse = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.reverse[i] = r;
    }
    // Stage plan: a twiddle-free radix-2 or radix-4 first stage (fused with the bit-reversed
    // load), then radix-8 stages (fewer passes over memory), with radix-4 stages to make up
    // the remaining bits; pick the first stage that needs the fewest passes.
    const passes = (r: number) =>
      r === 1 ? Number.POSITIVE_INFINITY : r % 3 === 1 ? (r - 4) / 3 + 2 : Math.ceil(r / 3);
    const firstBits = bits < 2 ? 1 : passes(bits - 1) < passes(bits - 2) ? 1 : 2;
    this.oddFirstStage = firstBits === 1;
    let rest = bits - firstBits;
    const radices: number[] = [];
    while (rest > 0) {
      const r = rest % 3 === 0 ? 3 : 2;
      radices.push(r);
      rest -= r;
    }
    // Twiddles per stage of block length q: for radix 2^r, the 2^r − 1 powers W^{jk}
    // (j = 1..2^r − 1, W = exp(−2πi / (2^r·q))) as cos/sin pairs for each k < q.
    const offsets: number[] = [];
    const stageRadix: number[] = [];
    let total = 0;
    let q = 1 << firstBits;
    const qs: number[] = [];
    for (const r of radices) {
      const radix = 1 << r;
      offsets.push(total);
      stageRadix.push(radix);
      qs.push(q);
      total += 2 * (radix - 1) * q;
      q *= radix;
    }
    this.stageOffsets = Int32Array.from(offsets);
    this.stageRadix = Int32Array.from(stageRadix);
    this.twiddles = new Float64Array(total);
    qs.forEach((bq, s) => {
      const radix = stageRadix[s]!;
      const o = offsets[s]!;
      const per = 2 * (radix - 1);
      for (let k = 0; k < bq; k++) {
        for (let j = 1; j < radix; j++) {
          const angle = (-2 * Math.PI * j * k) / (radix * bq);
          this.twiddles[o + per * k + 2 * (j - 1)] = Math.cos(angle);
          this.twiddles[o + per * k + 2 * (j - 1) + 1] = Math.sin(angle);
        }
      }
    });
    this.splitCos = new Float64Array(m + 1);
    this.splitSin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
    this.ones = new Float64Array(size).fill(1);
    this.scratchRe = new Float64Array(m);
    this.scratchIm = new Float64Array(m);
  }

  /**
   * Forward transform of `size` samples `src[srcOffset + t]·window[t]` (a window of ones
   * when `window` is null): writes `X[k] = Σ_t x[t]·exp(-2πi·k·t/n)` for `k = 0..n/2` into
   * `outRe/outIm[outOffset + k]`.
   */
  forward(
    src: ArrayLike<number>,
    srcOffset: number,
    window: ArrayLike<number> | null,
    outRe: Float64Array,
    outIm: Float64Array,
    outOffset: number,
  ): void {
    const m = this.half;
    const re = this.re;
    const im = this.im;
    const rev = this.reverse;
    const w = window ?? this.ones;
    const o = srcOffset;
    // Bit-reversed load of z_p = x[2p] + i·x[2p+1], fused with the first butterfly stage.
    if (this.oddFirstStage) {
      for (let i = 0; i < m; i += 2) {
        const j0 = 2 * rev[i]!;
        const j1 = 2 * rev[i + 1]!;
        const ar = src[o + j0]! * w[j0]!;
        const ai = src[o + j0 + 1]! * w[j0 + 1]!;
        const br = src[o + j1]! * w[j1]!;
        const bi = src[o + j1 + 1]! * w[j1 + 1]!;
        re[i] = ar + br;
        im[i] = ai + bi;
        re[i + 1] = ar - br;
        im[i + 1] = ai - bi;
      }
    } else {
      for (let i = 0; i < m; i += 4) {
        const j0 = 2 * rev[i]!;
        const j2 = 2 * rev[i + 1]!;
        const j1 = 2 * rev[i + 2]!;
        const j3 = 2 * rev[i + 3]!;
        const a0r = src[o + j0]! * w[j0]!;
        const a0i = src[o + j0 + 1]! * w[j0 + 1]!;
        const a2r = src[o + j2]! * w[j2]!;
        const a2i = src[o + j2 + 1]! * w[j2 + 1]!;
        const a1r = src[o + j1]! * w[j1]!;
        const a1i = src[o + j1 + 1]! * w[j1 + 1]!;
        const a3r = src[o + j3]! * w[j3]!;
        const a3i = src[o + j3 + 1]! * w[j3 + 1]!;
        const t0r = a0r + a2r;
        const t0i = a0i + a2i;
        const t1r = a0r - a2r;
        const t1i = a0i - a2i;
        const t2r = a1r + a3r;
        const t2i = a1i + a3i;
        const t3r = a1r - a3r;
        const t3i = a1i - a3i;
        re[i] = t0r + t2r;
        im[i] = t0i + t2i;
        re[i + 2] = t0r - t2r;
        im[i + 2] = t0i - t2i;
        re[i + 1] = t1r + t3i;
        im[i + 1] = t1i - t3r;
        re[i + 3] = t1r - t3i;
        im[i + 3] = t1i + t3r;
      }
    }
    this.stages(re, im);
    // Split step: X_k = E_k + exp(-2πik/n)·O_k with E, O the DFTs of even / odd samples.
    const c = this.splitCos;
    const s = this.splitSin;
    outRe[outOffset] = re[0]! + im[0]!;
    outIm[outOffset] = 0;
    outRe[outOffset + m] = re[0]! - im[0]!;
    outIm[outOffset + m] = 0;
    for (let k = 1; k <= m >> 1; k++) {
      const j = m - k;
      const ar = re[k]!;
      const ai = im[k]!;
      const br = re[j]!;
      const bi = im[j]!;
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi);
      const oi = -0.5 * (ar - br);
      const ck = c[k]!;
      const sk = s[k]!;
      // exp(-iθ)·O = (ck·or + sk·oi) + i(ck·oi − sk·or)
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[outOffset + k] = er + tr;
      outIm[outOffset + k] = ei + ti;
      // bin m−k: E_{m−k} = conj(E_k), O_{m−k} = conj(O_k), exp(-iθ_{m−k}) = −exp(+iθ_k)
      outRe[outOffset + j] = er - tr;
      outIm[outOffset + j] = ti - ei;
    }
  }

  /**
   * The adjoint of {@link RealFft.forward}: given the gradient
   * `G_k = ∂L/∂Re X_k + i·∂L/∂Im X_k` for `k = 0..n/2` at `gRe/gIm[inOffset + k]`, adds
   * `window[t]·Σ_k Re(G_k·exp(2πi·k·t/n))` to `out[outOffset + t]` for `t < n` (a window of
   * ones when `window` is null), i.e. the gradient with respect to the frame's samples,
   * overlap-added in place.
   */
  adjointAdd(
    gRe: ArrayLike<number>,
    gIm: ArrayLike<number>,
    inOffset: number,
    window: ArrayLike<number> | null,
    out: Float64Array,
    outOffset: number,
  ): void {
    const m = this.half;
    const re = this.re;
    const im = this.im;
    const rev = this.reverse;
    const c = this.splitCos;
    const s = this.splitSin;
    // Hermitian spectrum Y: Y_0 = Re G_0, Y_m = Re G_m, Y_k = G_k / 2 otherwise; then
    // y = unnormalised inverse real DFT of Y, via Z_k = (Y_k + conj Y_{m−k}) + i·e^{iθk}(Y_k − conj Y_{m−k}),
    // z = inverse complex DFT of Z, y[2p] = Re z_p, y[2p+1] = Im z_p. The inverse complex
    // DFT is computed as swap(FFT(swap(Z))), so Z is stored with re/im swapped, bit-reversed.
    const zr = this.scratchRe;
    const zi = this.scratchIm;
    {
      const y0 = gRe[inOffset]!;
      const ym = gRe[inOffset + m]!;
      zr[0] = y0 + ym;
      zi[0] = y0 - ym;
    }
    // Z_k = s + i·u and Z_{m−k} = conj(s) + i·conj(u), with s = Y_k + conj Y_{m−k},
    // d = Y_k − conj Y_{m−k}, u = e^{iθk}·d: one pass computes both halves.
    for (let k = 1; k <= m >> 1; k++) {
      const j = m - k;
      const ar = gRe[inOffset + k]!;
      const ai = gIm[inOffset + k]!;
      const br = gRe[inOffset + j]!;
      const bi = gIm[inOffset + j]!;
      const sr = 0.5 * (ar + br);
      const si = 0.5 * (ai - bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai + bi);
      const ck = c[k]!;
      const sk = s[k]!;
      const ur = ck * dr - sk * di;
      const ui = ck * di + sk * dr;
      zr[k] = sr - ui;
      zi[k] = si + ur;
      zr[j] = sr + ui;
      zi[j] = ur - si;
    }
    // Bit-reversed gather of swap(Z) fused with the first butterfly stage.
    if (this.oddFirstStage) {
      for (let i = 0; i < m; i += 2) {
        const j0 = rev[i]!;
        const j1 = rev[i + 1]!;
        const ar = zi[j0]!;
        const ai = zr[j0]!;
        const br = zi[j1]!;
        const bi = zr[j1]!;
        re[i] = ar + br;
        im[i] = ai + bi;
        re[i + 1] = ar - br;
        im[i + 1] = ai - bi;
      }
    } else {
      for (let i = 0; i < m; i += 4) {
        const j0 = rev[i]!;
        const j2 = rev[i + 1]!;
        const j1 = rev[i + 2]!;
        const j3 = rev[i + 3]!;
        const a0r = zi[j0]!;
        const a0i = zr[j0]!;
        const a2r = zi[j2]!;
        const a2i = zr[j2]!;
        const a1r = zi[j1]!;
        const a1i = zr[j1]!;
        const a3r = zi[j3]!;
        const a3i = zr[j3]!;
        const t0r = a0r + a2r;
        const t0i = a0i + a2i;
        const t1r = a0r - a2r;
        const t1i = a0i - a2i;
        const t2r = a1r + a3r;
        const t2i = a1i + a3i;
        const t3r = a1r - a3r;
        const t3i = a1i - a3i;
        re[i] = t0r + t2r;
        im[i] = t0i + t2i;
        re[i + 2] = t0r - t2r;
        im[i + 2] = t0i - t2i;
        re[i + 1] = t1r + t3i;
        im[i + 1] = t1i - t3r;
        re[i + 3] = t1r - t3i;
        im[i + 3] = t1i + t3r;
      }
    }
    this.stages(re, im);
    const w = window ?? this.ones;
    for (let p = 0, t = 0; p < m; p++, t += 2) {
      out[outOffset + t] = out[outOffset + t]! + im[p]! * w[t]!;
      out[outOffset + t + 1] = out[outOffset + t + 1]! + re[p]! * w[t + 1]!;
    }
  }

  /** The radix-8 / radix-4 stages after the first one, in place, natural order out. */
  private stages(re: Float64Array, im: Float64Array): void {
    let q = this.oddFirstStage ? 2 : 4;
    for (let stage = 0; stage < this.stageRadix.length; stage++) {
      const o = this.stageOffsets[stage]!;
      if (this.stageRadix[stage] === 8) {
        this.radix8(re, im, q, o);
        q *= 8;
      } else {
        this.radix4(re, im, q, o);
        q *= 4;
      }
    }
  }

  /** One radix-4 DIT stage combining blocks of length q (A0, A2, A1, A3 in bit-reversed order). */
  private radix4(re: Float64Array, im: Float64Array, q: number, o: number): void {
    const m = this.half;
    const tw = this.twiddles;
    const span = 4 * q;
    for (let k = 0; k < q; k++) {
      const w = o + 6 * k;
      const w1r = tw[w]!;
      const w1i = tw[w + 1]!;
      const w2r = tw[w + 2]!;
      const w2i = tw[w + 3]!;
      const w3r = tw[w + 4]!;
      const w3i = tw[w + 5]!;
      for (let base = 0; base < m; base += span) {
        const i0 = base + k;
        const i1 = i0 + q;
        const i2 = i1 + q;
        const i3 = i2 + q;
        const a0r = re[i0]!;
        const a0i = im[i0]!;
        let xr = re[i2]!;
        let xi = im[i2]!;
        const a1r = xr * w1r - xi * w1i;
        const a1i = xr * w1i + xi * w1r;
        xr = re[i1]!;
        xi = im[i1]!;
        const a2r = xr * w2r - xi * w2i;
        const a2i = xr * w2i + xi * w2r;
        xr = re[i3]!;
        xi = im[i3]!;
        const a3r = xr * w3r - xi * w3i;
        const a3i = xr * w3i + xi * w3r;
        const t0r = a0r + a2r;
        const t0i = a0i + a2i;
        const t1r = a0r - a2r;
        const t1i = a0i - a2i;
        const t2r = a1r + a3r;
        const t2i = a1i + a3i;
        const t3r = a1r - a3r;
        const t3i = a1i - a3i;
        re[i0] = t0r + t2r;
        im[i0] = t0i + t2i;
        re[i2] = t0r - t2r;
        im[i2] = t0i - t2i;
        re[i1] = t1r + t3i;
        im[i1] = t1i - t3r;
        re[i3] = t1r - t3i;
        im[i3] = t1i + t3r;
      }
    }
  }

  /**
   * One radix-8 DIT stage combining blocks of length q. In bit-reversed order block p holds
   * A_{bitrev3(p)}: A0, A4, A2, A6, A1, A5, A3, A7; outputs X[k + s·q] go to block s.
   */
  private radix8(re: Float64Array, im: Float64Array, q: number, o: number): void {
    const m = this.half;
    const tw = this.twiddles;
    const span = 8 * q;
    const h = Math.SQRT1_2;
    for (let k = 0; k < q; k++) {
      const w = o + 14 * k;
      const w1r = tw[w]!;
      const w1i = tw[w + 1]!;
      const w2r = tw[w + 2]!;
      const w2i = tw[w + 3]!;
      const w3r = tw[w + 4]!;
      const w3i = tw[w + 5]!;
      const w4r = tw[w + 6]!;
      const w4i = tw[w + 7]!;
      const w5r = tw[w + 8]!;
      const w5i = tw[w + 9]!;
      const w6r = tw[w + 10]!;
      const w6i = tw[w + 11]!;
      const w7r = tw[w + 12]!;
      const w7i = tw[w + 13]!;
      for (let base = 0; base < m; base += span) {
        const i0 = base + k;
        const i1 = i0 + q;
        const i2 = i1 + q;
        const i3 = i2 + q;
        const i4 = i3 + q;
        const i5 = i4 + q;
        const i6 = i5 + q;
        const i7 = i6 + q;
        const a0r = re[i0]!;
        const a0i = im[i0]!;
        let xr = re[i4]!;
        let xi = im[i4]!;
        const a1r = xr * w1r - xi * w1i;
        const a1i = xr * w1i + xi * w1r;
        xr = re[i2]!;
        xi = im[i2]!;
        const a2r = xr * w2r - xi * w2i;
        const a2i = xr * w2i + xi * w2r;
        xr = re[i6]!;
        xi = im[i6]!;
        const a3r = xr * w3r - xi * w3i;
        const a3i = xr * w3i + xi * w3r;
        xr = re[i1]!;
        xi = im[i1]!;
        const a4r = xr * w4r - xi * w4i;
        const a4i = xr * w4i + xi * w4r;
        xr = re[i5]!;
        xi = im[i5]!;
        const a5r = xr * w5r - xi * w5i;
        const a5i = xr * w5i + xi * w5r;
        xr = re[i3]!;
        xi = im[i3]!;
        const a6r = xr * w6r - xi * w6i;
        const a6i = xr * w6i + xi * w6r;
        xr = re[i7]!;
        xi = im[i7]!;
        const a7r = xr * w7r - xi * w7i;
        const a7i = xr * w7i + xi * w7r;
        // E = DFT4(a0, a2, a4, a6), O = DFT4(a1, a3, a5, a7)
        let t0r = a0r + a4r;
        let t0i = a0i + a4i;
        let t1r = a0r - a4r;
        let t1i = a0i - a4i;
        let t2r = a2r + a6r;
        let t2i = a2i + a6i;
        let t3r = a2r - a6r;
        let t3i = a2i - a6i;
        const e0r = t0r + t2r;
        const e0i = t0i + t2i;
        const e2r = t0r - t2r;
        const e2i = t0i - t2i;
        const e1r = t1r + t3i;
        const e1i = t1i - t3r;
        const e3r = t1r - t3i;
        const e3i = t1i + t3r;
        t0r = a1r + a5r;
        t0i = a1i + a5i;
        t1r = a1r - a5r;
        t1i = a1i - a5i;
        t2r = a3r + a7r;
        t2i = a3i + a7i;
        t3r = a3r - a7r;
        t3i = a3i - a7i;
        const o0r = t0r + t2r;
        const o0i = t0i + t2i;
        // O2·(−i)
        const o2r = t0i - t2i;
        const o2i = t2r - t0r;
        let pr = t1r + t3i;
        let pi = t1i - t3r;
        // O1·W8, W8 = (1 − i)/√2
        const o1r = h * (pr + pi);
        const o1i = h * (pi - pr);
        pr = t1r - t3i;
        pi = t1i + t3r;
        // O3·W8³, W8³ = (−1 − i)/√2
        const o3r = h * (pi - pr);
        const o3i = -h * (pr + pi);
        re[i0] = e0r + o0r;
        im[i0] = e0i + o0i;
        re[i4] = e0r - o0r;
        im[i4] = e0i - o0i;
        re[i1] = e1r + o1r;
        im[i1] = e1i + o1i;
        re[i5] = e1r - o1r;
        im[i5] = e1i - o1i;
        re[i2] = e2r + o2r;
        im[i2] = e2i + o2i;
        re[i6] = e2r - o2r;
        im[i6] = e2i - o2i;
        re[i3] = e3r + o3r;
        im[i3] = e3i + o3i;
        re[i7] = e3r - o3r;
        im[i7] = e3i - o3i;
      }
    }
  }
}

const plans = new Map<number, RealFft>();

/** The cached {@link RealFft} plan for `size` (created on first use). */
export function getRealFft(size: number): RealFft {
  let plan = plans.get(size);
  if (!plan) {
    plan = new RealFft(size);
    plans.set(size, plan);
  }
  return plan;
}

/** Forgets the cached FFT plans (they are rebuilt on demand). */
export function clearRealFftPlans(): void {
  plans.clear();
}
