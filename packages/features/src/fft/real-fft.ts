/**
 * A fast real FFT on `Float64Array`s: an `n`-point real transform computed as one
 * `n/2`-point complex FFT plus an O(n) split step, and its exact adjoint (the transpose of the
 * same factorisation, run backwards). Plans are cached per size by {@link getRealFft}.
 *
 * Forward, for `n ≥ 16` (`m = n/2` complex points), decimation in frequency, no bit-reversal
 * pass:
 * 1. {@link windowDif4}: the windowed samples `z_p = w[2p]·x[2p] + i·w[2p+1]·x[2p+1]` read in
 *    natural order (four sequential streams) through radix-4 butterflies of block length m/4;
 * 2. radix-8 (and radix-4) decimation-in-frequency stages, twiddles precomputed per stage in
 *    the order the loops read them;
 * 3. twiddle-free radix-8 (or 4, 2) DFTs of consecutive groups, which leave the points in
 *    bit-reversed order, fused with the real-to-complex split step: the groups with bases P
 *    and m/R − P hold every bin pair `(K, m − K)` between them, so they are transformed and
 *    split together, in registers for radix 8 ({@link groups8AndSplit}).
 *
 * The adjoint is the exact transpose of that factorisation, run backwards on the
 * re/im-swapped gradient (the swap turns each conjugate-transposed butterfly back into a
 * forward one): the split's transpose fused with the group DFTs, the middle stages as
 * decimation in time, and a last radix-4 pass that un-swaps, windows and overlap-adds into the
 * output in four sequential streams ({@link ditWindowAdd4}). Sizes 4 and 8 use a direct DFT.
 *
 * The unrolled butterflies live in `real-fft.generated.ts`, written by
 * `scripts/generate-real-fft.mjs` (edit the generator, not the generated file).
 *
 * @example
 * ```ts
 * const fft = getRealFft(8);
 * const re = new Float64Array(5), im = new Float64Array(5);
 * fft.forward(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0), 0, null, re, im, 0); // re = all ones
 * ```
 * @module
 */

import {
  dft2At,
  dft4At,
  dft8At,
  ditWindowAdd4,
  groups8AndSplit,
  radix4,
  radix4Dif,
  radix8,
  radix8Dif,
  splitAdjointAndGroups8,
  windowDif4,
} from './real-fft.generated';

/**
 * The stage plan of an `m`-point complex FFT (`m = 2^bits`, `bits ≥ 3`), in decimation-in-time
 * order: the radix of the twiddle-free groups (next to the split step), then the middle
 * stages' radices; the stage of block length m/4 (the pass that meets the samples) is radix 4.
 * Fewest passes over memory first; among equals, groups of 8.
 */
function stagePlan(bits: number): { first: number; middle: number[] } {
  const rest = bits - 2;
  let best = { first: 1, middle: [] as number[], passes: Number.POSITIVE_INFINITY };
  for (const firstBits of [3, 2, 1]) {
    const x = rest - firstBits;
    if (x < 0 || x === 1) continue;
    const middleBits: number[] = [];
    let left = x;
    while (left > 0) {
      const r = left % 3 === 0 || left > 4 ? 3 : 2;
      middleBits.push(r);
      left -= r;
    }
    if (middleBits.length < best.passes) {
      best = { first: 1 << firstBits, middle: middleBits.map((b) => 1 << b), passes: middleBits.length };
    }
  }
  return { first: best.first, middle: best.middle };
}

/**
 * A precomputed plan for `n`-point real FFTs (`n` a power of two, at least 4). Not
 * re-entrant: each plan owns its scratch buffers, so use one plan per thread of control.
 */
export class RealFft {
  /** The transform length `n` (real samples in, `n/2 + 1` complex bins out). */
  readonly size: number;
  private readonly half: number;
  /** Radix of the twiddle-free groups (2, 4 or 8); 0 for the direct DFT of sizes 4 and 8. */
  private readonly firstRadix: number;
  /** Per group `g`: the index of its first point in natural order (bit reversal of g·R; an involution on groups). */
  private readonly firstRev: Int32Array;
  private readonly middleRadix: Int32Array;
  private readonly middleOffsets: Int32Array;
  /** Twiddles of the middle stages, then of the last stage (cos/sin pairs, read order). */
  private readonly twiddles: Float64Array;
  private readonly lastOffset: number;
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly ones: Float64Array;

