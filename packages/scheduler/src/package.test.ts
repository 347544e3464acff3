import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ae-ddsp-scheduler-pack-'));
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the published tarball', () => {
  beforeAll(() => {
    // Packs the dist built by `npm test`'s build step (--ignore-scripts: no rebuild while
    // other test files may be reading dist/).
    if (!existsSync(join(packageDir, 'dist', 'index.cjs'))) {
      throw new Error(`${packageDir}dist is missing: run \`npm run build\` first (npm test does)`);
    }
    run('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], packageDir);
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
    const project = join(work, 'project');
    run('mkdir', ['-p', project], work);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', join(work, tarball)], project);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const script = `
    const s = new AdaptiveScheduler({ learningRate: 0.1 });
    s.update(1); const h = s.update(0.5);
    console.log(JSON.stringify({ lr: h.learningRate, keys: Object.keys(h).sort() }));`;

  it('installs alone, with no other package', () => {
    const installed = readdirSync(join(work, 'project', 'node_modules')).filter((d) => !d.startsWith('.'));
    expect(installed).toEqual(['@ae-ddsp']);
    expect(readdirSync(join(work, 'project', 'node_modules', '@ae-ddsp'))).toEqual(['scheduler']);
  });

  it('works from import (ESM)', () => {
    const out = run(
      'node',
      ['--input-type=module', '-e', `import { AdaptiveScheduler } from '@ae-ddsp/scheduler';${script}`],
      join(work, 'project'),
    );
    expect(JSON.parse(out)).toEqual({
      lr: expect.closeTo(0.102, 12),
      keys: ['dither', 'learningRate', 'momentum'],
    });
  });

  it('works from require (CommonJS)', () => {
    const out = run(
      'node',
      ['-e', `const { AdaptiveScheduler } = require('@ae-ddsp/scheduler');${script}`],
      join(work, 'project'),
    );
    expect(JSON.parse(out)).toEqual({
      lr: expect.closeTo(0.102, 12),
      keys: ['dither', 'learningRate', 'momentum'],
    });
  });

  it('ships type declarations for both module systems and the tfjs subpath', () => {
    const dist = readdirSync(join(work, 'project', 'node_modules', '@ae-ddsp', 'scheduler', 'dist'), {
      recursive: true,
    }).map(String);
    for (const f of [
      'index.d.ts',
      'index.d.cts',
      'index.js',
      'index.cjs',
      'tfjs/index.d.ts',
      'tfjs/index.d.cts',
      'tfjs/index.js',
      'tfjs/index.cjs',
    ]) {
      expect(dist).toContain(f);
    }
  });
});
