/**
 * Tight loops of the fused engine's element-wise operations: one loop per operation (no
 * per-element closures or switches), over broadcast strides, forward and backward.
 *
 * @example
 * ```ts
 * const out = new Float64Array(4);
 * binaryForward('mul', { values: a, rowStride: 4, colStride: 1 }, { values: b, rowStride: 0, colStride: 0 }, 1, 4, out);
 * ```
 * @module
 */

/** Binary operations of the fused engine. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'min' | 'max';

/** Unary operations of the fused engine (`pow` takes an exponent, `clamp` bounds). */
export type UnaryOp = 'sin' | 'cos' | 'tan' | 'tanh' | 'exp' | 'log' | 'abs' | 'pow' | 'clamp' | 'wrap';

/** An operand viewed through broadcast strides: element (r, c) is `values[r·rowStride + c·colStride]`. */
export interface Strided {
  /** Values. */
  readonly values: Float64Array;
  /** Stride between rows (0 when broadcast over rows). */
  readonly rowStride: number;
  /** Stride between columns (0 when broadcast over columns). */
  readonly colStride: number;
}

/** Gradient targets of a fused kernel, one per input (undefined when that input needs none). */
export type GradientTargets = readonly (Float64Array | undefined)[];

/** out = a ∘ b over `rows × cols`. */
export function binaryForward(
  op: BinaryOp,
  a: Strided,
  b: Strided,
  rows: number,
  cols: number,
  out: Float64Array,
): void {
  const av = a.values;
  const bv = b.values;
  const aC = a.colStride;
  const bC = b.colStride;
  for (let r = 0; r < rows; r++) {
    let ia = r * a.rowStride;
    let ib = r * b.rowStride;
    const o = r * cols;
    const end = o + cols;
    switch (op) {
      case 'add':
        for (let i = o; i < end; i++, ia += aC, ib += bC) out[i] = av[ia]! + bv[ib]!;
        break;
      case 'sub':
        for (let i = o; i < end; i++, ia += aC, ib += bC) out[i] = av[ia]! - bv[ib]!;
        break;
      case 'mul':
        for (let i = o; i < end; i++, ia += aC, ib += bC) out[i] = av[ia]! * bv[ib]!;
        break;
      case 'div':
        for (let i = o; i < end; i++, ia += aC, ib += bC) out[i] = av[ia]! / bv[ib]!;
        break;
      case 'min':
        for (let i = o; i < end; i++, ia += aC, ib += bC) out[i] = Math.min(av[ia]!, bv[ib]!);
        break;
      case 'max':
        for (let i = o; i < end; i++, ia += aC, ib += bC) out[i] = Math.max(av[ia]!, bv[ib]!);
        break;
    }
  }
}

/**
 * Accumulates ∂/∂a (`forA`, into `grad`) or ∂/∂b of Σ g·(a ∘ b) element by element, for an
 * operand that varies along the row; one tight loop per operation and side.
 */
function accumulate(
  op: BinaryOp,
  forA: boolean,
  g: Float64Array,
  a: Strided,
  b: Strided,
  rows: number,
  cols: number,
  grad: Float64Array,
): void {
  const av = a.values;
  const bv = b.values;
  const aC = a.colStride;
  const bC = b.colStride;
  for (let r = 0; r < rows; r++) {
    let ia = r * a.rowStride;
    let ib = r * b.rowStride;
    const o = r * cols;
    const end = o + cols;
    switch (op) {
      case 'add':
      case 'sub':
        if (forA) for (let i = o; i < end; i++, ia += aC) grad[ia] = grad[ia]! + g[i]!;
        else if (op === 'add') for (let i = o; i < end; i++, ib += bC) grad[ib] = grad[ib]! + g[i]!;
        else for (let i = o; i < end; i++, ib += bC) grad[ib] = grad[ib]! - g[i]!;
        break;
      case 'mul':
        if (forA) for (let i = o; i < end; i++, ia += aC, ib += bC) grad[ia] = grad[ia]! + g[i]! * bv[ib]!;
        else for (let i = o; i < end; i++, ia += aC, ib += bC) grad[ib] = grad[ib]! + g[i]! * av[ia]!;
        break;
      case 'div':
        if (forA) for (let i = o; i < end; i++, ia += aC, ib += bC) grad[ia] = grad[ia]! + g[i]! / bv[ib]!;
        else {
          for (let i = o; i < end; i++, ia += aC, ib += bC) {
            const d = bv[ib]!;
            grad[ib] = grad[ib]! - (g[i]! * av[ia]!) / (d * d);
          }
        }
        break;
      case 'min':
      case 'max':
        for (let i = o; i < end; i++, ia += aC, ib += bC) {
          const aWins = op === 'min' ? av[ia]! <= bv[ib]! : av[ia]! >= bv[ib]!;
          if (aWins === forA) {
            const at = forA ? ia : ib;
            grad[at] = grad[at]! + g[i]!;
          }
        }
        break;
    }
  }
}

/**
 * Σ over one row's columns [o, end) of ∂/∂a (`forA`) or ∂/∂b of g·(a ∘ b), for an operand
 * broadcast along the row: summed in a local, not read and written back per element.
 */
