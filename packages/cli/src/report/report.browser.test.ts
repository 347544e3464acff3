/// <reference lib="dom" />
// report.html of a real `ae-ddsp match` run, opened in headless Chromium: it loads offline
// with no console errors, every plot is drawn, both players decode their embedded WAV.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBinary } from '../test-support/binary';
import { launchChromium } from '../test-support/chromium';
import { temporaryFolder } from '../test-support/fixtures';

const EXAMPLE = fileURLToPath(new URL('../../examples/sawlead_62.wav', import.meta.url));
const folder = temporaryFolder();
let browser: Browser;

beforeAll(async () => {
  const run = await runBinary([
    'match',
    EXAMPLE,
    '--preset',
    'fm',
    '--steps',
    '12',
    '--out',
    folder.dir,
    '--quiet',
  ]);
  if (run.status !== 0) throw new Error(`match failed: ${run.stderr}`);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  folder.remove();
});

describe('report.html in Chromium', () => {
  it('loads offline without errors, draws every plot and both spectrograms, and plays both sounds', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (!/^(file|data):/.test(request.url())) requests.push(request.url());
    });
    await page.goto(`file://${join(folder.dir, 'report.html')}`, { waitUntil: 'load' });

    const charts = await page.evaluate(() =>
      Array.from(document.querySelectorAll('svg.chart')).map((svg) => ({
        title: svg.getAttribute('aria-label'),
        points: Array.from(svg.querySelectorAll('path.series')).map(
          (path) => (path.getAttribute('d') ?? '').split(/[ML]/).filter((s) => s.trim()).length,
        ),
        width: svg.getBoundingClientRect().width,
      })),
    );
    const titles = charts.map((c) => c.title);
    for (const title of [
      'Loss',
      'Reward',
      'Learning rate α',
      'Momentum μ',
      'Dither σ',
      'Gradient and update norms',
    ]) {
      expect(titles).toContain(title);
    }
    // The target-vs-match envelope overlay: both RMS envelopes, one point per 5 ms frame of 1 s.
    const envelope = charts.find((c) => c.title === 'Amplitude envelope')!;
    expect(envelope.points).toHaveLength(2);
    for (const points of envelope.points) expect(points).toBeGreaterThan(150);
    const stepCharts = charts.filter((c) => c !== envelope);
    // fm has 14 parameters (its envelope's note-off is learned): one trajectory chart each.
    expect(stepCharts.length).toBe(6 + 14);
    for (const chart of stepCharts) {
      expect(chart.width).toBeGreaterThan(100);
      // Every chart has a series drawn through all 12 steps (μ may sit at a bound but is still drawn).
      expect(Math.max(...chart.points), chart.title ?? '').toBe(12);
    }

    const spectrograms = await page.evaluate(() =>
      Array.from(document.querySelectorAll('canvas')).map((canvas) => {
        const context = canvas.getContext('2d')!;
        const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
        const levels = new Set<number>();
        let opaque = 0;
        for (let i = 0; i < data.length; i += 4) {
          levels.add(data[i]! * 65536 + data[i + 1]! * 256 + data[i + 2]!);
          if (data[i + 3] === 255) opaque++;
        }
        return {
          id: canvas.id,
          drawn: canvas.dataset['drawn'],
          colours: levels.size,
          opaque,
          pixels: data.length / 4,
        };
      }),
    );
    expect(spectrograms.map((s) => s.id)).toEqual(['target-spectrogram', 'matched-spectrogram']);
    for (const s of spectrograms) {
      expect(s.drawn).toBe('true');
      expect(s.opaque).toBe(s.pixels); // 63 frames x 64 mels, every pixel painted
      expect(s.pixels).toBe(63 * 64);
      expect(s.colours).toBeGreaterThan(50); // a real spectrogram, not a flat fill
    }

    const durations = await page.evaluate(() =>
      Promise.all(
        Array.from(document.querySelectorAll('audio')).map(
          (audio) =>
            new Promise<number>((resolve) => {
              if (audio.readyState >= 1) resolve(audio.duration);
              else audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
              audio.addEventListener('error', () => resolve(-1), { once: true });
            }),
        ),
      ),
    );
    expect(durations.length).toBe(2);
    for (const d of durations) expect(d).toBeCloseTo(1, 2);

    const screenshot = join(tmpdir(), 'ae-ddsp-report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 60_000);
});
