/**
 * Every command of `ae-ddsp`, in the order the help lists them.
 * @module
 */

import type { Command } from '../cli/command';
import { benchCommand } from './bench-command';
import { featuresCommand } from './features-command';

/** The commands, in help order. */
export const COMMANDS: readonly Command[] = Object.freeze([featuresCommand, benchCommand]);