function rowSum(
  op: BinaryOp,
  forA: boolean,
  g: Float64Array,
  a: Strided,
  b: Strided,
  o: number,
  end: number,
  ia: number,
  ib: number,
): number {
  const av = a.values;
  const bv = b.values;
  const aC = a.colStride;
  const bC = b.colStride;
  let sum = 0;
  switch (op) {
    case 'add':
      for (let i = o; i < end; i++) sum += g[i]!;
      return sum;
    case 'sub':
      for (let i = o; i < end; i++) sum += g[i]!;
      return forA ? sum : -sum;
    case 'mul':
      if (forA) for (let i = o; i < end; i++, ib += bC) sum += g[i]! * bv[ib]!;
      else for (let i = o; i < end; i++, ia += aC) sum += g[i]! * av[ia]!;
      return sum;
    case 'div':
      if (forA) for (let i = o; i < end; i++, ib += bC) sum += g[i]! / bv[ib]!;
      else {
        for (let i = o; i < end; i++, ia += aC, ib += bC) {
          const d = bv[ib]!;
          sum -= (g[i]! * av[ia]!) / (d * d);
        }
      }
      return sum;
    case 'min':
    case 'max':
      for (let i = o; i < end; i++, ia += aC, ib += bC) {
        const aWins = op === 'min' ? av[ia]! <= bv[ib]! : av[ia]! >= bv[ib]!;
        if (aWins === forA) sum += g[i]!;
      }
      return sum;
  }
}

/** Accumulates the gradients of Σ g·(a ∘ b) into `ga` and / or `gb`. */
export function binaryBackward(
  op: BinaryOp,
  g: Float64Array,
  a: Strided,
  b: Strided,
  rows: number,
  cols: number,
  ga: Float64Array | undefined,
  gb: Float64Array | undefined,
): void {
  for (const [grad, self, forA] of [
    [ga, a, true],
    [gb, b, false],
  ] as const) {
    if (!grad) continue;
    if (self.colStride !== 0 || cols === 1) {
      accumulate(op, forA, g, a, b, rows, cols, grad);
      continue;
    }
    for (let r = 0; r < rows; r++) {
      const at = r * self.rowStride;
      grad[at] =
        grad[at]! + rowSum(op, forA, g, a, b, r * cols, (r + 1) * cols, r * a.rowStride, r * b.rowStride);
    }
  }
}

/** out = f(x); `p` is the exponent of `pow`, `[lo, hi]` the bounds of `clamp`. */
export function unaryForward(op: UnaryOp, x: Float64Array, out: Float64Array, p = 0, lo = 0, hi = 0): void {
  const n = x.length;
  switch (op) {
    case 'sin':
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]!);
      break;
    case 'cos':
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]!);
      break;
    case 'tan':
      for (let i = 0; i < n; i++) out[i] = Math.tan(x[i]!);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      break;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      break;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      break;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      break;
    case 'pow':
      if (p === 2) for (let i = 0; i < n; i++) out[i] = x[i]! * x[i]!;
      else if (p === 3) for (let i = 0; i < n; i++) out[i] = x[i]! * x[i]! * x[i]!;
      else if (p === 4)
        for (let i = 0; i < n; i++) {
          const s = x[i]! * x[i]!;
          out[i] = s * s;
        }
      else for (let i = 0; i < n; i++) out[i] = x[i]! ** p;
      break;
    case 'clamp':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v < lo ? lo : Math.min(v, hi);
      }
      break;
    case 'wrap':
      for (let i = 0; i < n; i++) out[i] = x[i]! - Math.floor(x[i]!);
      break;
  }
}

/** gx += g·f'(x) (y = f(x) is given for the operations whose derivative uses it). */
export function unaryBackward(
  op: UnaryOp,
  g: Float64Array,
  x: Float64Array,
  y: Float64Array,
  gx: Float64Array,
  p = 0,
  lo = 0,
  hi = 0,
): void {
  const n = x.length;
  switch (op) {
    case 'sin':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! * Math.cos(x[i]!);
      break;
    case 'cos':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! - g[i]! * Math.sin(x[i]!);
      break;
    case 'tan':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! * (1 + y[i]! * y[i]!);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! * (1 - y[i]! * y[i]!);
      break;
    case 'exp':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! * y[i]!;
      break;
    case 'log':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! / x[i]!;
      break;
    case 'abs':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! * Math.sign(x[i]!);
      break;
    case 'pow':
      if (p === 2) for (let i = 0; i < n; i++) gx[i] = gx[i]! + 2 * g[i]! * x[i]!;
      else if (p === 3) for (let i = 0; i < n; i++) gx[i] = gx[i]! + 3 * g[i]! * x[i]! * x[i]!;
      else if (p === 4) for (let i = 0; i < n; i++) gx[i] = gx[i]! + 4 * g[i]! * x[i]! * x[i]! * x[i]!;
      else for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]! * p * x[i]! ** (p - 1);
      break;
    case 'clamp':
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        if (v >= lo && v <= hi) gx[i] = gx[i]! + g[i]!;
      }
      break;
    case 'wrap':
      for (let i = 0; i < n; i++) gx[i] = gx[i]! + g[i]!;
      break;
  }
}
