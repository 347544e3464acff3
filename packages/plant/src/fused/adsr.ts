/**
 * The ADSR envelope of `adsrEnvelope` fused for the fused engine: the value in one
 * forward loop over the sample times t = n·(1/fs), and in one backward loop the gradients of
 * Σ g·env with respect to attack, decay, sustain, release and note-off, with each sample's derivatives
 * recomputed on the way (no time signal, broadcast copies or Jacobian arrays are stored). The
 * parameters are read through strides, so a per-patch constant costs nothing to broadcast
 * and its gradient is summed locally. With tm = min(t, noteOff):
 * env = (clamp(tm/A, 0, 1) − (1 − S)·clamp((tm − A)/D, 0, 1)) · (1 − clamp((t − noteOff)/R, 0, 1)),
 * and a clamp passes the gradient inside and on its bounds, as tfjs's does; min(t, noteOff)
 * passes it to t on a tie, as tfjs's `minimum` does.
 *
 * @example
 * ```ts
 * const constant = (v: number) => ({ values: Float64Array.of(v), rowStride: 0, colStride: 0 });
 * adsrForward([constant(0.01), constant(0.2), constant(0.7), constant(0.3), constant(0.6)], 1, 16000, 16000, y);
 * ```
 * @module
 */
import type { GradientTargets, Strided } from './fused-loops';

/** The envelope's parameters in order: attack (s), decay (s), sustain (level), release (s), note-off (s). */
export type AdsrParameters = readonly [
  attack: Strided,
  decay: Strided,
  sustain: Strided,
  release: Strided,
  noteOff: Strided,
];

/** The envelope at time t (s) from attack a, 1/a, 1/decay, 1 − sustain and 1/release. */
function envelopeAt(
  t: number,
  off: number,
  a: number,
  ia: number,
  id: number,
  drop: number,
  ir: number,
): number {
  const tm = Math.min(t, off);
  const ramp = Math.min(1, Math.max(0, tm * ia));
  const fall = Math.min(1, Math.max(0, (tm - a) * id));
  const released = Math.min(1, Math.max(0, (t - off) * ir));
  return (ramp - drop * fall) * (1 - released);
}

/** ∂env/∂(attack, decay, sustain, release, note-off) at time t, into `out` (arguments as {@link envelopeAt}). */
function derivativesAt(
  t: number,
  off: number,
  a: number,
  ia: number,
  id: number,
  drop: number,
  ir: number,
  out: Float64Array,
): void {
  const tm = Math.min(t, off);
  const ua = tm * ia;
  const inA = ua >= 0 && ua <= 1;
  const ud = (tm - a) * id;
  const inD = ud >= 0 && ud <= 1;
  const ur = (t - off) * ir;
  const inR = ur >= 0 && ur <= 1;
  const fall = inD ? ud : ud < 0 ? 0 : 1;
  const held = (inA ? ua : ua < 0 ? 0 : 1) - drop * fall;
  const keep = 1 - (inR ? ur : ur < 0 ? 0 : 1);
  // ∂ramp/∂A = −tm/A², ∂fall/∂A = −1/D, ∂fall/∂D = −(tm − A)/D², ∂released/∂R = −(t − off)/R²
  out[0] = keep * ((inA ? -ua * ia : 0) + (inD ? drop * id : 0));
  out[1] = keep * (inD ? drop * ud * id : 0);
  out[2] = keep * fall;
  out[3] = inR ? held * ur * ir : 0;
  // after note-off (t > off; a tie goes to t) the held level moves with off: ∂tm/∂off = 1;
  // ∂released/∂off = −1/R
  const slope = t > off ? (inA ? ia : 0) - drop * (inD ? id : 0) : 0;
  out[4] = keep * slope + (inR ? held * ir : 0);
}

