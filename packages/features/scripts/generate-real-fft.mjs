#!/usr/bin/env node
/**
 * Writes `src/fft/real-fft.generated.ts`: the unrolled butterflies of the real FFT
 * (`src/fft/real-fft.ts`). Every radix-4 and radix-8 DFT below is the same few lines of
 * straight-line arithmetic, emitted here from one template each so the kernels stay in
 * registers without anyone copying them by hand.
 *
 * Usage: `node scripts/generate-real-fft.mjs` rewrites the file; `--stdout` prints it instead
 * (the test `real-fft.generated.test.ts` checks the committed file is exactly this output).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Indents each line by `depth` spaces. */
const indent = (depth, lines) => lines.map((line) => ' '.repeat(depth) + line);

/** `j·m/R`-style index expression: `i + j` (or `i + 0`). */
const at = (i, j) => `${i} + ${j}`;

/** Loads of the points `a{j}` from `re/im[index(j)]` for j < r (suffix `s` on the names). */
function loads(r, index, s = '') {
  const lines = [];
  for (let j = 0; j < r; j++)
    lines.push(`const a${j}r${s} = re[${index(j)}]!;`, `const a${j}i${s} = im[${index(j)}]!;`);
  return lines;
}

/** Stores `x{j}` to `re/im[index(j)]` for j < r. */
function stores(r, index, s = '') {
  const lines = [];
  for (let j = 0; j < r; j++) lines.push(`re[${index(j)}] = x${j}r${s};`, `im[${index(j)}] = x${j}i${s};`);
  return lines;
}

/** Loads `a{j}` (j ≥ 1) as `re/im[index(j)]` times the twiddle `w{j}` (decimation in time). */
function twiddledLoads(r, index) {
  const lines = [`const a0r = re[${index(0)}]!;`, `const a0i = im[${index(0)}]!;`];
  for (let j = 1; j < r; j++) {
    lines.push(
      `${j === 1 ? 'let ' : ''}xr = re[${index(j)}]!;`,
      `${j === 1 ? 'let ' : ''}xi = im[${index(j)}]!;`,
      `const a${j}r = xr * w${j}r - xi * w${j}i;`,
      `const a${j}i = xr * w${j}i + xi * w${j}r;`,
    );
  }
  return lines;
}

/** Stores `x{j}` times the twiddle `w{j}` (j ≥ 1) to `re/im[index(j)]` (decimation in frequency). */
function twiddledStores(r, index) {
  const lines = [`re[${index(0)}] = x0r;`, `im[${index(0)}] = x0i;`];
  for (let j = 1; j < r; j++) {
    lines.push(
      `re[${index(j)}] = x${j}r * w${j}r - x${j}i * w${j}i;`,
      `im[${index(j)}] = x${j}r * w${j}i + x${j}i * w${j}r;`,
    );
  }
  return lines;
}

/** Twiddle-free DFT of 4 points `a0..a3` into `x0..x3`. */
function dft4(s = '') {
  return [
    `const t0r${s} = a0r${s} + a2r${s};`,
    `const t0i${s} = a0i${s} + a2i${s};`,
    `const t1r${s} = a0r${s} - a2r${s};`,
    `const t1i${s} = a0i${s} - a2i${s};`,
    `const t2r${s} = a1r${s} + a3r${s};`,
    `const t2i${s} = a1i${s} + a3i${s};`,
    `const t3r${s} = a1r${s} - a3r${s};`,
    `const t3i${s} = a1i${s} - a3i${s};`,
    `const x0r${s} = t0r${s} + t2r${s};`,
    `const x0i${s} = t0i${s} + t2i${s};`,
    `const x2r${s} = t0r${s} - t2r${s};`,
    `const x2i${s} = t0i${s} - t2i${s};`,
    `const x1r${s} = t1r${s} + t3i${s};`,
    `const x1i${s} = t1i${s} - t3r${s};`,
    `const x3r${s} = t1r${s} - t3i${s};`,
    `const x3i${s} = t1i${s} + t3r${s};`,
  ];
}

