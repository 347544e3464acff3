#!/usr/bin/env node
// The `ae-ddsp` executable: runs the command line and exits with its status.
import { runCli } from './cli/main';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