  /** Builds the tables for `size`-point transforms; `size` must be a power of two ≥ 4. */
  constructor(size: number) {
    if (!Number.isInteger(size) || size < 4 || (size & (size - 1)) !== 0) {
      throw new Error(`RealFft: size must be a power of two >= 4, got ${size}`);
    }
    this.size = size;
    const m = size >> 1;
    this.half = m;
    const bits = Math.round(Math.log2(m));
    this.ones = new Float64Array(size).fill(1);
    this.re = new Float64Array(m);
    this.im = new Float64Array(m);
    this.splitCos = new Float64Array(m + 1);
    this.splitSin = new Float64Array(m + 1);
    for (let k = 0; k <= m; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((2 * Math.PI * k) / size);
    }
    if (bits < 3) {
      // sizes 4 and 8: direct DFT with the n-th roots of unity (splitCos/Sin cover 0..n/2)
      this.firstRadix = 0;
      this.firstRev = new Int32Array(0);
      this.middleRadix = new Int32Array(0);
      this.middleOffsets = new Int32Array(0);
      this.twiddles = new Float64Array(0);
      this.lastOffset = 0;
      return;
    }
    const plan = stagePlan(bits);
    this.firstRadix = plan.first;
    const groups = m / plan.first;
    this.firstRev = new Int32Array(groups);
    for (let g = 0; g < groups; g++) {
      let r = 0;
      for (let b = 0, v = g * plan.first; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.firstRev[g] = r;
    }
    // Twiddles per DIT stage of block length q and radix R: for each k < q the R − 1 powers
    // W^{jk} (j = 1..R − 1, W = exp(−2πi / (R·q))) as cos/sin pairs; the last (radix-4,
    // q = m/4) stage stores W^k alone and squares it (its table would be the largest).
    const stages = [...plan.middle, 4];
    const offsets: number[] = [];
    let total = 0;
    let q = plan.first;
    const qs: number[] = [];
    for (const radix of stages) {
      offsets.push(total);
      qs.push(q);
      total += offsets.length === stages.length ? 2 * q : 2 * (radix - 1) * q;
      q *= radix;
    }
    this.middleRadix = Int32Array.from(plan.middle);
    this.middleOffsets = Int32Array.from(offsets.slice(0, plan.middle.length));
    this.lastOffset = offsets[offsets.length - 1]!;
    this.twiddles = new Float64Array(total);
    stages.forEach((radix, s) => {
      const bq = qs[s]!;
      const o = offsets[s]!;
      const powers = s === stages.length - 1 ? 1 : radix - 1;
      const per = 2 * powers;
      for (let k = 0; k < bq; k++) {
        for (let j = 1; j <= powers; j++) {
          const angle = (-2 * Math.PI * j * k) / (radix * bq);
          this.twiddles[o + per * k + 2 * (j - 1)] = Math.cos(angle);
          this.twiddles[o + per * k + 2 * (j - 1) + 1] = Math.sin(angle);
        }
      }
    });
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
    const w = window ?? this.ones;
    if (this.firstRadix === 0) {
      this.directForward(src, srcOffset, w, outRe, outIm, outOffset);
      return;
    }
    const re = this.re;
    const im = this.im;
    const m = this.half;
    const tw = this.twiddles;
    let q = m >> 2;
    windowDif4(src, srcOffset, w, re, im, q, tw, this.lastOffset);
    for (let s = this.middleRadix.length - 1; s >= 0; s--) {
      if (this.middleRadix[s] === 8) {
        q >>= 3;
        radix8Dif(re, im, m, q, tw, this.middleOffsets[s]!);
      } else {
        q >>= 2;
        radix4Dif(re, im, m, q, tw, this.middleOffsets[s]!);
      }
    }
    this.groupsAndSplit(outRe, outIm, outOffset);
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
    const w = window ?? this.ones;
    if (this.firstRadix === 0) {
      this.directAdjoint(gRe, gIm, inOffset, w, out, outOffset);
      return;
    }
    const re = this.re;
    const im = this.im;
    const m = this.half;
    const tw = this.twiddles;
    this.splitAdjointAndGroups(gRe, gIm, inOffset);
    let q = this.firstRadix;
    for (let s = 0; s < this.middleRadix.length; s++) {
      if (this.middleRadix[s] === 8) {
        radix8(re, im, m, q, tw, this.middleOffsets[s]!);
        q *= 8;
      } else {
        radix4(re, im, m, q, tw, this.middleOffsets[s]!);
        q *= 4;
      }
    }
    ditWindowAdd4(re, im, m >> 2, tw, this.lastOffset, w, out, outOffset);
  }

  /**
   * The twiddle-free radix-R DFT of each group of R consecutive points (group g then holds the
   * points rev[g] + j·m/R, j < R), then the split step: groups with bases P and m/R − P hold
   * every bin pair (K, m − K) between them, so they are split together, P ascending (the bins
   * are written in 2R sequential streams; no bit-reversal pass).
   */
  private groupsAndSplit(outRe: Float64Array, outIm: Float64Array, o: number): void {
    const re = this.re;
    const im = this.im;
    const m = this.half;
    const r = this.firstRadix;
    const groups = (m / r) | 0;
    const rev = this.firstRev;
    const c = this.splitCos;
    const s = this.splitSin;
    const h = groups >> 1;
    const ph = rev[h]! * r;
    if (r === 8) {
      dft8At(re, im, 0);
      dft8At(re, im, ph);
    } else {
      groupDfts(re, im, m, r);
    }
    outRe[o] = re[0]! + im[0]!;
    outIm[o] = 0;
    outRe[o + m] = re[0]! - im[0]!;
    outIm[o + m] = 0;
    for (let j = 1; j <= r >> 1; j++) splitPair(re, im, j, r - j, j * groups, c, s, m, outRe, outIm, o);
    if (h === 0) return;
    for (let j = 0; j < r >> 1; j++)
      splitPair(re, im, ph + j, ph + r - 1 - j, h + j * groups, c, s, m, outRe, outIm, o);
    if (r === 8) {
      groups8AndSplit(re, im, rev, m, c, s, outRe, outIm, o);
      return;
    }
    for (let base = 1; base < h; base++) {
      const p = rev[base]! * r;
      const p2 = rev[groups - base]! * r + r - 1;
      for (let j = 0; j < r; j++)
        splitPair(re, im, p + j, p2 - j, base + j * groups, c, s, m, outRe, outIm, o);
    }
  }

  /**
   * Transpose of {@link RealFft.groupsAndSplit}, writing the re/im-swapped workspace: the
   * split's transpose from the gradient bins, pair of groups by pair of groups, then the
   * groups' radix-R DFTs.
   */
  private splitAdjointAndGroups(gRe: ArrayLike<number>, gIm: ArrayLike<number>, o: number): void {
    const re = this.re;
    const im = this.im;
    const m = this.half;
    const r = this.firstRadix;
    const groups = (m / r) | 0;
    const rev = this.firstRev;
    const c = this.splitCos;
    const s = this.splitSin;
    {
      const y0 = gRe[o]!;
      const ym = gRe[o + m]!;
      // swapped: re ← Im ∂Z_0, im ← Re ∂Z_0
      re[0] = y0 - ym;
      im[0] = y0 + ym;
    }
    for (let j = 1; j <= r >> 1; j++) splitPairAdjoint(gRe, gIm, o, j, r - j, j * groups, c, s, m, re, im);
    const h = groups >> 1;
    const ph = rev[h]! * r;
    if (h > 0) {
      for (let j = 0; j < r >> 1; j++)
        splitPairAdjoint(gRe, gIm, o, ph + j, ph + r - 1 - j, h + j * groups, c, s, m, re, im);
    }
    if (r === 8) {
      splitAdjointAndGroups8(gRe, gIm, o, rev, m, c, s, re, im);
      dft8At(re, im, 0);
      dft8At(re, im, ph);
      return;
    }
    for (let base = 1; base < h; base++) {
      const p = rev[base]! * r;
      const p2 = rev[groups - base]! * r + r - 1;
      for (let j = 0; j < r; j++)
        splitPairAdjoint(gRe, gIm, o, p + j, p2 - j, base + j * groups, c, s, m, re, im);
    }
    groupDfts(re, im, m, r);
  }

  /** Direct DFT for sizes 4 and 8 (e^{−2πij/n} from the split tables by symmetry). */
  private directForward(
    src: ArrayLike<number>,
    so: number,
    w: ArrayLike<number>,
    outRe: Float64Array,
    outIm: Float64Array,
    o: number,
  ): void {
    const n = this.size;
    for (let k = 0; k <= this.half; k++) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < n; t++) {
        const x = src[so + t]! * w[t]!;
        const j = (k * t) % n;
        sr += x * this.rootCos(j);
        si -= x * this.rootSin(j);
      }
      outRe[o + k] = sr;
      outIm[o + k] = si;
    }
  }

  /** Adjoint of {@link RealFft.directForward}. */
  private directAdjoint(
    gRe: ArrayLike<number>,
    gIm: ArrayLike<number>,
    io: number,
    w: ArrayLike<number>,
    out: Float64Array,
    o: number,
  ): void {
    const n = this.size;
    for (let t = 0; t < n; t++) {
      let acc = 0;
      for (let k = 0; k <= this.half; k++) {
        const j = (k * t) % n;
        acc += gRe[io + k]! * this.rootCos(j) - gIm[io + k]! * this.rootSin(j);
      }
      out[o + t] = out[o + t]! + w[t]! * acc;
    }
  }

  private rootCos(j: number): number {
    return j <= this.half ? this.splitCos[j]! : this.splitCos[this.size - j]!;
  }

  private rootSin(j: number): number {
    return j <= this.half ? this.splitSin[j]! : -this.splitSin[this.size - j]!;
  }
}