/** The first n in [lo, hi) where the monotone (false … false, true … true) `pred` holds; hi if none. */
function firstIndex(lo: number, hi: number, pred: (n: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Σ g[row + n] and Σ g[row + n]·(n·scale + offset) over n in [lo, hi). */
function rangeSums(
  g: Float64Array,
  row: number,
  lo: number,
  hi: number,
  scale: number,
  offset: number,
): [number, number] {
  let s0 = 0;
  let s1 = 0;
  for (let n = lo; n < hi; n++) {
    const gn = g[row + n]!;
    s0 += gn;
    s1 += gn * (n * scale + offset);
  }
  return [s0, s1];
}

/**
 * Where each clamp of one row with constant parameters starts or stops, as sample indices
 * (each the first sample past the point, found by bisection on the clamp's own condition,
 * which is monotone in t = n·dt): note-off, the attack's end, the decay's start and end, and
 * the release's end.
 */
interface Segments {
  readonly off: number;
  readonly attackEnd: number;
  readonly decayStart: number;
  readonly decayEnd: number;
  readonly releaseEnd: number;
}

function segmentsOf(
  samples: number,
  dt: number,
  off: number,
  a: number,
  ia: number,
  id: number,
  ir: number,
): Segments {
  const t = (n: number) => n * dt;
  const nOff = firstIndex(0, samples, (n) => t(n) >= off);
  const decayStart = firstIndex(0, nOff, (n) => (t(n) - a) * id >= 0);
  return {
    off: nOff,
    attackEnd: firstIndex(0, nOff, (n) => t(n) * ia > 1),
    decayStart,
    decayEnd: firstIndex(decayStart, nOff, (n) => (t(n) - a) * id > 1),
    releaseEnd: firstIndex(nOff, samples, (n) => (t(n) - off) * ir > 1),
  };
}

/** The level reached at note-off, with whether the attack and decay clamps pass there. */
function levelAtNoteOff(off: number, a: number, ia: number, id: number, drop: number) {
  const uaOff = off * ia;
  const udOff = (off - a) * id;
  const inA = uaOff >= 0 && uaOff <= 1;
  const inD = udOff >= 0 && udOff <= 1;
  const fall = inD ? udOff : udOff < 0 ? 0 : 1;
  return { uaOff, udOff, inA, inD, fall, held: (inA ? uaOff : uaOff < 0 ? 0 : 1) - drop * fall };
}

/** y[row + n] = α + β·(n·dt) for n in [lo, hi). */
function fillLine(
  y: Float64Array,
  row: number,
  lo: number,
  hi: number,
  dt: number,
  alpha: number,
  beta: number,
): void {
  for (let n = lo; n < hi; n++) y[row + n] = alpha + beta * (n * dt);
}

/**
 * One row of the envelope for constant parameters (arguments as {@link envelopeAt}): a line
 * per segment between the points where a clamp starts or stops (found by bisection on the
 * clamps' own conditions, which are monotone in t); the same values as {@link envelopeAt} to
 * rounding.
 */
function constantRowEnvelope(
  y: Float64Array,
  row: number,
  samples: number,
  dt: number,
  off: number,
  a: number,
  ia: number,
  id: number,
  drop: number,
  ir: number,
): void {
  // held (t < off): ramp = t/A until it reaches 1, fall = (t − A)/D from 0 until it reaches 1
  const {
    off: nOff,
    attackEnd: nA,
    decayStart: nD0,
    decayEnd: nD1,
    releaseEnd: nR,
  } = segmentsOf(samples, dt, off, a, ia, id, ir);
  const cuts = [0, nA, nD0, nD1, nOff].sort((p, q) => p - q);
  for (let c = 0; c + 1 < cuts.length; c++) {
    const lo = cuts[c]!;
    const hi = cuts[c + 1]!;
    if (lo >= hi) continue;
    // within [lo, hi) each clamp is a constant or its line: y = ramp − drop·fall = α + β·t
    const rampLine = lo < nA;
    const fallLine = lo >= nD0 && lo < nD1;
    const fallValue = lo < nD0 ? 0 : 1;
    const alpha = (rampLine ? 0 : 1) - drop * (fallLine ? -a * id : fallValue);
    const beta = (rampLine ? ia : 0) - drop * (fallLine ? id : 0);
    fillLine(y, row, lo, hi, dt, alpha, beta);
  }
  // released (t ≥ off): the level reached at note-off times 1 − (t − off)/R, then 0
  const { held } = levelAtNoteOff(off, a, ia, id, drop);
  fillLine(y, row, nOff, nR, dt, held * (1 + off * ir), -held * ir);
  fillLine(y, row, nR, samples, dt, 0, 0);
}

/**
 * The gradients of Σ g·env in (attack, decay, sustain, release) for one row of constant
 * parameters (arguments as {@link envelopeAt}): each sample's derivatives are linear in its
 * time within each segment, and each segment is a contiguous range (the clamps' conditions
 * are monotone in t), so two sums per segment give them — the same conditions, on the bounds
 * included, as {@link derivativesAt}.
 */
function constantRowGradients(
  g: Float64Array,
  row: number,
  samples: number,
  dt: number,
  off: number,
  a: number,
  ia: number,
  id: number,
  drop: number,
  ir: number,
): [number, number, number, number, number] {
  // held (t < off, tm = t): attack while t/A ≤ 1, decay while 0 ≤ (t − A)/D ≤ 1, then sustain
  const {
    off: nOff,
    attackEnd: nA,
    decayStart: nD0,
    decayEnd: nD1,
    releaseEnd: nR,
  } = segmentsOf(samples, dt, off, a, ia, id, ir);
  const [, attackUa] = rangeSums(g, row, 0, nA, dt * ia, 0); // Σ g·(t/A)
  const [decayG, decayUd] = rangeSums(g, row, nD0, nD1, dt * id, -a * id); // Σ g, Σ g·(t − A)/D
  const [sustainG] = rangeSums(g, row, nD1, nOff, 0, 0);
  // released (t ≥ off, tm = off): the level reached at note-off, times 1 − (t − off)/R until R
  const { uaOff, udOff, inA, inD, fall: fallOff, held: heldOff } = levelAtNoteOff(off, a, ia, id, drop);
  const [releaseG, releaseUr] = rangeSums(g, row, nOff, nR, dt * ir, -off * ir); // Σ g, Σ g·(t − off)/R
  const keep = releaseG - releaseUr; // Σ g·(1 − (t − off)/R)
  // note-off moves the held level only where t > off (a sample exactly at off keeps tm = t)
  const tie = nOff < samples && nOff * dt === off ? g[row + nOff]! : 0;
  const slope = (inA ? ia : 0) - drop * (inD ? id : 0);
  return [
    -ia * attackUa + drop * id * decayG + keep * ((inA ? -uaOff * ia : 0) + (inD ? drop * id : 0)),
    drop * id * decayUd + keep * (inD ? drop * udOff * id : 0),
    decayUd + sustainG + keep * fallOff,
    heldOff * ir * releaseUr,
    slope * (keep - tie) + heldOff * ir * releaseG,
  ];
}

/** Whether every parameter is constant along time (the row's reciprocals are then computed once). */
function constantInTime(params: AdsrParameters): boolean {
  return params.every((p) => p.colStride === 0);
}

/**
 * Writes the envelope `[batch, samples]` into `y`, at the times (firstSample + n)/fs (a block
 * of a streamed render starts past 0).
 */
export function adsrForward(
  params: AdsrParameters,
  batch: number,
  samples: number,
  sampleRate: number,
  y: Float64Array,
  firstSample = 0,
): void {
  const [attack, decay, sustain, release, noteOff] = params;
  const dt = 1 / sampleRate;
  const constant = firstSample === 0 && constantInTime(params);
  for (let b = 0; b < batch; b++) {
    const row = b * samples;
    let ia = b * attack.rowStride;
    let id = b * decay.rowStride;
    let is = b * sustain.rowStride;
    let ir = b * release.rowStride;
    let io = b * noteOff.rowStride;
    if (constant) {
      const a = attack.values[ia]!;
      const invA = 1 / a;
      const invD = 1 / decay.values[id]!;
      const drop = 1 - sustain.values[is]!;
      const invR = 1 / release.values[ir]!;
      constantRowEnvelope(y, row, samples, dt, noteOff.values[io]!, a, invA, invD, drop, invR);
      continue;
    }
    for (let n = 0; n < samples; n++) {
      const a = attack.values[ia]!;
      const d = decay.values[id]!;
      const r = release.values[ir]!;
      y[row + n] = envelopeAt(
        (firstSample + n) * dt,
        noteOff.values[io]!,
        a,
        1 / a,
        1 / d,
        1 - sustain.values[is]!,
        1 / r,
      );
      ia += attack.colStride;
      id += decay.colStride;
      is += sustain.colStride;
      ir += release.colStride;
      io += noteOff.colStride;
    }
  }
}

/**
 * Adds the gradients of Σ g·env to `grads` (attack, decay, sustain, release, note-off; each
 * undefined when not needed), through each parameter's strides.
 */
export function adsrBackward(
  g: Float64Array,
  params: AdsrParameters,
  batch: number,
  samples: number,
  sampleRate: number,
  grads: GradientTargets,
): void {
  const dt = 1 / sampleRate;
  const d = new Float64Array(5);
  const constant = constantInTime(params);
  const [attack, decay, sustain, release, noteOff] = params;
  for (let b = 0; b < batch; b++) {
    const row = b * samples;
    const at = params.map((p) => b * p.rowStride);
    if (constant) {
      const a = attack.values[at[0]!]!;
      const invA = 1 / a;
      const invD = 1 / decay.values[at[1]!]!;
      const drop = 1 - sustain.values[at[2]!]!;
      const invR = 1 / release.values[at[3]!]!;
      const sums = constantRowGradients(
        g,
        row,
        samples,
        dt,
        noteOff.values[at[4]!]!,
        a,
        invA,
        invD,
        drop,
        invR,
      );
      sums.forEach((sum, p) => {
        const grad = grads[p];
        if (grad) grad[at[p]!] = grad[at[p]!]! + sum;
      });
      continue;
    }
    for (let n = 0; n < samples; n++) {
      const a = attack.values[at[0]!]!;
      const invD = 1 / decay.values[at[1]!]!;
      derivativesAt(
        n * dt,
        noteOff.values[at[4]!]!,
        a,
        1 / a,
        invD,
        1 - sustain.values[at[2]!]!,
        1 / release.values[at[3]!]!,
        d,
      );
      for (let p = 0; p < 5; p++) {
        const grad = grads[p];
        if (grad) grad[at[p]!] = grad[at[p]!]! + g[row + n]! * d[p]!;
        at[p] = at[p]! + params[p]!.colStride;
      }
    }
  }
}
