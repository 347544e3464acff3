#!/usr/bin/env node
// The `ae-ddsp` executable: runs the command line and exits with its status. The command
// modules load inside the try, so even a broken installation reports one line, not a stack.
import('./cli/main')
  .then(({ runCli }) => runCli(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `ae-ddsp: error: cannot start: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
      );
      process.exitCode = 1;
    },
  );
