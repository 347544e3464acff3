// `ae-ddsp bench` through the real executable, inside stand-in checkouts (the real
// benchmark takes minutes and never runs in tests).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';

const folder = temporaryFolder();
afterAll(folder.remove);

function checkout(name: string, withTrainerBenchmark: boolean): string {
  const root = join(folder.dir, name);
  mkdirSync(join(root, 'bench'), { recursive: true });
  // run.mjs as in the repository: runs the scripts whose names start with the arguments.
  writeFileSync(
    join(root, 'bench', 'run.mjs'),
    [
      "import { spawnSync } from 'node:child_process';",
      "import { readdirSync } from 'node:fs';",
      'const wanted = process.argv.slice(2);',
      "for (const f of readdirSync('.').filter((f) => f.endsWith('.bench.mjs') && wanted.some((w) => f.startsWith(w)))) {",
      "  console.log('== ' + f);",
      "  const r = spawnSync(process.execPath, [f], { stdio: 'inherit' });",
      '  if (r.status !== 0) process.exit(1);',
      '}',
    ].join('\n'),
  );
  writeFileSync(join(root, 'bench', 'lib.mjs'), '');
  writeFileSync(join(root, 'bench', 'trainer-quality.bench.mjs'), "console.log('trainer-quality ran');");
  if (withTrainerBenchmark) {
    writeFileSync(
      join(root, 'bench', 'trainer-speed.bench.mjs'),
      [
        "import { mkdirSync, writeFileSync } from 'node:fs';",
        "console.log('method  ms/step  ratio');",
        "mkdirSync('results', { recursive: true });",
        "writeFileSync('results/trainer-speed.json', JSON.stringify({ name: 'trainer-speed', ratio: 0.5 }));",
      ].join('\n'),
    );
  }
  const nested = join(root, 'some', 'folder');
  mkdirSync(nested, { recursive: true });
  return nested;
}

describe('ae-ddsp bench', () => {
  it('runs the checkout’s trainer benchmark and prints its table, or its results with --json', async () => {
    const cwd = checkout('with', true);
    const table = await runBinary(['bench'], { cwd });
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('== trainer-speed.bench.mjs\nmethod  ms/step  ratio\n');
    // The hour-long quality benchmark beside it is not part of `ae-ddsp bench`.
    expect(table.stdout).not.toContain('trainer-quality');
    const json = await runBinary(['bench', '--json'], { cwd });
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ name: 'trainer-speed', ratio: 0.5 });
    expect(json.stderr).toContain('method  ms/step  ratio');
  });

  it('says clearly when the benchmark is not available', async () => {
    const run = await runBinary(['bench'], { cwd: checkout('without', false) });
    expect(run.status).toBe(1);
    expect(errorLine(run)).toMatch(
      /^ae-ddsp: error: the trainer speed benchmark is not available: .*without\/bench has no trainer-speed\*\.bench\.mjs yet$/,
    );
  });
});
