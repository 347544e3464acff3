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
 * @example
 * ```ts
 * const fft = getRealFft(8);
 * const re = new Float64Array(5), im = new Float64Array(5);
 * fft.forward(Float64Array.of(1, 0, 0, 0, 0, 0, 0, 0), 0, null, re, im, 0); // re = all ones
 * ```
 * @module
 */

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

const H = Math.SQRT1_2;

/** One radix-4 DIT stage combining blocks of length q (block p holds A_{bitrev(p)}), in place. */
function radix4(
  re: Float64Array,
  im: Float64Array,
  m: number,
  q: number,
  tw: Float64Array,
  t0: number,
): void {
  const span = 4 * q;
  for (let k = 0; k < q; k++) {
    const w = t0 + 6 * k;
    const w1r = tw[w + 0]!;
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
      const x0r = t0r + t2r;
      const x0i = t0i + t2i;
      const x2r = t0r - t2r;
      const x2i = t0i - t2i;
      const x1r = t1r + t3i;
      const x1i = t1i - t3r;
      const x3r = t1r - t3i;
      const x3i = t1i + t3r;
      re[i0] = x0r;
      im[i0] = x0i;
      re[i1] = x1r;
      im[i1] = x1i;
      re[i2] = x2r;
      im[i2] = x2i;
      re[i3] = x3r;
      im[i3] = x3i;
    }
  }
}
/** One radix-4 decimation-in-frequency stage (the transpose of {@link radix4}): DFT4, twiddle, store to the bit-reversed blocks. */
function radix4Dif(
  re: Float64Array,
  im: Float64Array,
  m: number,
  q: number,
  tw: Float64Array,
  t0: number,
): void {
  const span = 4 * q;
  for (let k = 0; k < q; k++) {
    const w = t0 + 6 * k;
    const w1r = tw[w + 0]!;
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
      const a1r = re[i1]!;
      const a1i = im[i1]!;
      const a2r = re[i2]!;
      const a2i = im[i2]!;
      const a3r = re[i3]!;
      const a3i = im[i3]!;
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      const t3r = a1r - a3r;
      const t3i = a1i - a3i;
      const x0r = t0r + t2r;
      const x0i = t0i + t2i;
      const x2r = t0r - t2r;
      const x2i = t0i - t2i;
      const x1r = t1r + t3i;
      const x1i = t1i - t3r;
      const x3r = t1r - t3i;
      const x3i = t1i + t3r;
      re[i0] = x0r;
      im[i0] = x0i;
      re[i2] = x1r * w1r - x1i * w1i;
      im[i2] = x1r * w1i + x1i * w1r;
      re[i1] = x2r * w2r - x2i * w2i;
      im[i1] = x2r * w2i + x2i * w2r;
      re[i3] = x3r * w3r - x3i * w3i;
      im[i3] = x3r * w3i + x3i * w3r;
    }
  }
}
/** One radix-8 DIT stage combining blocks of length q (block p holds A_{bitrev(p)}), in place. */
function radix8(
  re: Float64Array,
  im: Float64Array,
  m: number,
  q: number,
  tw: Float64Array,
  t0: number,
): void {
  const span = 8 * q;
  for (let k = 0; k < q; k++) {
    const w = t0 + 14 * k;
    const w1r = tw[w + 0]!;
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
      const o1r = H * (pr + pi);
      const o1i = H * (pi - pr);
      pr = t1r - t3i;
      pi = t1i + t3r;
      // O3·W8³, W8³ = (−1 − i)/√2
      const o3r = H * (pi - pr);
      const o3i = -H * (pr + pi);
      const x0r = e0r + o0r;
      const x0i = e0i + o0i;
      const x4r = e0r - o0r;
      const x4i = e0i - o0i;
      const x1r = e1r + o1r;
      const x1i = e1i + o1i;
      const x5r = e1r - o1r;
      const x5i = e1i - o1i;
      const x2r = e2r + o2r;
      const x2i = e2i + o2i;
      const x6r = e2r - o2r;
      const x6i = e2i - o2i;
      const x3r = e3r + o3r;
      const x3i = e3i + o3i;
      const x7r = e3r - o3r;
      const x7i = e3i - o3i;
      re[i0] = x0r;
      im[i0] = x0i;
      re[i1] = x1r;
      im[i1] = x1i;
      re[i2] = x2r;
      im[i2] = x2i;
      re[i3] = x3r;
      im[i3] = x3i;
      re[i4] = x4r;
      im[i4] = x4i;
      re[i5] = x5r;
      im[i5] = x5i;
      re[i6] = x6r;
      im[i6] = x6i;
      re[i7] = x7r;
      im[i7] = x7i;
    }
  }
}
/** One radix-8 decimation-in-frequency stage (the transpose of {@link radix8}): DFT8, twiddle, store to the bit-reversed blocks. */
function radix8Dif(
  re: Float64Array,
  im: Float64Array,
  m: number,
  q: number,
  tw: Float64Array,
  t0: number,
): void {
  const span = 8 * q;
  for (let k = 0; k < q; k++) {
    const w = t0 + 14 * k;
    const w1r = tw[w + 0]!;
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
      const a1r = re[i1]!;
      const a1i = im[i1]!;
      const a2r = re[i2]!;
      const a2i = im[i2]!;
      const a3r = re[i3]!;
      const a3i = im[i3]!;
      const a4r = re[i4]!;
      const a4i = im[i4]!;
      const a5r = re[i5]!;
      const a5i = im[i5]!;
      const a6r = re[i6]!;
      const a6i = im[i6]!;
      const a7r = re[i7]!;
      const a7i = im[i7]!;
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
      const o1r = H * (pr + pi);
      const o1i = H * (pi - pr);
      pr = t1r - t3i;
      pi = t1i + t3r;
      // O3·W8³, W8³ = (−1 − i)/√2
      const o3r = H * (pi - pr);
      const o3i = -H * (pr + pi);
      const x0r = e0r + o0r;
      const x0i = e0i + o0i;
      const x4r = e0r - o0r;
      const x4i = e0i - o0i;
      const x1r = e1r + o1r;
      const x1i = e1i + o1i;
      const x5r = e1r - o1r;
      const x5i = e1i - o1i;
      const x2r = e2r + o2r;
      const x2i = e2i + o2i;
      const x6r = e2r - o2r;
      const x6i = e2i - o2i;
      const x3r = e3r + o3r;
      const x3i = e3i + o3i;
      const x7r = e3r - o3r;
      const x7i = e3i - o3i;
      re[i0] = x0r;
      im[i0] = x0i;
      re[i4] = x1r * w1r - x1i * w1i;
      im[i4] = x1r * w1i + x1i * w1r;
      re[i2] = x2r * w2r - x2i * w2i;
      im[i2] = x2r * w2i + x2i * w2r;
      re[i6] = x3r * w3r - x3i * w3i;
      im[i6] = x3r * w3i + x3i * w3r;
      re[i1] = x4r * w4r - x4i * w4i;
      im[i1] = x4r * w4i + x4i * w4r;
      re[i5] = x5r * w5r - x5i * w5i;
      im[i5] = x5r * w5i + x5i * w5r;
      re[i3] = x6r * w6r - x6i * w6i;
      im[i3] = x6r * w6i + x6i * w6r;
      re[i7] = x7r * w7r - x7i * w7i;
      im[i7] = x7r * w7i + x7i * w7r;
    }
  }
}

