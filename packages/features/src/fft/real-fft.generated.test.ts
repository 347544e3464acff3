import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const generator = fileURLToPath(new URL('../../scripts/generate-real-fft.mjs', import.meta.url));
const generated = fileURLToPath(new URL('./real-fft.generated.ts', import.meta.url));

describe('real-fft.generated.ts', () => {
  it('is exactly what scripts/generate-real-fft.mjs writes (regenerate it after editing the generator)', () => {
    const fresh = execFileSync(process.execPath, [generator, '--stdout'], { encoding: 'utf8' });
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(readFileSync(generated, 'utf8')).toBe(fresh);
  });
});
