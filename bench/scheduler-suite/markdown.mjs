// The README tables of the scheduler suite, generated from bench/results/scheduler-suite.json.
import { ABLATION_STEPS } from './methods.mjs';

const fmt = (x) => (Number.isFinite(x) ? (x === 0 ? '0' : x.toPrecision(2)) : 'diverged');
const COLUMNS = [
  ['fixed', 'fixed α'],
  ['seedLaw', '`seedLaw`'],
  ['robust', '**`robust`**'],
  ['reduceLROnPlateau', 'ReduceLROnPlateau (ours)'],
  ['torchReduceLROnPlateau', 'ReduceLROnPlateau (torch)'],
  ['cosine', 'CosineAnnealing (ours)'],
  ['torchCosine', 'CosineAnnealingLR (torch)'],
  ['boldDriver', 'BoldDriver'],
];

/** Whether `robust` meets the goal on one problem × optimiser, and the figures. */
export function goal(summary, problem, optimiser) {
  const row = (method) =>
    summary.find((s) => s.problem === problem && s.optimiser === optimiser && s.method === method);
  const robust = row('robust');
  const fixed = row('fixed');
  const plateau = row('reduceLROnPlateau');
  const close = robust.ratioToFixed <= 1.2;
  const wider = robust.robustness > fixed.robustness && robust.robustness > plateau.robustness;
  return { close, wider, met: close && wider };
}

export function markdown(results) {
  const { summary } = results;
  const pairs = [...new Set(summary.map((s) => `${s.problem}|${s.optimiser}`))].map((k) => k.split('|'));
  const cell = (p, o, m) => summary.find((s) => s.problem === p && s.optimiser === o && s.method === m);
  const lines = [];
  lines.push(
    `| problem | optimiser | best fixed α: loss (α0) | \`robust\`: best loss (× fixed) | ${COLUMNS.map(([, h]) => h).join(' | ')} | goal |`,
  );
  lines.push(`| --- | --- | --- | --- | ${COLUMNS.map(() => '---:').join(' | ')} | --- |`);
  let met = 0;
  for (const [p, o] of pairs) {
    const fixed = cell(p, o, 'fixed');
    const robust = cell(p, o, 'robust');
    const g = goal(summary, p, o);
    if (g.met) met++;
    const counts = COLUMNS.map(([m]) => {
      const c = cell(p, o, m);
      return c ? `${c.robustness}` : '—';
    });
    const verdict = g.met
      ? 'met'
      : `**missed** (${[!g.close && 'best-of-sweep', !g.wider && 'robustness'].filter(Boolean).join(', ')})`;
    lines.push(
      `| ${p} | ${o} | ${fmt(fixed.bestOfSweep)} (${fmt(fixed.bestLearningRate)}) | ${fmt(robust.bestOfSweep)} (${robust.ratioToFixed.toPrecision(2)}×) | ${counts.join(' | ')} | ${verdict} |`,
    );
  }
  const commit = results.commit?.hash ?? results.commit;
  lines.push('');
  lines.push(
    `Columns after the fourth: how many of the 7 α0 (three decades) end within 2× of the best fixed-α loss (median over ${results.config.seeds} seeds; ${results.config.mlpSeeds} for mlp-digits). ` +
      `Goal met on ${met} of ${pairs.length} problem × optimiser pairs. ` +
      `\`bench/results/scheduler-suite.json\`, commit \`${String(commit).slice(0, 7)}\`${results.commit?.dirty ? ' (with local changes)' : ''}, ${results.date.slice(0, 10)}, ${Math.round(results.seconds)} s, ` +
      `PyTorch ${results.peer.torch ?? `unavailable (${results.peer.unavailable})`}.`,
  );
  lines.push('');
  lines.push(
    'What each change of the robust law did (problems without the MLP, summed over problem × optimiser pairs):',
  );
  lines.push('');
  lines.push(
    '| law | change | α0 within 2× of best fixed (sum) | best-of-sweep within 1.2× of fixed | median best / best fixed |',
  );
  lines.push('| --- | --- | ---: | ---: | ---: |');
  const ablated = pairs.filter(([p]) => p !== 'mlp-digits');
  for (const [method, change] of ABLATION_STEPS) {
    const rows = ablated.map(([p, o]) => cell(p, o, method)).filter(Boolean);
    const sum = rows.reduce((s, r) => s + r.robustness, 0);
    const close = rows.filter((r) => r.ratioToFixed <= 1.2).length;
    const ratios = rows.map((r) => r.ratioToFixed).sort((a, b) => a - b);
    const median = ratios[ratios.length >> 1];
    lines.push(
      `| \`${method}\` | ${change} | ${sum} of ${rows.length * 7} | ${close} of ${rows.length} | ${fmt(median)} |`,
    );
  }
  const fixedSum = ablated.reduce((s, [p, o]) => s + cell(p, o, 'fixed').robustness, 0);
  lines.push(
    `| fixed α | — | ${fixedSum} of ${ablated.length * 7} | ${ablated.length} of ${ablated.length} | 1 |`,
  );
  return lines.join('\n');
}