/** In place, a twiddle-free radix-2 DFT of the 2 consecutive points from index i. */
function dft2At(re: Float64Array, im: Float64Array, i: number): void {
  {
    const a0r = re[i + 0]!;
    const a0i = im[i + 0]!;
    const a1r = re[i + 1]!;
    const a1i = im[i + 1]!;
    const x0r = a0r + a1r;
    const x0i = a0i + a1i;
    const x1r = a0r - a1r;
    const x1i = a0i - a1i;
    re[i + 0] = x0r;
    im[i + 0] = x0i;
    re[i + 1] = x1r;
    im[i + 1] = x1i;
  }
}

/** In place, a twiddle-free radix-4 DFT of the 4 consecutive points from index i. */
function dft4At(re: Float64Array, im: Float64Array, i: number): void {
  {
    const a0r = re[i + 0]!;
    const a0i = im[i + 0]!;
    const a1r = re[i + 1]!;
    const a1i = im[i + 1]!;
    const a2r = re[i + 2]!;
    const a2i = im[i + 2]!;
    const a3r = re[i + 3]!;
    const a3i = im[i + 3]!;
    const t0r = a0r + a2r;
    const t0i = a0i + a2i;
    const t1r = a0r - a2r;
    const t1i = a0i - a2i;
    const t2r = a1r + a3r;
    const t2i = a1i + a3i;
    const t3r = a1r - a3r;
    const t3i = a1i - a3i;
    const x0r = t0r + t2r;
    const x0i = t0i + t2i;
    const x2r = t0r - t2r;
    const x2i = t0i - t2i;
    const x1r = t1r + t3i;
    const x1i = t1i - t3r;
    const x3r = t1r - t3i;
    const x3i = t1i + t3r;
    re[i + 0] = x0r;
    im[i + 0] = x0i;
    re[i + 1] = x1r;
    im[i + 1] = x1i;
    re[i + 2] = x2r;
    im[i + 2] = x2i;
    re[i + 3] = x3r;
    im[i + 3] = x3i;
  }
}

