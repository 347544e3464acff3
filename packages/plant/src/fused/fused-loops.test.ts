import { describe, expect, it } from 'vitest';
import { type BinaryOp, binaryBackward } from './fused-loops';

const ROWS = 3;
const COLS = 7;
const OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'min', 'max'];

/** Deterministic values in [0.5, 1.5] (away from 0, so division is well-conditioned). */
const values = (length: number, seed: number) =>
  Float64Array.from({ length }, (_, i) => 1 + 0.5 * Math.sin(seed * 3.7 + i * 1.3));

/** The gradients of Σ g·(a ∘ b) element by element on full `ROWS × COLS` copies, then summed back. */
function reference(
  op: BinaryOp,
  g: Float64Array,
  a: Float64Array,
  aCols: number,
  b: Float64Array,
  bCols: number,
) {
  const ga = new Float64Array(a.length);
  const gb = new Float64Array(b.length);
  for (let r = 0; r < ROWS; r++) {
    for (let c = 0; c < COLS; c++) {
      const i = r * COLS + c;
      const ia = r * aCols + (aCols === 1 ? 0 : c);
      const ib = r * bCols + (bCols === 1 ? 0 : c);
      const x = a[ia]!;
      const y = b[ib]!;
      const [da, db] = {
        add: [1, 1],
        sub: [1, -1],
        mul: [y, x],
        div: [1 / y, -x / (y * y)],
        min: x <= y ? [1, 0] : [0, 1],
        max: x >= y ? [1, 0] : [0, 1],
      }[op];
      ga[ia] = ga[ia]! + g[i]! * da!;
      gb[ib] = gb[ib]! + g[i]! * db!;
    }
  }
  return { ga, gb };
}

describe('fused engine binary gradients', () => {
  it('sum over broadcast columns exactly as element-by-element accumulation does', () => {
    const g = values(ROWS * COLS, 9).map((v) => v - 1);
    for (const op of OPS) {
      for (const [aCols, bCols] of [
        [COLS, 1],
        [1, COLS],
        [COLS, COLS],
      ] as const) {
        const a = values(ROWS * aCols, 1);
        const b = values(ROWS * bCols, 2);
        const ga = new Float64Array(a.length);
        const gb = new Float64Array(b.length);
        const strided = (v: Float64Array, cols: number) => ({
          values: v,
          rowStride: cols,
          colStride: cols === 1 ? 0 : 1,
        });
        binaryBackward(op, g, strided(a, aCols), strided(b, bCols), ROWS, COLS, ga, gb);
        const want = reference(op, g, a, aCols, b, bCols);
        for (let i = 0; i < ga.length; i++)
          expect(ga[i], `${op} ∂a [${aCols}, ${bCols}]`).toBeCloseTo(want.ga[i]!, 13);
        for (let i = 0; i < gb.length; i++)
          expect(gb[i], `${op} ∂b [${aCols}, ${bCols}]`).toBeCloseTo(want.gb[i]!, 13);
      }
    }
  });
});
