/**
 * `report.html` of a match run: one self-contained page (no network, no external files)
 * with the loss and reward curves, α/μ/σ traces, gradient and update norms, parameter
 * trajectories in physical units, target-vs-matched log-mel spectrograms (drawn on
 * `<canvas>` by a few lines of inline script) and audio players for both sounds (WAV
 * embedded as base64).
 *
 * @example
 * ```ts
 * const html = matchReportHtml({ summary, metrics, target, matched, targetLogMel, matchedLogMel });
 * ```
 * @module
 */

import { encodeWav } from '../audio/encode-wav';
import type { MatchSummary, MetricsRow } from '../match/match-records';
import { escapeHtml, lineChart } from './svg-chart';

/** What {@link matchReportHtml} shows. */
export interface MatchReportData {
  /** The run's summary. */
  readonly summary: MatchSummary;
  /** One row per step. */
  readonly metrics: readonly MetricsRow[];
  /** Target audio (mono, at `summary.sample_rate`). */
  readonly target: Float32Array;
  /** Matched audio (mono, same rate). */
  readonly matched: Float32Array;
  /** Log-mel of the target, frames × mels. */
  readonly targetLogMel: readonly (readonly number[])[];
  /** Log-mel of the matched audio, frames × mels. */
  readonly matchedLogMel: readonly (readonly number[])[];
  /** Hop of the spectrograms, samples. */
  readonly hopLength: number;
}

/** Most parameter trajectories drawn (the rest are listed in the table only). */
export const MAX_PARAMETER_PLOTS = 24;

/** Dynamic range shown in the spectrograms, natural-log units (≈ 78 dB). */
export const SPECTROGRAM_RANGE_NATS = 18;

function base64Wav(samples: Float32Array, sampleRateHz: number): string {
  return Buffer.from(encodeWav(samples, sampleRateHz)).toString('base64');
}

function quantiseSpectrogram(rows: readonly (readonly number[])[], top: number): string {
  const frames = rows.length;
  const mels = rows[0]?.length ?? 0;
  const bytes = new Uint8Array(frames * mels);
  for (let t = 0; t < frames; t++) {
    for (let m = 0; m < mels; m++) {
      const v = (rows[t]![m]! - (top - SPECTROGRAM_RANGE_NATS)) / SPECTROGRAM_RANGE_NATS;
      bytes[t * mels + m] = Math.round(255 * Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)));
    }
  }
  return Buffer.from(bytes).toString('base64');
}

function spectrogramFigure(
  id: string,
  label: string,
  rows: readonly (readonly number[])[],
  top: number,
  seconds: number,
): string {
  const frames = rows.length;
  const mels = rows[0]?.length ?? 0;
  return `<figure class="spectrogram"><figcaption>${escapeHtml(label)} — log-mel, ${mels} bands, ${seconds.toFixed(2)} s</figcaption>
<canvas id="${id}" width="${Math.max(frames, 1)}" height="${Math.max(mels, 1)}" data-frames="${frames}" data-mels="${mels}" data-values="${quantiseSpectrogram(rows, top)}"></canvas>
<div class="axis"><span>0 s</span><span>time →</span><span>${seconds.toFixed(2)} s</span></div></figure>`;
}

const fmt = (x: number | null | undefined, digits = 4) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : Number(x.toPrecision(digits)).toString();

/** The warning shown when the match's pitch is off by a harmonic ratio, or undefined. */
export function harmonicWarning(summary: MatchSummary): string | undefined {
  const c = summary.comparison;
  if (c.harmonic_ratio === null) return undefined;
  return `Pitch off by a harmonic ratio (${c.harmonic_ratio}, ${fmt(c.pitch_cents_off, 4)} cents): the match settled on a harmonic of the target's pitch. Try --f0 or --midi with the target's note, or another --seed.`;
}

/** The "Target vs match" section: pitch, loudness, peak and envelope, with the envelope overlay. */
function comparisonSection(summary: MatchSummary): string {
  const c = summary.comparison;
  const warning = harmonicWarning(summary);
  const row = (what: string, target: string, match: string, off: string) =>
    `<tr><td>${what}</td><td class="num">${target}</td><td class="num">${match}</td><td class="num">${off}</td></tr>`;
  const signed = (x: number | null, digits: number) =>
    x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(digits)}`;
  const chart = lineChart({
    title: 'Amplitude envelope',
    x: c.envelope.times_s as number[],
    xLabel: 'time, s',
    yLabel: 'RMS, dBFS',
    series: [
      { name: 'target', values: c.envelope.target_db },
      { name: 'match', values: c.envelope.match_db, dashed: true },
    ],
  });
  return `<h2>Target vs match</h2>