/** In place, the twiddle-free radix-r DFTs (r = 2, 4 or 8) of each r consecutive points. */
function groupDfts(re: Float64Array, im: Float64Array, m: number, r: number): void {
  if (r === 8) for (let i = 0; i < m; i += 8) dft8At(re, im, i);
  else if (r === 4) for (let i = 0; i < m; i += 4) dft4At(re, im, i);
  else for (let i = 0; i < m; i += 2) dft2At(re, im, i);
}

/**
 * Split step for the bin pair (k, m − k), Z_k at workspace index pk and Z_{m−k} at pj: with
 * E = (Z_k + conj Z_{m−k})/2 and O = −i(Z_k − conj Z_{m−k})/2, X_k = E + e^{−2πik/n}·O and
 * X_{m−k} = conj(E) − conj(e^{−2πik/n}·O). k = m/2 writes that bin from itself.
 */
function splitPair(
  re: Float64Array,
  im: Float64Array,
  pk: number,
  pj: number,
  k: number,
  c: Float64Array,
  s: Float64Array,
  m: number,
  outRe: Float64Array,
  outIm: Float64Array,
  o: number,
): void {
  const ar = re[pk]!;
  const ai = im[pk]!;
  const br = re[pj]!;
  const bi = im[pj]!;
  const er = 0.5 * (ar + br);
  const ei = 0.5 * (ai - bi);
  const or = 0.5 * (ai + bi);
  const oi = -0.5 * (ar - br);
  const ck = c[k]!;
  const sk = s[k]!;
  // exp(-iθ)·O = (ck·or + sk·oi) + i(ck·oi − sk·or)
  const tr = ck * or + sk * oi;
  const ti = ck * oi - sk * or;
  outRe[o + k] = er + tr;
  outIm[o + k] = ei + ti;
  outRe[o + m - k] = er - tr;
  outIm[o + m - k] = ti - ei;
}