/** In place, a twiddle-free radix-8 DFT of the 8 consecutive points from index i. */
function dft8At(re: Float64Array, im: Float64Array, i: number): void {
  {
    const a0r = re[i + 0]!;
    const a0i = im[i + 0]!;
    const a1r = re[i + 1]!;
    const a1i = im[i + 1]!;
    const a2r = re[i + 2]!;
    const a2i = im[i + 2]!;
    const a3r = re[i + 3]!;
    const a3i = im[i + 3]!;
    const a4r = re[i + 4]!;
    const a4i = im[i + 4]!;
    const a5r = re[i + 5]!;
    const a5i = im[i + 5]!;
    const a6r = re[i + 6]!;
    const a6i = im[i + 6]!;
    const a7r = re[i + 7]!;
    const a7i = im[i + 7]!;
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
    const o1r = H * (pr + pi);
    const o1i = H * (pi - pr);
    pr = t1r - t3i;
    pi = t1i + t3r;
    // O3·W8³, W8³ = (−1 − i)/√2
    const o3r = H * (pi - pr);
    const o3i = -H * (pr + pi);
    const x0r = e0r + o0r;
    const x0i = e0i + o0i;
    const x4r = e0r - o0r;
    const x4i = e0i - o0i;
    const x1r = e1r + o1r;
    const x1i = e1i + o1i;
    const x5r = e1r - o1r;
    const x5i = e1i - o1i;
    const x2r = e2r + o2r;
    const x2i = e2i + o2i;
    const x6r = e2r - o2r;
    const x6i = e2i - o2i;
    const x3r = e3r + o3r;
    const x3i = e3i + o3i;
    const x7r = e3r - o3r;
    const x7i = e3i - o3i;
    re[i + 0] = x0r;
    im[i + 0] = x0i;
    re[i + 1] = x1r;
    im[i + 1] = x1i;
    re[i + 2] = x2r;
    im[i + 2] = x2i;
    re[i + 3] = x3r;
    im[i + 3] = x3i;
    re[i + 4] = x4r;
    im[i + 4] = x4i;
    re[i + 5] = x5r;
    im[i + 5] = x5i;
    re[i + 6] = x6r;
    im[i + 6] = x6i;
    re[i + 7] = x7r;
    im[i + 7] = x7i;
  }
}

/**
 * First forward pass: the windowed samples as complex points z_p = w[2p]·x[2p] + i·w[2p+1]·x[2p+1]
 * in natural order (four sequential streams), each radix-4 decimation-in-frequency butterfly
 * k < q = m/4 (DFT4 of z_{k + s·q}, then twiddles W^{jk}, outputs to the bit-reversed blocks).
 */
function windowDif4(
  src: ArrayLike<number>,
  o: number,
  w: ArrayLike<number>,
  re: Float64Array,
  im: Float64Array,
  q: number,
  tw: Float64Array,
  t0: number,
): void {
  for (let k = 0; k < q; k++) {
    const w1r = tw[t0 + 2 * k]!;
    const w1i = tw[t0 + 2 * k + 1]!;
    const w2r = w1r * w1r - w1i * w1i;
    const w2i = 2 * w1r * w1i;
    const w3r = w2r * w1r - w2i * w1i;
    const w3i = w2r * w1i + w2i * w1r;
    const i0 = k;
    const i1 = i0 + q;
    const i2 = i1 + q;
    const i3 = i2 + q;
    const a0r = src[o + 2 * i0]! * w[2 * i0]!;
    const a0i = src[o + 2 * i0 + 1]! * w[2 * i0 + 1]!;
    const a1r = src[o + 2 * i1]! * w[2 * i1]!;
    const a1i = src[o + 2 * i1 + 1]! * w[2 * i1 + 1]!;
    const a2r = src[o + 2 * i2]! * w[2 * i2]!;
    const a2i = src[o + 2 * i2 + 1]! * w[2 * i2 + 1]!;
    const a3r = src[o + 2 * i3]! * w[2 * i3]!;
    const a3i = src[o + 2 * i3 + 1]! * w[2 * i3 + 1]!;
    const t0r = a0r + a2r;
    const t0i = a0i + a2i;
    const t1r = a0r - a2r;
    const t1i = a0i - a2i;
    const t2r = a1r + a3r;
    const t2i = a1i + a3i;
    const t3r = a1r - a3r;
    const t3i = a1i - a3i;
    const x0r = t0r + t2r;
    const x0i = t0i + t2i;
    const x2r = t0r - t2r;
    const x2i = t0i - t2i;
    const x1r = t1r + t3i;
    const x1i = t1i - t3r;
    const x3r = t1r - t3i;
    const x3i = t1i + t3r;
    re[i0] = x0r;
    im[i0] = x0i;
    re[i2] = x1r * w1r - x1i * w1i;
    im[i2] = x1r * w1i + x1i * w1r;
    re[i1] = x2r * w2r - x2i * w2i;
    im[i1] = x2r * w2i + x2i * w2r;
    re[i3] = x3r * w3r - x3i * w3i;
    im[i3] = x3r * w3i + x3i * w3r;
  }
}

/**
 * Last adjoint pass, the transpose of {@link windowDif4} on the re/im-swapped workspace: each
 * radix-4 DIT butterfly k < q = m/4, its outputs un-swapped, windowed and added to out at the
 * samples of points k + s·q (four sequential streams).
 */
