// Prints the trainer benchmarks' results (bench/results/trainer-*.json) as the Markdown
// tables of packages/trainer/README.md, so the README shows exactly what a run measured.
//   node bench/report-trainer.mjs
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const results = join(dirname(fileURLToPath(import.meta.url)), 'results');
const load = (name) => {
  const file = join(results, `${name}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};
const table = (header, rows) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const f = (x, digits = 2) => (typeof x === 'number' ? x.toFixed(digits) : String(x));
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

const speed = load('trainer-speed');
if (speed) {
  const { peer } = speed;
  console.log(
    `### 1. Speed (${speed.date.slice(0, 10)}, ${speed.steps} steps, 1 s at ${speed.sampleRate} Hz)\n`,
  );
  console.log(
    table(
      ['preset', 'method', 'ms/step', 'evaluations/step', '× seed scaffold', '× cached scaffold'],
      Object.entries(speed.results).map(([key, r]) => {
        const [preset, method] = key.split('/');
        return [
          `\`${preset}\``,
          method,
          f(r.msPerStep, 1),
          f(r.evaluationsPerStep, 2),
          peer.unavailable ? 'n/a' : f(r.msPerStep / peer.ms_per_step_seed),
          peer.unavailable ? 'n/a' : f(r.msPerStep / peer.ms_per_step_cached),
        ];
      }),
    ),
  );
  if (!peer.unavailable)
    console.log(
      `\nPyTorch scaffold peer, same run, one thread: ${f(peer.ms_per_step_seed, 1)} ms/step as the seed writes it, ` +
        `${f(peer.ms_per_step_cached, 1)} ms/step with the target's features cached.\n`,
    );
}

const freq = load('trainer-quality-frequency');
if (freq) {
  console.log(
    `### 2. Frequency recovery (${freq.targets} targets, budget ${freq.budget} evaluations, ${freq.seconds} s)\n`,
  );
  console.log(
    table(
      ['method', 'within 50 cents', 'median cents off', '90th percentile'],
      freq.methods.map((m) => [
        m,
        `${((100 * freq.hits[m]) / freq.targets).toFixed(0)} %`,
        f(quantile(freq.cents[m], 0.5), 1),
        f(quantile(freq.cents[m], 0.9), 1),
      ]),
    ),
  );
  console.log('');
}

const patch = load('trainer-quality-patch');
if (patch) {
  console.log(`### 3. Whole-patch matching (${patch.targets} targets, budget ${patch.budget} evaluations)\n`);
  console.log(
    table(
      ['method', 'median log-mel distance', '90th percentile'],
      patch.methods.map((m) => [
        m,
        f(quantile(patch.distances[m], 0.5)),
        f(quantile(patch.distances[m], 0.9)),
      ]),
    ),
  );
  console.log('');
}

const notes = load('trainer-quality-notes');
if (notes) {
  const methods = notes.methods;
  console.log(
    `### 4. Real notes (budget ${notes.budget} evaluations, first ${notes.seconds} s of each note)\n`,
  );
  console.log(
    table(
      ['preset', 'note', ...methods],
      notes.rows.map((r) => {
        const best = Math.min(...methods.map((m) => r[m]));
        return [
          `\`${r.preset}\``,
          r.note,
          ...methods.map((m) => (r[m] === best ? `**${f(r[m])}**` : f(r[m]))),
        ];
      }),
    ),
  );
  const beats = (r, m) => !methods.includes(m) || r['ae-ddsp'] < r[m];
  const wins = notes.rows.filter((r) => beats(r, 'adam') && beats(r, 'random')).length;
  console.log(`\nAE-DDSP beats both Adam and random search on ${wins} of ${notes.rows.length} notes.\n`);
}
