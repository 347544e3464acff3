import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoModules = fileURLToPath(new URL('../../../node_modules/', import.meta.url));
const tsc = join(repoModules, 'typescript', 'bin', 'tsc');

/**
 * Makes the repository's tfjs-core and cpu backend visible to a test project (symlinks: Node
 * resolves them and their own dependencies by their real path), as a user's `npm i` would.
 */
function linkTfjs(project: string) {
  mkdirSync(join(project, 'node_modules', '@tensorflow'), { recursive: true });
  for (const name of ['tfjs-core', 'tfjs-backend-cpu']) {
    const link = join(project, 'node_modules', '@tensorflow', name);
    if (!existsSync(link)) symlinkSync(join(repoModules, '@tensorflow', name), link, 'dir');
  }
}

/** The README's runnable code blocks: ```js (ES module) and ```cjs (CommonJS), in order. */
function readmeSnippets(readme: string): { lang: 'js' | 'cjs'; code: string }[] {
  return [...readme.matchAll(/```(js|cjs)\n([\s\S]*?)```/g)].map((m) => ({
    lang: m[1] as 'js' | 'cjs',
    code: m[2] as string,
  }));
}

/** The same code as CommonJS: imports become requires, inside an async function for top-level await. */
function toCommonJs(code: string): string {
  const body = code
    .replace(/^import \* as (\w+) from ('[^']+');$/gm, 'const $1 = require($2);')
    .replace(
      /^import (\{[^}]+\}) from ('[^']+');$/gm,
      (_, names: string, from: string) =>
        `const ${names.replace(/\btype \w+,?\s*/g, '')} = require(${from});`,
    )
    .replace(/^import ('[^']+');$/gm, 'require($1);')
    .replace(/^export (async function|function|const) /gm, '$1 ')
    .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href");
  return `(async () => {\n${body}\n})().catch((error) => {\n  console.error(error);\n  process.exit(1);\n});\n`;
}
const work = mkdtempSync(join(tmpdir(), 'ae-ddsp-scheduler-pack-'));
const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let installedAlone: string[] = [];

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
    // What the install brought, before later tests add tfjs for the README's tfjs example.
    installedAlone = readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.'));
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('carries the LICENSE', () => {
    const installed = join(work, 'project', 'node_modules', '@ae-ddsp', 'scheduler');
    expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('resolves the types of both entry points under moduleResolution node10, node16 and bundler', () => {
    const project = join(work, 'project');
    writeFileSync(
      join(project, 'types.ts'),
      [
        "import { AdaptiveScheduler, robust, type Scheduler } from '@ae-ddsp/scheduler';",
        "import { scheduleOptimizer, type ScheduledOptimizer } from '@ae-ddsp/scheduler/tfjs';",
        'const s: Scheduler = new AdaptiveScheduler({ ...robust, learningRate: 0.1 });',
        'const f: typeof scheduleOptimizer = scheduleOptimizer;',
        'export type T = ScheduledOptimizer;',
        'export { s, f };',
        '',
      ].join('\n'),
    );
    linkTfjs(project);
    for (const [module, moduleResolution] of [
      ['commonjs', 'node10'],
      ['node16', 'node16'],
      ['esnext', 'bundler'],
    ]) {
      const tsconfig = join(project, `tsconfig.${moduleResolution}.json`);
      writeFileSync(
        tsconfig,
        JSON.stringify({
          compilerOptions: {
            module,
            moduleResolution,
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['types.ts'],
        }),
      );
      // tsc exits non-zero (execFileSync throws with its diagnostics) if a type is not found.
      run(process.execPath, [tsc, '-p', tsconfig], project);
    }
  }, 120_000);

  const script = `
    const s = new AdaptiveScheduler({ learningRate: 0.1 });
    s.update(1); const h = s.update(0.5);
    console.log(JSON.stringify({ lr: h.learningRate, keys: Object.keys(h).sort() }));`;

  it('installs alone, with no other package', () => {
    expect(installedAlone).toEqual(['@ae-ddsp']);
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

  describe('every code block of the README runs from the tarball, as ESM and as CommonJS', () => {
    const snippets = readmeSnippets(readFileSync(join(packageDir, 'README.md'), 'utf8'));
    it('finds the blocks', () => {
      expect(snippets.filter((s) => s.lang === 'js').length).toBeGreaterThanOrEqual(5);
      expect(snippets.filter((s) => s.lang === 'cjs').length).toBeGreaterThanOrEqual(1);
    });
    it.each(snippets.map((s, i) => ({ ...s, i, first: s.code.split('\n')[0] })))(
      'block $i ($lang): $first',
      ({ lang, code, i }) => {
        const project = join(work, 'project');
        linkTfjs(project);
        const node = (file: string, text: string) => {
          writeFileSync(join(project, file), text);
          return run(process.execPath, [file], project);
        };
        if (lang === 'cjs') {
          expect(node(`snippet-${i}.cjs`, code)).not.toBe('');
          return;
        }
        const esm = node(`snippet-${i}.mjs`, code);
        const cjs = node(`snippet-${i}.cjs`, toCommonJs(code));
        expect(esm).not.toBe('');
        expect(cjs).toBe(esm);
      },
      120_000,
    );
  });
});