function ditWindowAdd4(
  re: Float64Array,
  im: Float64Array,
  q: number,
  tw: Float64Array,
  t0: number,
  w: ArrayLike<number>,
  out: Float64Array,
  o: number,
): void {
  for (let k = 0; k < q; k++) {
    const w1r = tw[t0 + 2 * k]!;
    const w1i = tw[t0 + 2 * k + 1]!;
    const w2r = w1r * w1r - w1i * w1i;
    const w2i = 2 * w1r * w1i;
    const w3r = w2r * w1r - w2i * w1i;
    const w3i = w2r * w1i + w2i * w1r;
    const i0 = k;
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
    const x0r = t0r + t2r;
    const x0i = t0i + t2i;
    const x2r = t0r - t2r;
    const x2i = t0i - t2i;
    const x1r = t1r + t3i;
    const x1i = t1i - t3r;
    const x3r = t1r - t3i;
    const x3i = t1i + t3r;
    const s0 = o + 2 * i0;
    out[s0] = out[s0]! + x0i * w[2 * i0]!;
    out[s0 + 1] = out[s0 + 1]! + x0r * w[2 * i0 + 1]!;
    const s1 = o + 2 * i1;
    out[s1] = out[s1]! + x1i * w[2 * i1]!;
    out[s1 + 1] = out[s1 + 1]! + x1r * w[2 * i1 + 1]!;
    const s2 = o + 2 * i2;
    out[s2] = out[s2]! + x2i * w[2 * i2]!;
    out[s2 + 1] = out[s2 + 1]! + x2r * w[2 * i2 + 1]!;
    const s3 = o + 2 * i3;
    out[s3] = out[s3]! + x3i * w[2 * i3]!;
    out[s3 + 1] = out[s3 + 1]! + x3r * w[2 * i3 + 1]!;
  }
}

/**
 * The forward's groups of 8 (radix-8 DFT of each 8 consecutive points) fused with the split
 * step, in registers: for group bases P = 1..m/16 − 1 the groups holding points P + j·m/8 and
 * m/8 − P + j·m/8 are transformed and every bin pair (P + j·m/8, m − P − j·m/8) between them is
 * split and written at once.
 */