/**
 * Transpose of {@link splitPair}: from the gradient at bins k and m − k, writes ∂Z_k (at pk)
 * and ∂Z_{m−k} (at pj) re/im-swapped: Z_k = S + i·U, Z_{m−k} = conj S + i·conj U with
 * S = (G_k + conj G_{m−k})/2, U = e^{2πik/n}·(G_k − conj G_{m−k})/2.
 */
function splitPairAdjoint(
  gRe: ArrayLike<number>,
  gIm: ArrayLike<number>,
  o: number,
  pk: number,
  pj: number,
  k: number,
  c: Float64Array,
  s: Float64Array,
  m: number,
  re: Float64Array,
  im: Float64Array,
): void {
  const ar = gRe[o + k]!;
  const ai = gIm[o + k]!;
  const br = gRe[o + m - k]!;
  const bi = gIm[o + m - k]!;
  const sr = 0.5 * (ar + br);
  const si = 0.5 * (ai - bi);
  const dr = 0.5 * (ar - br);
  const di = 0.5 * (ai + bi);
  const ck = c[k]!;
  const sk = s[k]!;
  const ur = ck * dr - sk * di;
  const ui = ck * di + sk * dr;
  im[pk] = sr - ui;
  re[pk] = si + ur;
  im[pj] = sr + ui;
  re[pj] = ur - si;
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
