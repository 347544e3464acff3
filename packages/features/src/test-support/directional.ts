// Directional-derivative check of a tfjs gradient against central differences.
import { tf } from '@ae-ddsp/testing';
import { expect } from 'vitest';
import { seededNoise } from './reference';

/** g·v against (f(x + hv) − f(x − hv)) / 2h for seeded random unit directions v. */
export function checkDirectional(
  f: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  directions: number,
  h = 1e-2,
  tolerance = 2e-3,
): void {
  const g = tf.grad(f)(x);
  for (let d = 0; d < directions; d++) {
    const raw = seededNoise(x.size, 100 + d);
    const norm = Math.hypot(...raw);
    const v = tf.tensor(
      raw.map((r) => r / norm),
      x.shape,
    );
    const analytic = tf.sum(tf.mul(g, v)).dataSync()[0]!;
    const up = tf.tidy(() => f(tf.add(x, tf.mul(v, h))).dataSync()[0]!);
    const down = tf.tidy(() => f(tf.sub(x, tf.mul(v, h))).dataSync()[0]!);
    const numeric = (up - down) / (2 * h);
    expect(Math.abs(analytic - numeric)).toBeLessThan(tolerance * Math.max(1, Math.abs(numeric)));
    v.dispose();
  }
  g.dispose();
}