/** Twiddle-free DFT of 8 points `a0..a7` into `x0..x7`: two DFT4s (even, odd) and W8 rotations. */
function dft8(s = '') {
  const v = (name) => `${name}${s}`;
  return [
    `let ${v('t0r')} = ${v('a0r')} + ${v('a4r')};`,
    `let ${v('t0i')} = ${v('a0i')} + ${v('a4i')};`,
    `let ${v('t1r')} = ${v('a0r')} - ${v('a4r')};`,
    `let ${v('t1i')} = ${v('a0i')} - ${v('a4i')};`,
    `let ${v('t2r')} = ${v('a2r')} + ${v('a6r')};`,
    `let ${v('t2i')} = ${v('a2i')} + ${v('a6i')};`,
    `let ${v('t3r')} = ${v('a2r')} - ${v('a6r')};`,
    `let ${v('t3i')} = ${v('a2i')} - ${v('a6i')};`,
    `const ${v('e0r')} = ${v('t0r')} + ${v('t2r')};`,
    `const ${v('e0i')} = ${v('t0i')} + ${v('t2i')};`,
    `const ${v('e2r')} = ${v('t0r')} - ${v('t2r')};`,
    `const ${v('e2i')} = ${v('t0i')} - ${v('t2i')};`,
    `const ${v('e1r')} = ${v('t1r')} + ${v('t3i')};`,
    `const ${v('e1i')} = ${v('t1i')} - ${v('t3r')};`,
    `const ${v('e3r')} = ${v('t1r')} - ${v('t3i')};`,
    `const ${v('e3i')} = ${v('t1i')} + ${v('t3r')};`,
    `${v('t0r')} = ${v('a1r')} + ${v('a5r')};`,
    `${v('t0i')} = ${v('a1i')} + ${v('a5i')};`,
    `${v('t1r')} = ${v('a1r')} - ${v('a5r')};`,
    `${v('t1i')} = ${v('a1i')} - ${v('a5i')};`,
    `${v('t2r')} = ${v('a3r')} + ${v('a7r')};`,
    `${v('t2i')} = ${v('a3i')} + ${v('a7i')};`,
    `${v('t3r')} = ${v('a3r')} - ${v('a7r')};`,
    `${v('t3i')} = ${v('a3i')} - ${v('a7i')};`,
    `const ${v('o0r')} = ${v('t0r')} + ${v('t2r')};`,
    `const ${v('o0i')} = ${v('t0i')} + ${v('t2i')};`,
    '// O2·(−i)',
    `const ${v('o2r')} = ${v('t0i')} - ${v('t2i')};`,
    `const ${v('o2i')} = ${v('t2r')} - ${v('t0r')};`,
    `let ${v('pr')} = ${v('t1r')} + ${v('t3i')};`,
    `let ${v('pi')} = ${v('t1i')} - ${v('t3r')};`,
    '// O1·W8, W8 = (1 − i)/√2',
    `const ${v('o1r')} = H * (${v('pr')} + ${v('pi')});`,
    `const ${v('o1i')} = H * (${v('pi')} - ${v('pr')});`,
    `${v('pr')} = ${v('t1r')} - ${v('t3i')};`,
    `${v('pi')} = ${v('t1i')} + ${v('t3r')};`,
    '// O3·W8³, W8³ = (−1 − i)/√2',
    `const ${v('o3r')} = H * (${v('pi')} - ${v('pr')});`,
    `const ${v('o3i')} = -H * (${v('pr')} + ${v('pi')});`,
    ...[0, 1, 2, 3].flatMap((j) => [
      `const ${v(`x${j}r`)} = ${v(`e${j}r`)} + ${v(`o${j}r`)};`,
      `const ${v(`x${j}i`)} = ${v(`e${j}i`)} + ${v(`o${j}i`)};`,
      `const ${v(`x${j + 4}r`)} = ${v(`e${j}r`)} - ${v(`o${j}r`)};`,
      `const ${v(`x${j + 4}i`)} = ${v(`e${j}i`)} - ${v(`o${j}i`)};`,
    ]),
  ];
}

const DFT = { 2: null, 4: dft4, 8: dft8 };

