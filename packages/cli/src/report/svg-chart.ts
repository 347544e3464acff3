/**
 * Small, dependency-free SVG line charts for the report: axes with round tick values,
 * linear or logarithmic y, several series with a legend, gaps for non-finite values.
 *
 * @example
 * ```ts
 * const svg = lineChart({ title: 'loss', x: [0, 1, 2], series: [{ name: 'loss', values: [3, 2, 1] }], logY: true });
 * ```
 * @module
 */

/** One series of a {@link lineChart}. */
export interface ChartSeries {
  /** Legend label. */
  readonly name: string;
  /** One y value per x (non-finite values leave a gap). */
  readonly values: readonly (number | null | undefined)[];
  /** Stroke colour (CSS). Default: from the palette. */
  readonly color?: string;
  /** Dashed line. */
  readonly dashed?: boolean;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  /** Title above the plot. */
  readonly title: string;
  /** x values (shared by all series). */
  readonly x: readonly number[];
  /** The series. */
  readonly series: readonly ChartSeries[];
  /** Logarithmic y axis (non-positive values leave gaps). */
  readonly logY?: boolean;
  /** x axis label. Default `step`. */
  readonly xLabel?: string;
  /** y axis label (with unit). */
  readonly yLabel?: string;
  /** Width in CSS pixels. Default 460. */
  readonly width?: number;
  /** Height in CSS pixels. Default 220. */
  readonly height?: number;
}

/** Colours of successive series (colour-blind-friendly Tableau 10). */
export const CHART_PALETTE: readonly string[] = Object.freeze([
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
]);

/** Escapes text for HTML/SVG content and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Round tick values covering [lo, hi] (about `count` of them). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * Tick positions (log10 of the value) for a log axis spanning [lo, hi] in log10 units:
 * whole decades when at least two fit, else round values within the range.
 */
export function logTicks(lo: number, hi: number): number[] {
  const decades: number[] = [];
  for (let d = Math.ceil(lo - 1e-9); d <= hi + 1e-9; d++) decades.push(d);
  if (decades.length >= 2) {
    const stride = Math.ceil(decades.length / 6);
    return decades.filter((d) => (d - decades[0]!) % stride === 0);
  }
  return niceTicks(10 ** lo, 10 ** hi, 4)
    .filter((v) => v > 0)
    .map(Math.log10)
    .filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9);
}

/** Short label of a tick value. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const a = Math.abs(value);
  if (a >= 1e4 || a < 1e-3) return value.toExponential(0).replace('e+', 'e');
  return String(Number(value.toPrecision(3)));
}

/** An inline `<svg>` line chart (class `chart`, one `<path class="series">` per series). */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 460;
  const height = options.height ?? 220;
  const margin = { left: 58, right: 12, top: 28, bottom: 36 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const logY = options.logY === true;
  const ty = (v: number) => (logY ? Math.log10(v) : v);
  const usable = (v: number | null | undefined): v is number =>
    typeof v === 'number' && Number.isFinite(v) && (!logY || v > 0);
  const xs = options.x;
  const xLo = xs.length ? Math.min(...xs) : 0;
  const xHi = xs.length ? Math.max(...xs) : 1;
  let yLo = Number.POSITIVE_INFINITY;
  let yHi = Number.NEGATIVE_INFINITY;
  for (const s of options.series) {
    for (const v of s.values) {
      if (usable(v)) {
        yLo = Math.min(yLo, ty(v));
        yHi = Math.max(yHi, ty(v));
      }
    }
  }
  if (!Number.isFinite(yLo)) {
    yLo = 0;
    yHi = 1;
  }
  if (yHi - yLo < 1e-12 * Math.max(1, Math.abs(yHi))) {
    const pad = Math.abs(yHi) > 0 ? Math.abs(yHi) * 0.05 : 0.5;
    yLo -= pad;
    yHi += pad;
  }
  const px = (x: number) => margin.left + (xHi > xLo ? ((x - xLo) / (xHi - xLo)) * plotW : plotW / 2);
  const py = (y: number) => margin.top + plotH - ((y - yLo) / (yHi - yLo)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(options.title)}">`,
    `<text x="${margin.left}" y="17" class="chart-title">${escapeHtml(options.title)}</text>`,
    `<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" class="plot-area"/>`,
  );
  const yTicks = logY ? logTicks(yLo, yHi) : niceTicks(yLo, yHi);
  for (const t of yTicks) {
    const y = py(t).toFixed(1);
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotW}" y1="${y}" y2="${y}" class="grid"/>`,
      `<text x="${margin.left - 6}" y="${y}" class="tick" text-anchor="end" dominant-baseline="middle">${escapeHtml(formatTick(logY ? 10 ** t : t))}</text>`,
    );
  }
  for (const t of niceTicks(xLo, xHi, 6)) {
    const x = px(t).toFixed(1);
    parts.push(
      `<text x="${x}" y="${margin.top + plotH + 14}" class="tick" text-anchor="middle">${escapeHtml(formatTick(t))}</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotW / 2}" y="${height - 4}" class="axis-label" text-anchor="middle">${escapeHtml(options.xLabel ?? 'step')}</text>`,
  );
  if (options.yLabel) {
    parts.push(
      `<text transform="translate(12 ${margin.top + plotH / 2}) rotate(-90)" class="axis-label" text-anchor="middle">${escapeHtml(options.yLabel)}</text>`,
    );
  }
  options.series.forEach((s, index) => {
    const color = s.color ?? CHART_PALETTE[index % CHART_PALETTE.length]!;
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (!usable(v) || i >= xs.length) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(xs[i]!).toFixed(1)} ${py(ty(v)).toFixed(1)}`;
      pen = true;
    });
    parts.push(
      `<path class="series" d="${d}" fill="none" stroke="${color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="4 3"' : ''}><title>${escapeHtml(s.name)}</title></path>`,
    );
  });
  if (options.series.length > 1) {
    options.series.forEach((s, index) => {
      const color = s.color ?? CHART_PALETTE[index % CHART_PALETTE.length]!;
      const x = margin.left + 8 + (index % 3) * Math.floor(plotW / 3);
      const y = margin.top + 12 + Math.floor(index / 3) * 13;
      parts.push(
        `<line x1="${x}" x2="${x + 14}" y1="${y - 3}" y2="${y - 3}" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
        `<text x="${x + 18}" y="${y}" class="legend">${escapeHtml(s.name)}</text>`,
      );
    });
  }
  parts.push('</svg>');
  return parts.join('');
}