function groups8AndSplit(
  re: Float64Array,
  im: Float64Array,
  rev: Int32Array,
  m: number,
  c: Float64Array,
  s: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
  o: number,
): void {
  const groups = m >> 3;
  const h = groups >> 1;
  for (let base = 1; base < h; base++) {
    const p = rev[base]! * 8;
    const p2 = rev[groups - base]! * 8;
    const a0rA = re[p + 0]!;
    const a0iA = im[p + 0]!;
    const a1rA = re[p + 1]!;
    const a1iA = im[p + 1]!;
    const a2rA = re[p + 2]!;
    const a2iA = im[p + 2]!;
    const a3rA = re[p + 3]!;
    const a3iA = im[p + 3]!;
    const a4rA = re[p + 4]!;
    const a4iA = im[p + 4]!;
    const a5rA = re[p + 5]!;
    const a5iA = im[p + 5]!;
    const a6rA = re[p + 6]!;
    const a6iA = im[p + 6]!;
    const a7rA = re[p + 7]!;
    const a7iA = im[p + 7]!;
    let t0rA = a0rA + a4rA;
    let t0iA = a0iA + a4iA;
    let t1rA = a0rA - a4rA;
    let t1iA = a0iA - a4iA;
    let t2rA = a2rA + a6rA;
    let t2iA = a2iA + a6iA;
    let t3rA = a2rA - a6rA;
    let t3iA = a2iA - a6iA;
    const e0rA = t0rA + t2rA;
    const e0iA = t0iA + t2iA;
    const e2rA = t0rA - t2rA;
    const e2iA = t0iA - t2iA;
    const e1rA = t1rA + t3iA;
    const e1iA = t1iA - t3rA;
    const e3rA = t1rA - t3iA;
    const e3iA = t1iA + t3rA;
    t0rA = a1rA + a5rA;
    t0iA = a1iA + a5iA;
    t1rA = a1rA - a5rA;
    t1iA = a1iA - a5iA;
    t2rA = a3rA + a7rA;
    t2iA = a3iA + a7iA;
    t3rA = a3rA - a7rA;
    t3iA = a3iA - a7iA;
    const o0rA = t0rA + t2rA;
    const o0iA = t0iA + t2iA;
    // O2·(−i)
    const o2rA = t0iA - t2iA;
    const o2iA = t2rA - t0rA;
    let prA = t1rA + t3iA;
    let piA = t1iA - t3rA;
    // O1·W8, W8 = (1 − i)/√2
    const o1rA = H * (prA + piA);
    const o1iA = H * (piA - prA);
    prA = t1rA - t3iA;
    piA = t1iA + t3rA;
    // O3·W8³, W8³ = (−1 − i)/√2
    const o3rA = H * (piA - prA);
    const o3iA = -H * (prA + piA);
    const x0rA = e0rA + o0rA;
    const x0iA = e0iA + o0iA;
    const x4rA = e0rA - o0rA;
    const x4iA = e0iA - o0iA;
    const x1rA = e1rA + o1rA;
    const x1iA = e1iA + o1iA;
    const x5rA = e1rA - o1rA;
    const x5iA = e1iA - o1iA;
    const x2rA = e2rA + o2rA;
    const x2iA = e2iA + o2iA;
    const x6rA = e2rA - o2rA;
    const x6iA = e2iA - o2iA;
    const x3rA = e3rA + o3rA;
    const x3iA = e3iA + o3iA;
    const x7rA = e3rA - o3rA;
    const x7iA = e3iA - o3iA;
    const a0rB = re[p2 + 0]!;
    const a0iB = im[p2 + 0]!;
    const a1rB = re[p2 + 1]!;
    const a1iB = im[p2 + 1]!;
    const a2rB = re[p2 + 2]!;
    const a2iB = im[p2 + 2]!;
    const a3rB = re[p2 + 3]!;
    const a3iB = im[p2 + 3]!;
    const a4rB = re[p2 + 4]!;
    const a4iB = im[p2 + 4]!;
    const a5rB = re[p2 + 5]!;
    const a5iB = im[p2 + 5]!;
    const a6rB = re[p2 + 6]!;
    const a6iB = im[p2 + 6]!;
    const a7rB = re[p2 + 7]!;
    const a7iB = im[p2 + 7]!;
    let t0rB = a0rB + a4rB;
    let t0iB = a0iB + a4iB;
    let t1rB = a0rB - a4rB;
    let t1iB = a0iB - a4iB;
    let t2rB = a2rB + a6rB;
    let t2iB = a2iB + a6iB;
    let t3rB = a2rB - a6rB;
    let t3iB = a2iB - a6iB;
    const e0rB = t0rB + t2rB;
    const e0iB = t0iB + t2iB;
    const e2rB = t0rB - t2rB;
    const e2iB = t0iB - t2iB;
    const e1rB = t1rB + t3iB;
    const e1iB = t1iB - t3rB;
    const e3rB = t1rB - t3iB;
    const e3iB = t1iB + t3rB;
    t0rB = a1rB + a5rB;
    t0iB = a1iB + a5iB;
    t1rB = a1rB - a5rB;
    t1iB = a1iB - a5iB;
    t2rB = a3rB + a7rB;
    t2iB = a3iB + a7iB;
    t3rB = a3rB - a7rB;
    t3iB = a3iB - a7iB;
    const o0rB = t0rB + t2rB;
    const o0iB = t0iB + t2iB;
    // O2·(−i)
    const o2rB = t0iB - t2iB;
    const o2iB = t2rB - t0rB;
    let prB = t1rB + t3iB;
    let piB = t1iB - t3rB;
    // O1·W8, W8 = (1 − i)/√2
    const o1rB = H * (prB + piB);
    const o1iB = H * (piB - prB);
    prB = t1rB - t3iB;
    piB = t1iB + t3rB;
    // O3·W8³, W8³ = (−1 − i)/√2
    const o3rB = H * (piB - prB);
    const o3iB = -H * (prB + piB);
    const x0rB = e0rB + o0rB;
    const x0iB = e0iB + o0iB;
    const x4rB = e0rB - o0rB;
    const x4iB = e0iB - o0iB;
    const x1rB = e1rB + o1rB;
    const x1iB = e1iB + o1iB;
    const x5rB = e1rB - o1rB;
    const x5iB = e1iB - o1iB;
    const x2rB = e2rB + o2rB;
    const x2iB = e2iB + o2iB;
    const x6rB = e2rB - o2rB;
    const x6iB = e2iB - o2iB;
    const x3rB = e3rB + o3rB;
    const x3iB = e3iB + o3iB;
    const x7rB = e3rB - o3rB;
    const x7iB = e3iB - o3iB;
    {
      const k = o + base + 0 * groups;
      const l = o + m - base - 0 * groups;
      const er = 0.5 * (x0rA + x7rB);
      const ei = 0.5 * (x0iA - x7iB);
      const or = 0.5 * (x0iA + x7iB);
      const oi = -0.5 * (x0rA - x7rB);
      const ck = c[base + 0 * groups]!;
      const sk = s[base + 0 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 1 * groups;
      const l = o + m - base - 1 * groups;
      const er = 0.5 * (x1rA + x6rB);
      const ei = 0.5 * (x1iA - x6iB);
      const or = 0.5 * (x1iA + x6iB);
      const oi = -0.5 * (x1rA - x6rB);
      const ck = c[base + 1 * groups]!;
      const sk = s[base + 1 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 2 * groups;
      const l = o + m - base - 2 * groups;
      const er = 0.5 * (x2rA + x5rB);
      const ei = 0.5 * (x2iA - x5iB);
      const or = 0.5 * (x2iA + x5iB);
      const oi = -0.5 * (x2rA - x5rB);
      const ck = c[base + 2 * groups]!;
      const sk = s[base + 2 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 3 * groups;
      const l = o + m - base - 3 * groups;
      const er = 0.5 * (x3rA + x4rB);
      const ei = 0.5 * (x3iA - x4iB);
      const or = 0.5 * (x3iA + x4iB);
      const oi = -0.5 * (x3rA - x4rB);
      const ck = c[base + 3 * groups]!;
      const sk = s[base + 3 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 4 * groups;
      const l = o + m - base - 4 * groups;
      const er = 0.5 * (x4rA + x3rB);
      const ei = 0.5 * (x4iA - x3iB);
      const or = 0.5 * (x4iA + x3iB);
      const oi = -0.5 * (x4rA - x3rB);
      const ck = c[base + 4 * groups]!;
      const sk = s[base + 4 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 5 * groups;
      const l = o + m - base - 5 * groups;
      const er = 0.5 * (x5rA + x2rB);
      const ei = 0.5 * (x5iA - x2iB);
      const or = 0.5 * (x5iA + x2iB);
      const oi = -0.5 * (x5rA - x2rB);
      const ck = c[base + 5 * groups]!;
      const sk = s[base + 5 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 6 * groups;
      const l = o + m - base - 6 * groups;
      const er = 0.5 * (x6rA + x1rB);
      const ei = 0.5 * (x6iA - x1iB);
      const or = 0.5 * (x6iA + x1iB);
      const oi = -0.5 * (x6rA - x1rB);
      const ck = c[base + 6 * groups]!;
      const sk = s[base + 6 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
    {
      const k = o + base + 7 * groups;
      const l = o + m - base - 7 * groups;
      const er = 0.5 * (x7rA + x0rB);
      const ei = 0.5 * (x7iA - x0iB);
      const or = 0.5 * (x7iA + x0iB);
      const oi = -0.5 * (x7rA - x0rB);
      const ck = c[base + 7 * groups]!;
      const sk = s[base + 7 * groups]!;
      const tr = ck * or + sk * oi;
      const ti = ck * oi - sk * or;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[l] = er - tr;
      outIm[l] = ti - ei;
    }
  }
}

/**
 * Transpose of {@link groups8AndSplit} into the re/im-swapped workspace: per pair of group bases
 * the split's transpose of the 8 bin pairs, then both groups' radix-8 DFTs, in registers.
 */
function splitAdjointAndGroups8(
  gRe: ArrayLike<number>,
  gIm: ArrayLike<number>,
  o: number,
  rev: Int32Array,
  m: number,
  c: Float64Array,
  s: Float64Array,
  re: Float64Array,
  im: Float64Array,
): void {
  const groups = m >> 3;
  const h = groups >> 1;
  for (let base = 1; base < h; base++) {
    const p = rev[base]! * 8;
    const p2 = rev[groups - base]! * 8;
    const k0 = o + base + 0 * groups;
    const l0 = o + m - base - 0 * groups;
    const ar0 = gRe[k0]!;
    const ai0 = gIm[k0]!;
    const br0 = gRe[l0]!;
    const bi0 = gIm[l0]!;
    const sr0 = 0.5 * (ar0 + br0);
    const si0 = 0.5 * (ai0 - bi0);
    const dr0 = 0.5 * (ar0 - br0);
    const di0 = 0.5 * (ai0 + bi0);
    const ck0 = c[base + 0 * groups]!;
    const sk0 = s[base + 0 * groups]!;
    const ur0 = ck0 * dr0 - sk0 * di0;
    const ui0 = ck0 * di0 + sk0 * dr0;
    const a0rA = si0 + ur0;
    const a0iA = sr0 - ui0;
    const a7rB = ur0 - si0;
    const a7iB = sr0 + ui0;
    const k1 = o + base + 1 * groups;
    const l1 = o + m - base - 1 * groups;
    const ar1 = gRe[k1]!;
    const ai1 = gIm[k1]!;
    const br1 = gRe[l1]!;
    const bi1 = gIm[l1]!;
    const sr1 = 0.5 * (ar1 + br1);
    const si1 = 0.5 * (ai1 - bi1);
    const dr1 = 0.5 * (ar1 - br1);
    const di1 = 0.5 * (ai1 + bi1);
    const ck1 = c[base + 1 * groups]!;
    const sk1 = s[base + 1 * groups]!;
    const ur1 = ck1 * dr1 - sk1 * di1;
    const ui1 = ck1 * di1 + sk1 * dr1;
    const a1rA = si1 + ur1;
    const a1iA = sr1 - ui1;
    const a6rB = ur1 - si1;
    const a6iB = sr1 + ui1;
    const k2 = o + base + 2 * groups;
    const l2 = o + m - base - 2 * groups;
    const ar2 = gRe[k2]!;
    const ai2 = gIm[k2]!;
    const br2 = gRe[l2]!;
    const bi2 = gIm[l2]!;
    const sr2 = 0.5 * (ar2 + br2);
    const si2 = 0.5 * (ai2 - bi2);
    const dr2 = 0.5 * (ar2 - br2);
    const di2 = 0.5 * (ai2 + bi2);
    const ck2 = c[base + 2 * groups]!;
    const sk2 = s[base + 2 * groups]!;
    const ur2 = ck2 * dr2 - sk2 * di2;
    const ui2 = ck2 * di2 + sk2 * dr2;
    const a2rA = si2 + ur2;
    const a2iA = sr2 - ui2;
    const a5rB = ur2 - si2;
    const a5iB = sr2 + ui2;
    const k3 = o + base + 3 * groups;
    const l3 = o + m - base - 3 * groups;
    const ar3 = gRe[k3]!;
    const ai3 = gIm[k3]!;
    const br3 = gRe[l3]!;
    const bi3 = gIm[l3]!;
    const sr3 = 0.5 * (ar3 + br3);
    const si3 = 0.5 * (ai3 - bi3);
    const dr3 = 0.5 * (ar3 - br3);
    const di3 = 0.5 * (ai3 + bi3);
    const ck3 = c[base + 3 * groups]!;
    const sk3 = s[base + 3 * groups]!;
    const ur3 = ck3 * dr3 - sk3 * di3;
    const ui3 = ck3 * di3 + sk3 * dr3;
    const a3rA = si3 + ur3;
    const a3iA = sr3 - ui3;
    const a4rB = ur3 - si3;
    const a4iB = sr3 + ui3;
    const k4 = o + base + 4 * groups;
    const l4 = o + m - base - 4 * groups;
    const ar4 = gRe[k4]!;
    const ai4 = gIm[k4]!;
    const br4 = gRe[l4]!;
    const bi4 = gIm[l4]!;
    const sr4 = 0.5 * (ar4 + br4);
    const si4 = 0.5 * (ai4 - bi4);
    const dr4 = 0.5 * (ar4 - br4);
    const di4 = 0.5 * (ai4 + bi4);
    const ck4 = c[base + 4 * groups]!;
    const sk4 = s[base + 4 * groups]!;
    const ur4 = ck4 * dr4 - sk4 * di4;
    const ui4 = ck4 * di4 + sk4 * dr4;
    const a4rA = si4 + ur4;
    const a4iA = sr4 - ui4;
    const a3rB = ur4 - si4;
    const a3iB = sr4 + ui4;
    const k5 = o + base + 5 * groups;
    const l5 = o + m - base - 5 * groups;
    const ar5 = gRe[k5]!;
    const ai5 = gIm[k5]!;
    const br5 = gRe[l5]!;
    const bi5 = gIm[l5]!;
    const sr5 = 0.5 * (ar5 + br5);
    const si5 = 0.5 * (ai5 - bi5);
    const dr5 = 0.5 * (ar5 - br5);
    const di5 = 0.5 * (ai5 + bi5);
    const ck5 = c[base + 5 * groups]!;
    const sk5 = s[base + 5 * groups]!;
    const ur5 = ck5 * dr5 - sk5 * di5;
    const ui5 = ck5 * di5 + sk5 * dr5;
    const a5rA = si5 + ur5;
    const a5iA = sr5 - ui5;
    const a2rB = ur5 - si5;
    const a2iB = sr5 + ui5;
    const k6 = o + base + 6 * groups;
    const l6 = o + m - base - 6 * groups;
    const ar6 = gRe[k6]!;
    const ai6 = gIm[k6]!;
    const br6 = gRe[l6]!;
    const bi6 = gIm[l6]!;
    const sr6 = 0.5 * (ar6 + br6);
    const si6 = 0.5 * (ai6 - bi6);
    const dr6 = 0.5 * (ar6 - br6);
    const di6 = 0.5 * (ai6 + bi6);
    const ck6 = c[base + 6 * groups]!;
    const sk6 = s[base + 6 * groups]!;
    const ur6 = ck6 * dr6 - sk6 * di6;
    const ui6 = ck6 * di6 + sk6 * dr6;
    const a6rA = si6 + ur6;
    const a6iA = sr6 - ui6;
    const a1rB = ur6 - si6;
    const a1iB = sr6 + ui6;
    const k7 = o + base + 7 * groups;
    const l7 = o + m - base - 7 * groups;
    const ar7 = gRe[k7]!;
    const ai7 = gIm[k7]!;
    const br7 = gRe[l7]!;
    const bi7 = gIm[l7]!;
    const sr7 = 0.5 * (ar7 + br7);
    const si7 = 0.5 * (ai7 - bi7);
    const dr7 = 0.5 * (ar7 - br7);
    const di7 = 0.5 * (ai7 + bi7);
    const ck7 = c[base + 7 * groups]!;
    const sk7 = s[base + 7 * groups]!;
    const ur7 = ck7 * dr7 - sk7 * di7;
    const ui7 = ck7 * di7 + sk7 * dr7;
    const a7rA = si7 + ur7;
    const a7iA = sr7 - ui7;
    const a0rB = ur7 - si7;
    const a0iB = sr7 + ui7;
    let t0rA = a0rA + a4rA;
    let t0iA = a0iA + a4iA;
    let t1rA = a0rA - a4rA;
    let t1iA = a0iA - a4iA;
    let t2rA = a2rA + a6rA;
    let t2iA = a2iA + a6iA;
    let t3rA = a2rA - a6rA;
    let t3iA = a2iA - a6iA;
    const e0rA = t0rA + t2rA;
    const e0iA = t0iA + t2iA;
    const e2rA = t0rA - t2rA;
    const e2iA = t0iA - t2iA;
    const e1rA = t1rA + t3iA;
    const e1iA = t1iA - t3rA;
    const e3rA = t1rA - t3iA;
    const e3iA = t1iA + t3rA;
    t0rA = a1rA + a5rA;
    t0iA = a1iA + a5iA;
    t1rA = a1rA - a5rA;
    t1iA = a1iA - a5iA;
    t2rA = a3rA + a7rA;
    t2iA = a3iA + a7iA;
    t3rA = a3rA - a7rA;
    t3iA = a3iA - a7iA;
    const o0rA = t0rA + t2rA;
    const o0iA = t0iA + t2iA;
    // O2·(−i)
    const o2rA = t0iA - t2iA;
    const o2iA = t2rA - t0rA;
    let prA = t1rA + t3iA;
    let piA = t1iA - t3rA;
    // O1·W8, W8 = (1 − i)/√2
    const o1rA = H * (prA + piA);
    const o1iA = H * (piA - prA);
    prA = t1rA - t3iA;
    piA = t1iA + t3rA;
    // O3·W8³, W8³ = (−1 − i)/√2
    const o3rA = H * (piA - prA);
    const o3iA = -H * (prA + piA);
    const x0rA = e0rA + o0rA;
    const x0iA = e0iA + o0iA;
    const x4rA = e0rA - o0rA;
    const x4iA = e0iA - o0iA;
    const x1rA = e1rA + o1rA;
    const x1iA = e1iA + o1iA;
    const x5rA = e1rA - o1rA;
    const x5iA = e1iA - o1iA;
    const x2rA = e2rA + o2rA;
    const x2iA = e2iA + o2iA;
    const x6rA = e2rA - o2rA;
    const x6iA = e2iA - o2iA;
    const x3rA = e3rA + o3rA;
    const x3iA = e3iA + o3iA;
    const x7rA = e3rA - o3rA;
    const x7iA = e3iA - o3iA;
    re[p + 0] = x0rA;
    im[p + 0] = x0iA;
    re[p + 1] = x1rA;
    im[p + 1] = x1iA;
    re[p + 2] = x2rA;
    im[p + 2] = x2iA;
    re[p + 3] = x3rA;
    im[p + 3] = x3iA;
    re[p + 4] = x4rA;
    im[p + 4] = x4iA;
    re[p + 5] = x5rA;
    im[p + 5] = x5iA;
    re[p + 6] = x6rA;
    im[p + 6] = x6iA;
    re[p + 7] = x7rA;
    im[p + 7] = x7iA;
    let t0rB = a0rB + a4rB;
    let t0iB = a0iB + a4iB;
    let t1rB = a0rB - a4rB;
    let t1iB = a0iB - a4iB;
    let t2rB = a2rB + a6rB;
    let t2iB = a2iB + a6iB;
    let t3rB = a2rB - a6rB;
    let t3iB = a2iB - a6iB;
    const e0rB = t0rB + t2rB;
    const e0iB = t0iB + t2iB;
    const e2rB = t0rB - t2rB;
    const e2iB = t0iB - t2iB;
    const e1rB = t1rB + t3iB;
    const e1iB = t1iB - t3rB;
    const e3rB = t1rB - t3iB;
    const e3iB = t1iB + t3rB;
    t0rB = a1rB + a5rB;
    t0iB = a1iB + a5iB;
    t1rB = a1rB - a5rB;
    t1iB = a1iB - a5iB;
    t2rB = a3rB + a7rB;
    t2iB = a3iB + a7iB;
    t3rB = a3rB - a7rB;
    t3iB = a3iB - a7iB;
    const o0rB = t0rB + t2rB;
    const o0iB = t0iB + t2iB;
    // O2·(−i)
    const o2rB = t0iB - t2iB;
    const o2iB = t2rB - t0rB;
    let prB = t1rB + t3iB;
    let piB = t1iB - t3rB;
    // O1·W8, W8 = (1 − i)/√2
    const o1rB = H * (prB + piB);
    const o1iB = H * (piB - prB);
    prB = t1rB - t3iB;
    piB = t1iB + t3rB;
    // O3·W8³, W8³ = (−1 − i)/√2
    const o3rB = H * (piB - prB);
    const o3iB = -H * (prB + piB);
    const x0rB = e0rB + o0rB;
    const x0iB = e0iB + o0iB;
    const x4rB = e0rB - o0rB;
    const x4iB = e0iB - o0iB;
    const x1rB = e1rB + o1rB;
    const x1iB = e1iB + o1iB;
    const x5rB = e1rB - o1rB;
    const x5iB = e1iB - o1iB;
    const x2rB = e2rB + o2rB;
    const x2iB = e2iB + o2iB;
    const x6rB = e2rB - o2rB;
    const x6iB = e2iB - o2iB;
    const x3rB = e3rB + o3rB;
    const x3iB = e3iB + o3iB;
    const x7rB = e3rB - o3rB;
    const x7iB = e3iB - o3iB;
    re[p2 + 0] = x0rB;
    im[p2 + 0] = x0iB;
    re[p2 + 1] = x1rB;
    im[p2 + 1] = x1iB;
    re[p2 + 2] = x2rB;
    im[p2 + 2] = x2iB;
    re[p2 + 3] = x3rB;
    im[p2 + 3] = x3iB;
    re[p2 + 4] = x4rB;
    im[p2 + 4] = x4iB;
    re[p2 + 5] = x5rB;
    im[p2 + 5] = x5iB;
    re[p2 + 6] = x6rB;
    im[p2 + 6] = x6iB;
    re[p2 + 7] = x7rB;
    im[p2 + 7] = x7iB;
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