/** Bit reversal of j < r (r = 4 or 8): the block a DIT butterfly's input j comes from. */
const bitReverse = (j, r) => (r === 4 ? [0, 2, 1, 3] : [0, 4, 2, 6, 1, 5, 3, 7])[j];

/** The twiddle loads `w{j}r/i` (j < r) of butterfly k from the stage table at `w`. */
function twiddleLoads(r) {
  const lines = [];
  for (let j = 1; j < r; j++)
    lines.push(`const w${j}r = tw[w + ${2 * j - 2}]!;`, `const w${j}i = tw[w + ${2 * j - 1}]!;`);
  return lines;
}

/** One radix-r stage, decimation in time (`dif` false) or its transpose in frequency. */
function stage(r, dif) {
  const name = `radix${r}${dif ? 'Dif' : ''}`;
  const doc = dif
    ? `/** One radix-${r} decimation-in-frequency stage (the transpose of {@link radix${r}}): DFT${r}, twiddle, store to the bit-reversed blocks. */`
    : `/** One radix-${r} DIT stage combining blocks of length q (block p holds A_{bitrev(p)}), in place. */`;
  const index = (j) => `i${j}`;
  const blockIndex = (j) => `i${bitReverse(j, r)}`;
  const body = [
    ...Array.from({ length: r }, (_, j) =>
      j === 0 ? 'const i0 = base + k;' : `const i${j} = i${j - 1} + q;`,
    ),
    ...(dif ? loads(r, index) : twiddledLoads(r, blockIndex)),
    ...DFT[r](),
    ...(dif ? twiddledStores(r, blockIndex) : stores(r, index)),
  ];
  return [
    doc,
    `export function ${name}(`,
    '  re: Float64Array,',
    '  im: Float64Array,',
    '  m: number,',
    '  q: number,',
    '  tw: Float64Array,',
    '  t0: number,',
    '): void {',
    `  const span = ${r} * q;`,
    '  for (let k = 0; k < q; k++) {',
    `    const w = t0 + ${2 * (r - 1)} * k;`,
    ...indent(4, twiddleLoads(r)),
    '    for (let base = 0; base < m; base += span) {',
    ...indent(6, body),
    '    }',
    '  }',
    '}',
  ];
}

/** In place, the twiddle-free radix-r DFT of r consecutive points. */
function dftAt(r) {
  const index = (j) => at('i', j);
  const core =
    r === 2
      ? [
          'const x0r = a0r + a1r;',
          'const x0i = a0i + a1i;',
          'const x1r = a0r - a1r;',
          'const x1i = a0i - a1i;',
        ]
      : DFT[r]();
  return [
    `/** In place, a twiddle-free radix-${r} DFT of the ${r} consecutive points from index i. */`,
    `export function dft${r}At(re: Float64Array, im: Float64Array, i: number): void {`,
    '  {',
    ...indent(4, [...loads(r, index), ...core, ...stores(r, index)]),
    '  }',
    '}',
  ];
}

/** The last stage's twiddles W^k, W^2k, W^3k from the stored W^k. */
const lastTwiddles = [
  'const w1r = tw[t0 + 2 * k]!;',
  'const w1i = tw[t0 + 2 * k + 1]!;',
  'const w2r = w1r * w1r - w1i * w1i;',
  'const w2i = 2 * w1r * w1i;',
  'const w3r = w2r * w1r - w2i * w1i;',
  'const w3i = w2r * w1i + w2i * w1r;',
  'const i0 = k;',
  'const i1 = i0 + q;',
  'const i2 = i1 + q;',
  'const i3 = i2 + q;',
];

