// Help, version and unknown commands through the real executable.
import { describe, expect, it } from 'vitest';
import { errorLine, runBinary } from '../test-support/binary';

const COMMAND_NAMES = [
  'match',
  'memory',
  'encoder',
  'batch',
  'worker',
  'render',
  'features',
  'presets',
  'params',
  'bench',
];

describe('ae-ddsp help', () => {
  it('lists every command; no command prints the list and exits 2', async () => {
    const help = await runBinary(['--help']);
    expect(help.status).toBe(0);
    for (const name of COMMAND_NAMES) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    const none = await runBinary([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });

  // One test per command, so a loaded machine's slow starts never add up past the time limit.
  it.each(COMMAND_NAMES)(
    '%s has --help (and `help <command>`) with usage, options and examples',
    async (name) => {
      const help = await runBinary([name, '--help']);
      expect(help.status, name).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: ae-ddsp ${name}`));
      expect(help.stdout).toContain('Options:');
      expect(help.stdout).toMatch(/Examples:\n {2}# .+\n {2}ae-ddsp /);
      expect((await runBinary(['help', name])).stdout).toBe(help.stdout);
    },
  );

  it('--version prints the version; an unknown command is one line and exit 2', async () => {
    const version = await runBinary(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const unknown = await runBinary(['matsch', 'x.wav']);
    expect(unknown.status).toBe(2);
    expect(errorLine(unknown)).toBe(
      `ae-ddsp: error: unknown command "matsch"; commands: ${COMMAND_NAMES.join(', ')} (see 'ae-ddsp --help')`,
    );
  });
});
