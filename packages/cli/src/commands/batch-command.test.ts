// `ae-ddsp batch` and `ae-ddsp worker` command lines: every mistake is one line, exit 2,
// naming the flag and what was expected, and nothing is written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';

const folder = temporaryFolder('ae-ddsp-batch-usage-');
afterAll(folder.remove);

const out = join(folder.dir, 'out');
const CASES: [string[], string][] = [
  [['batch', 'x.wav'], '--out DIR is required'],
  [['batch', '--out', out], 'missing argument: batch needs 1 argument(s), got 0'],
  [['batch', 'x.wav', '--out', out, '--preset', 'fm,organ'], '--preset must be one or more of'],
  [['batch', 'x.wav', '--out', out, '--method', 'sgd'], '--method must be one or more of'],
  [['batch', 'x.wav', '--out', out, '--workers', '0'], '--workers must be an integer in [1, 1024]; got "0"'],
  [
    ['batch', 'x.wav', '--out', out, '--workers', '2', '--queue', 'redis://127.0.0.1:1/q'],
    "--workers sizes the local pool; with --queue, start 'ae-ddsp worker' processes",
  ],
  [['batch', 'x.wav', '--out', out, '--queue', 'http://h/q'], 'protocol http: is not redis: or rediss:'],
  [['worker'], '--queue URL is required'],
  [['worker', '--queue', 'redis://h:1/a b'], 'may use only letters, digits'],
];

describe('ae-ddsp batch / worker command lines', () => {
  it.each(CASES)('%j: one line, exit 2, nothing written', async (args, message) => {
    const run = await runBinary(args, { cwd: folder.dir });
    expect(run.status).toBe(2);
    expect(errorLine(run)).toContain(message);
    expect(existsSync(out)).toBe(false);
  });

  it('takes many targets and names a bad manifest line', async () => {
    const run = await runBinary(['batch', 'a.wav', 'b.wav', 'list.jsonl', '--out', 'o', '--steps', '3'], {
      cwd: folder.dir,
    });
    expect(run.status).toBe(1);
    expect(errorLine(run)).toBe('ae-ddsp: error: list.jsonl: no such manifest');
  });
});