function windowDif4() {
  const windowedLoads = [];
  for (let j = 0; j < 4; j++) {
    windowedLoads.push(
      `const a${j}r = src[o + 2 * i${j}]! * w[2 * i${j}]!;`,
      `const a${j}i = src[o + 2 * i${j} + 1]! * w[2 * i${j} + 1]!;`,
    );
  }
  return [
    '/**',
    ' * First forward pass: the windowed samples as complex points z_p = w[2p]·x[2p] + i·w[2p+1]·x[2p+1]',
    ' * in natural order (four sequential streams), each radix-4 decimation-in-frequency butterfly',
    ' * k < q = m/4 (DFT4 of z_{k + s·q}, then twiddles W^{jk}, outputs to the bit-reversed blocks).',
    ' */',
    'export function windowDif4(',
    '  src: ArrayLike<number>,',
    '  o: number,',
    '  w: ArrayLike<number>,',
    '  re: Float64Array,',
    '  im: Float64Array,',
    '  q: number,',
    '  tw: Float64Array,',
    '  t0: number,',
    '): void {',
    '  for (let k = 0; k < q; k++) {',
    ...indent(4, [
      ...lastTwiddles,
      ...windowedLoads,
      ...dft4(),
      ...twiddledStores(4, (j) => `i${bitReverse(j, 4)}`),
    ]),
    '  }',
    '}',
  ];
}

function ditWindowAdd4() {
  const adds = [];
  for (let j = 0; j < 4; j++) {
    adds.push(
      `const s${j} = o + 2 * i${j};`,
      `out[s${j}] = out[s${j}]! + x${j}i * w[2 * i${j}]!;`,
      `out[s${j} + 1] = out[s${j} + 1]! + x${j}r * w[2 * i${j} + 1]!;`,
    );
  }
  return [
    '/**',
    ' * Last adjoint pass, the transpose of {@link windowDif4} on the re/im-swapped workspace: each',
    ' * radix-4 DIT butterfly k < q = m/4, its outputs un-swapped, windowed and added to out at the',
    ' * samples of points k + s·q (four sequential streams).',
    ' */',
    'export function ditWindowAdd4(',
    '  re: Float64Array,',
    '  im: Float64Array,',
    '  q: number,',
    '  tw: Float64Array,',
    '  t0: number,',
    '  w: ArrayLike<number>,',
    '  out: Float64Array,',
    '  o: number,',
    '): void {',
    '  for (let k = 0; k < q; k++) {',
    ...indent(4, [...lastTwiddles, ...twiddledLoads(4, (j) => `i${bitReverse(j, 4)}`), ...dft4(), ...adds]),
    '  }',
    '}',
  ];
}

/** Shared opening of the fused group-and-split loops over pairs of group bases. */
const pairLoop = [
  '  const groups = m >> 3;',
  '  const h = groups >> 1;',
  '  for (let base = 1; base < h; base++) {',
  '    const p = rev[base]! * 8;',
  '    const p2 = rev[groups - base]! * 8;',
];

function groups8AndSplit() {
  const splits = [];
  for (let j = 0; j < 8; j++) {
    const a = `x${j}`;
    const b = `x${7 - j}`;
    splits.push(
      '{',
      ...indent(2, [
        `const k = o + base + ${j} * groups;`,
        `const l = o + m - base - ${j} * groups;`,
        `const er = 0.5 * (${a}rA + ${b}rB);`,
        `const ei = 0.5 * (${a}iA - ${b}iB);`,
        `const or = 0.5 * (${a}iA + ${b}iB);`,
        `const oi = -0.5 * (${a}rA - ${b}rB);`,
        `const ck = c[base + ${j} * groups]!;`,
        `const sk = s[base + ${j} * groups]!;`,
        'const tr = ck * or + sk * oi;',
        'const ti = ck * oi - sk * or;',
        'outRe[k] = er + tr;',
        'outIm[k] = ei + ti;',
        'outRe[l] = er - tr;',
        'outIm[l] = ti - ei;',
      ]),
      '}',
    );
  }
  return [
    '/**',
    " * The forward's groups of 8 (radix-8 DFT of each 8 consecutive points) fused with the split",
    ' * step, in registers: for group bases P = 1..m/16 − 1 the groups holding points P + j·m/8 and',
    ' * m/8 − P + j·m/8 are transformed and every bin pair (P + j·m/8, m − P − j·m/8) between them is',
    ' * split and written at once.',
    ' */',
    'export function groups8AndSplit(',
    '  re: Float64Array,',
    '  im: Float64Array,',
    '  rev: Int32Array,',
    '  m: number,',
    '  c: Float64Array,',
    '  s: Float64Array,',
    '  outRe: Float64Array,',
    '  outIm: Float64Array,',
    '  o: number,',
    '): void {',
    ...pairLoop,
    ...indent(4, [
      ...loads(8, (j) => at('p', j), 'A'),
      ...dft8('A'),
      ...loads(8, (j) => at('p2', j), 'B'),
      ...dft8('B'),
      ...splits,
    ]),
    '  }',
    '}',
  ];
}

