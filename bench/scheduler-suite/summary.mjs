// Turns the suite's runs into one row per problem × optimiser × schedule: the median final
// loss over seeds for every α0, the best of the sweep, and how many α0 end within 2× of the
// best fixed-α cell.
export const WITHIN = 2;

export function summarise(runs) {
  const groups = new Map();
  for (const r of runs) {
    const key = `${r.problem}\u0000${r.optimiser}\u0000${r.method}`;
    if (!groups.has(key))
      groups.set(key, { problem: r.problem, optimiser: r.optimiser, method: r.method, cells: new Map() });
    const cells = groups.get(key).cells;
    if (!cells.has(r.learningRate)) cells.set(r.learningRate, []);
    cells.get(r.learningRate).push(r.final);
  }
  const rows = [...groups.values()].map((g) => {
    const cells = [...g.cells.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([learningRate, finals]) => ({ learningRate, median: median(finals), seeds: finals.length }));
    const best = cells.reduce((a, c) => (c.median < a.median ? c : a), cells[0]);
    return {
      problem: g.problem,
      optimiser: g.optimiser,
      method: g.method,
      cells,
      bestOfSweep: best.median,
      bestLearningRate: best.learningRate,
    };
  });
  for (const row of rows) {
    const fixed = rows.find(
      (r) => r.problem === row.problem && r.optimiser === row.optimiser && r.method === 'fixed',
    );
    const target = fixed ? fixed.bestOfSweep : Number.NaN;
    row.bestFixed = target;
    row.ratioToFixed = row.bestOfSweep / target;
    row.sweep = row.cells.length;
    row.robustness = row.cells.filter((c) => c.median <= WITHIN * target).length;
  }
  return rows;
}

/** Median, with non-finite values (diverged runs) counted as +Infinity. */
export function median(values) {
  const v = values.map((x) => (Number.isFinite(x) ? x : Number.POSITIVE_INFINITY)).sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : v[m - 1] === v[m] ? v[m] : (v[m - 1] + v[m]) / 2;
}