${warning ? `<p class="warning" id="harmonic-warning">⚠ ${escapeHtml(warning)}</p>` : ''}
${c.clipped ? `<p class="warning" id="clip-warning">⚠ The match peaks at ${fmt(c.match_peak, 3)} (${fmt(20 * Math.log10(c.match_peak), 3)} dBFS) and clips when written as PCM.</p>` : ''}
<div class="row">
<table id="comparison">
<thead><tr><th>measured on the audio</th><th class="num">target</th><th class="num">match</th><th class="num">match − target</th></tr></thead>
<tbody>
${row('pitch f0, Hz', fmt(c.target_f0_hz, 5), fmt(c.match_f0_hz, 5), `${signed(c.pitch_cents_off, 0)} cents`)}
${row('loudness (RMS), dBFS', fmt(c.target_rms_db, 3), fmt(c.match_rms_db, 3), `${signed(c.loudness_error_db, 1)} dB`)}
${row('peak |sample|', '', fmt(c.match_peak, 3), c.clipped ? 'clips' : 'no clipping')}
${row('envelope correlation', '', '', fmt(c.envelope_correlation, 3))}
</tbody>
</table>
${chart}
</div>
<p class="note">Start: ${summary.init === 'analysis' ? `the target's analysis${summary.f0_hint_hz === null ? '' : ` with the pitch hint ${fmt(summary.f0_hint_hz, 5)} Hz`}` : "the synth's own values"}.</p>`;
}

/** Builds the whole page. */
export function matchReportHtml(data: MatchReportData): string {
  const { summary, metrics } = data;
  const steps = metrics.map((m) => m.step);
  const rate = summary.sample_rate;
  const charts: string[] = [];
  charts.push(
    lineChart({
      title: 'Loss',
      x: steps,
      logY: true,
      yLabel: 'loss (log scale)',
      series: [
        { name: 'loss', values: metrics.map((m) => m.loss) },
        { name: 'best loss', values: metrics.map((m) => m.best_loss), dashed: true },
      ],
    }),
  );
  charts.push(
    lineChart({
      title: 'Reward',
      x: steps,
      yLabel: 'reward (0..1)',
      series: [
        { name: 'audio reward R_aud', values: metrics.map((m) => m.reward) },
        { name: 'composite reward R', values: metrics.map((m) => m.composite_reward), dashed: true },
      ],
    }),
  );
  charts.push(
    lineChart({
      title: 'Learning rate α',
      x: steps,
      logY: true,
      yLabel: 'α',
      series: [{ name: 'α', values: metrics.map((m) => m.alpha) }],
    }),
    lineChart({
      title: 'Momentum μ',
      x: steps,
      yLabel: 'μ',
      series: [{ name: 'μ', values: metrics.map((m) => m.mu), color: '#f28e2b' }],
    }),
    lineChart({
      title: 'Dither σ',
      x: steps,
      logY: true,
      yLabel: 'σ',
      series: [{ name: 'σ', values: metrics.map((m) => m.sigma), color: '#e15759' }],
    }),
    lineChart({
      title: 'Gradient and update norms',
      x: steps,
      logY: true,
      yLabel: 'L2 norm (normalised units)',
      series: [
        { name: '‖g‖', values: metrics.map((m) => m.gradient_norm) },
        { name: '‖Δθ‖', values: metrics.map((m) => m.update_norm), dashed: true },
      ],
    }),
  );
  const parameterCharts = summary.parameters.slice(0, MAX_PARAMETER_PLOTS).map((p, i) =>
    lineChart({
      title: p.name,
      x: steps,
      yLabel: p.unit,
      width: 300,
      height: 170,
      series: [{ name: p.name, values: metrics.map((m) => m.parameters[i]), color: '#59a14f' }],
    }),
  );
  const tops = [...data.targetLogMel, ...data.matchedLogMel].flat();
  let top = Number.NEGATIVE_INFINITY;
  for (const v of tops) if (Number.isFinite(v)) top = Math.max(top, v);
  if (!Number.isFinite(top)) top = 0;
  const targetSeconds = data.target.length / rate;
  const matchedSeconds = data.matched.length / rate;
  const parameterRows = summary.parameters
    .map(
      (p) =>
        `<tr><td>${escapeHtml(p.name)}</td><td class="num">${fmt(p.initial, 5)}</td><td class="num">${fmt(p.value, 5)}</td><td>${escapeHtml(p.unit)}</td><td class="num">${fmt(p.min)} … ${fmt(p.max)}</td></tr>`,
    )
    .join('\n');
  const source = summary.preset ? `preset ${summary.preset}` : `patch ${summary.patch ?? ''}`;
  const title = `ae-ddsp match — ${summary.target}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  :root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; }
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 24px auto; max-width: 1280px; padding: 0 16px; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
  .facts { color: var(--muted); margin: 0 0 12px; }
  .facts b { color: var(--fg); }
  .row { display: flex; flex-wrap: wrap; gap: 16px; }
  .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
  .players .card { flex: 1 1 300px; } audio { width: 100%; }
  .spectrogram { margin: 0; flex: 1 1 420px; } .spectrogram canvas { width: 100%; height: 220px; image-rendering: pixelated; border: 1px solid var(--line); display: block; }
  .spectrogram figcaption { font-weight: 600; margin-bottom: 4px; }
  .axis { display: flex; justify-content: space-between; color: var(--muted); font-size: 12px; }
  svg.chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; }
  .chart-title { font-weight: 600; font-size: 13px; fill: var(--fg); }
  .plot-area { fill: #fafbfc; stroke: var(--line); } .grid { stroke: #e6eaef; } .tick, .legend, .axis-label { font-size: 11px; fill: var(--muted); }
  table { border-collapse: collapse; } td, th { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; } .num { text-align: right; font-variant-numeric: tabular-nums; }
  .note { color: var(--muted); font-size: 12px; }
  .warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 6px 10px; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="facts">${escapeHtml(source)} · method <b>${escapeHtml(summary.method)}</b> · seed ${summary.seed} · <b>${summary.steps}</b> steps (${summary.evaluations} synth evaluations) in ${summary.time_s.toFixed(1)} s · ${rate} Hz · loss <b>${fmt(summary.initial_loss)}</b> → <b>${fmt(summary.final_loss)}</b>${summary.best_step === null ? '' : ` (best at step ${summary.best_step})`}${summary.window ? ` · windowed: ${summary.window.samples} samples, hop ${summary.window.hop}` : ''} · peak ${summary.peak_dbfs.toFixed(1)} dBFS</p>
<p class="note">Loss: ${escapeHtml(summary.loss)}. Written by @ae-ddsp/cli ${escapeHtml(summary.version)}.</p>

${comparisonSection(summary)}

<h2>Listen</h2>
<div class="row players">
  <div class="card"><div><b>Target</b> (${targetSeconds.toFixed(2)} s)</div><audio id="target-audio" controls preload="metadata" src="data:audio/wav;base64,${base64Wav(data.target, rate)}"></audio></div>
  <div class="card"><div><b>Matched</b> (${matchedSeconds.toFixed(2)} s)</div><audio id="matched-audio" controls preload="metadata" src="data:audio/wav;base64,${base64Wav(data.matched, rate)}"></audio></div>
</div>

<h2>Spectrograms</h2>
<div class="row">
${spectrogramFigure('target-spectrogram', 'Target', data.targetLogMel, top, targetSeconds)}
${spectrogramFigure('matched-spectrogram', 'Matched', data.matchedLogMel, top, matchedSeconds)}
</div>
<p class="note">Shared colour scale: the top ${SPECTROGRAM_RANGE_NATS} natural-log units (about ${Math.round((SPECTROGRAM_RANGE_NATS * 10) / Math.LN10)} dB) below the loudest band; low mel bands at the bottom; hop ${data.hopLength} samples.</p>

<h2>Optimisation</h2>
<div class="row">
${charts.join('\n')}
</div>

<h2>Parameter trajectories</h2>
<div class="row">
${parameterCharts.join('\n')}
</div>
${summary.parameters.length > MAX_PARAMETER_PLOTS ? `<p class="note">${summary.parameters.length - MAX_PARAMETER_PLOTS} more parameters are listed in the table below and in metrics.jsonl.</p>` : ''}

<h2>Matched parameters</h2>
<table>
<thead><tr><th>parameter</th><th class="num">initial</th><th class="num">matched</th><th>unit</th><th class="num">range</th></tr></thead>
<tbody>
${parameterRows}
</tbody>
</table>

<script>
(function () {
  // Viridis-like colour map, 5 anchors interpolated linearly.
  var anchors = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function colour(v) {
    var x = (v / 255) * (anchors.length - 1), i = Math.min(anchors.length - 2, Math.floor(x)), f = x - i;
    var a = anchors[i], b = anchors[i + 1];
    return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1]), a[2] + f * (b[2] - a[2])];
  }
  var canvases = document.querySelectorAll('canvas[data-values]');
  for (var c = 0; c < canvases.length; c++) {
    var canvas = canvases[c];
    var frames = Number(canvas.dataset.frames), mels = Number(canvas.dataset.mels);
    if (!frames || !mels) continue;
    var raw = atob(canvas.dataset.values);
    var ctx = canvas.getContext('2d');
    var image = ctx.createImageData(frames, mels);
    for (var t = 0; t < frames; t++) {
      for (var m = 0; m < mels; m++) {
        var rgb = colour(raw.charCodeAt(t * mels + m));
        var p = ((mels - 1 - m) * frames + t) * 4; // low bands at the bottom
        image.data[p] = rgb[0]; image.data[p + 1] = rgb[1]; image.data[p + 2] = rgb[2]; image.data[p + 3] = 255;
      }
    }
    ctx.putImageData(image, 0, 0);
    canvas.dataset.drawn = 'true';
  }
})();
</script>
</body>
</html>
`;
}