function splitAdjointAndGroups8() {
  const splits = [];
  for (let j = 0; j < 8; j++) {
    splits.push(
      `const k${j} = o + base + ${j} * groups;`,
      `const l${j} = o + m - base - ${j} * groups;`,
      `const ar${j} = gRe[k${j}]!;`,
      `const ai${j} = gIm[k${j}]!;`,
      `const br${j} = gRe[l${j}]!;`,
      `const bi${j} = gIm[l${j}]!;`,
      `const sr${j} = 0.5 * (ar${j} + br${j});`,
      `const si${j} = 0.5 * (ai${j} - bi${j});`,
      `const dr${j} = 0.5 * (ar${j} - br${j});`,
      `const di${j} = 0.5 * (ai${j} + bi${j});`,
      `const ck${j} = c[base + ${j} * groups]!;`,
      `const sk${j} = s[base + ${j} * groups]!;`,
      `const ur${j} = ck${j} * dr${j} - sk${j} * di${j};`,
      `const ui${j} = ck${j} * di${j} + sk${j} * dr${j};`,
      `const a${j}rA = si${j} + ur${j};`,
      `const a${j}iA = sr${j} - ui${j};`,
      `const a${7 - j}rB = ur${j} - si${j};`,
      `const a${7 - j}iB = sr${j} + ui${j};`,
    );
  }
  return [
    '/**',
    ' * Transpose of {@link groups8AndSplit} into the re/im-swapped workspace: per pair of group bases',
    " * the split's transpose of the 8 bin pairs, then both groups' radix-8 DFTs, in registers.",
    ' */',
    'export function splitAdjointAndGroups8(',
    '  gRe: ArrayLike<number>,',
    '  gIm: ArrayLike<number>,',
    '  o: number,',
    '  rev: Int32Array,',
    '  m: number,',
    '  c: Float64Array,',
    '  s: Float64Array,',
    '  re: Float64Array,',
    '  im: Float64Array,',
    '): void {',
    ...pairLoop,
    ...indent(4, [
      ...splits,
      ...dft8('A'),
      ...stores(8, (j) => at('p', j), 'A'),
      ...dft8('B'),
      ...stores(8, (j) => at('p2', j), 'B'),
    ]),
    '  }',
    '}',
  ];
}

/** The whole generated module as text. */
export function generateRealFft() {
  const header = [
    '// Generated by scripts/generate-real-fft.mjs: do not edit by hand; edit the generator and run',
    '// `node packages/features/scripts/generate-real-fft.mjs`.',
    '/**',
    ' * The unrolled butterflies of {@link RealFft} (see `real-fft.ts` for the factorisation they',
    ' * implement): radix-4/8 stages in time and frequency, twiddle-free group DFTs, the first and',
    ' * last passes that meet the samples, and the radix-8 groups fused with the split step.',
    ' *',
    ' * @internal',
    ' * @module',
    ' */',
    '',
    'const H = Math.SQRT1_2;',
  ];
  const sections = [
    stage(4, false),
    stage(4, true),
    stage(8, false),
    stage(8, true),
    dftAt(2),
    dftAt(4),
    dftAt(8),
    windowDif4(),
    ditWindowAdd4(),
    groups8AndSplit(),
    splitAdjointAndGroups8(),
  ];
  return `${[header.join('\n'), ...sections.map((lines) => lines.join('\n'))].join('\n\n')}\n`;
}

/** Where the generated module lives. */
export const GENERATED_PATH = fileURLToPath(new URL('../src/fft/real-fft.generated.ts', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--stdout')) process.stdout.write(generateRealFft());
  else writeFileSync(GENERATED_PATH, generateRealFft());
}
