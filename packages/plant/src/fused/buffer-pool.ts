/**
 * A free list of float64 buffers, by length, for the fused cpu render: a recording of the
 * fused engine takes every array it needs (values, gradients, Jacobians, temporaries) from
 * the pool and gives them all back once its backward pass has run or it is discarded, so
 * repeated renders of the same size allocate nothing and leave nothing to the garbage
 * collector. The pool keeps at most `maxBytes` of idle buffers; the rest are dropped.
 *
 * @example
 * ```ts
 * const pool = new BufferPool();
 * const a = pool.take(16000, true); // zero-filled
 * pool.give([a]);
 * pool.take(16000, false) === a; // true (contents not cleared)
 * ```
 * @module
 */

/** Reusable `Float64Array`s keyed by length. */
export class BufferPool {
  /** Largest total size of idle buffers kept, bytes. */
  readonly maxBytes: number;
  readonly #free = new Map<number, Float64Array[]>();
  #bytes = 0;

  /** A pool keeping at most `maxBytes` (default 256 MiB, a batch of 16 × 1 s needs about 80) of idle buffers. */
  constructor(maxBytes = 256 * 1024 * 1024) {
    this.maxBytes = maxBytes;
  }

  /** A buffer of `length` values: zero-filled when `zero`, else with arbitrary contents. */
  take(length: number, zero: boolean): Float64Array {
    const list = this.#free.get(length);
    const hit = list?.pop();
    if (hit === undefined) return new Float64Array(length);
    this.#bytes -= hit.byteLength;
    if (zero) hit.fill(0);
    return hit;
  }

  /** Returns buffers to the pool (each must come from {@link BufferPool.take} and be given back once). */
  give(buffers: readonly Float64Array[]): void {
    for (const b of buffers) {
      if (this.#bytes + b.byteLength > this.maxBytes) continue;
      let list = this.#free.get(b.length);
      if (!list) {
        list = [];
        this.#free.set(b.length, list);
      }
      list.push(b);
      this.#bytes += b.byteLength;
    }
  }

  /** Bytes of idle buffers held. */
  get idleBytes(): number {
    return this.#bytes;
  }
}
