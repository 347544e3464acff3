// Recovery from a near start (issue 13, "step sizes with units"): for every preset and one
// custom chain (two saws → filter → VCA), seeded random truths render 0.25 s targets at
// 16 kHz; each run starts with every oscillator frequency up to ±2 semitones off and every
// other parameter up to ±20 % off (packages/trainer/src/test-support/recovery-cases.ts) and
// runs `ae-ddsp match`'s defaults (150 steps, annealed). Recovered: output pitch within 10
// cents of the target's and log-mel features within 5 % of the truth's spread. Goal: ≥ 95 %.
//   RECOVERY_CASES=100  RECOVERY_CHAINS=subtractive,fm,...  RECOVERY_RULES=adam,resilient
// Writes bench/results/trainer-recovery.json (with the commit).
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSources } from './bundle-sources.mjs';
import { printTable, writeResults } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const m = await importSources(`
  import * as tf from '@tensorflow/tfjs-core';
  export { version_cpu } from '@tensorflow/tfjs-backend-cpu';
  export { tf };
  export { adam, resilient } from '@ae-ddsp/trainer';
  export * from './packages/trainer/src/test-support/recovery-cases';
`);
await m.tf.setBackend('cpu');
const env = process.env;
const CASES = Number(env.RECOVERY_CASES ?? 100);
const CHAINS = (env.RECOVERY_CHAINS ?? m.RECOVERY_CHAIN_NAMES.join(',')).split(',');
const RULES = (env.RECOVERY_RULES ?? 'adam,resilient').split(',');
const git = (args) => spawnSync('git', args, { cwd: here, encoding: 'utf8' }).stdout?.trim() ?? '';

const rows = [];
const t0 = performance.now();
for (const chain of CHAINS) {
  const plant = m.recoveryPlant(chain);
  for (const rule of RULES) {
    const outcomes = [];
    for (let seed = 0; seed < CASES; seed++) {
      const c = m.recoveryCase(plant, chain, seed);
      outcomes.push(m.runRecovery(plant, c, seed, { rule: m[rule] }));
    }
    const cents = outcomes.map((o) => o.centsOff).sort((a, b) => a - b);
    const row = {
      chain,
      rule,
      cases: CASES,
      recovered: outcomes.filter((o) => o.recovered).length / CASES,
      pitch_within_10c: outcomes.filter((o) => o.centsOff <= 10).length / CASES,
      log_mel_within_5pc: outcomes.filter((o) => o.logMelError <= 0.05).length / CASES,
      median_cents: cents[Math.floor(CASES / 2)],
      median_log_mel: outcomes.map((o) => o.logMelError).sort((a, b) => a - b)[Math.floor(CASES / 2)],
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
printTable(rows);
writeResults('trainer-recovery', {
  commit: git(['rev-parse', 'HEAD']),
  dirty:
    git(['status', '--porcelain', '--', 'packages/trainer/src', 'bench/trainer-recovery.bench.mjs']) !== '',
  cases: CASES,
  seconds_elapsed: (performance.now() - t0) / 1000,
  rows,
});
