/**
 * Every command of `ae-ddsp`, in the order the help lists them.
 * @module
 */

import type { Command } from '../cli/command';
import { encoderCommand } from '../encoder/encoder-command';
import { memoryCommand } from '../memory/memory-command';
import { batchCommand } from './batch-command';
import { benchCommand } from './bench-command';
import { featuresCommand } from './features-command';
import { matchCommand } from './match-command';
import { paramsCommand } from './params-command';
import { presetsCommand } from './presets-command';
import { renderCommand } from './render-command';
import { workerCommand } from './worker-command';

/** The commands, in help order. */
export const COMMANDS: readonly Command[] = Object.freeze([
  matchCommand,
  memoryCommand,
  encoderCommand,
  batchCommand,
  workerCommand,
  renderCommand,
  featuresCommand,
  presetsCommand,
  paramsCommand,
  benchCommand,
]);
