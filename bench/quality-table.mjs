// Writes the "Matching quality" table of the root README from the quality benchmark's results
// (bench/quality.bench.mjs): `node bench/quality-table.mjs [results name ...]`, default every
// bench/results/quality-test*.json (the split that tuning never touches), then every
// quality-dev*.json. The tables go between the markers <!-- quality-table:start --> and
// <!-- quality-table:end --> of README.md.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const stored = (prefix) =>
  readdirSync(join(here, 'results'))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .sort()
    .map((f) => f.slice(0, -'.json'.length));
const names = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [...stored('quality-test'), ...stored('quality-dev')];
const percent = (x) => `${Math.round(100 * x)} %`;
const fixed = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

function table(name) {
  const r = JSON.parse(readFileSync(join(here, 'results', `${name}.json`), 'utf8'));
  const lines = [
    `**${r.split} split** (\`bench/results/${name}.json\`): ${new Set(r.runs.map((x) => x.target)).size} targets (${[...new Set(r.runs.map((x) => x.target))].join(', ')}), ${r.seconds} s at ${r.sampleRate / 1000} kHz, ${r.steps} steps of the first method and equal synth evaluations for the others, seed ${r.seed}${r.escapes ? `, harmonic escapes every ${r.escapes.every} steps` : ''}; commit \`${r.commit.hash.slice(0, 7)}\`${r.commit.dirty ? ' (with local changes)' : ''}, ${r.date.slice(0, 10)}.`,
    '',
    '| targets | preset | method | start | n | pitch within 50 c | loudness within 2 dB | envelope corr. (median) | log-mel distance (mean) | MFCC distance (mean) | clipped | evaluations | time per match (median) |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of r.summary) {
    lines.push(
      `| ${s.kind === 'note' ? 'real notes' : 'random synth'} | ${s.preset} | ${s.method} | ${s.init} | ${s.n} | ${percent(s['pitch ≤50c'])} | ${percent(s['loud ≤2dB'])} | ${fixed(s['env corr med'], 2)} | ${fixed(s['log-mel mean'], 2)} | ${fixed(s['mfcc mean'], 1)} | ${percent(s.clipped)} | ${Math.round(s.evals)} | ${fixed(s['sec med'], 1)} s |`,
    );
  }
  return lines.join('\n');
}

const readme = join(here, '..', 'README.md');
const text = readFileSync(readme, 'utf8');
const start = '<!-- quality-table:start -->';
const end = '<!-- quality-table:end -->';
const from = text.indexOf(start);
const to = text.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} block`);
const body = names.map(table).join('\n\n');
writeFileSync(readme, `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`);
console.log(`wrote the quality table of ${names.join(', ')} into README.md`);
