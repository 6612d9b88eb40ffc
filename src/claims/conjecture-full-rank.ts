/**
 * conjecture-full-rank (deck, "Set of solutions", Conjecture):
 *   A2 is full rank iff at most two rows and at most two columns have zeros
 *   at identical positions and the ratios {b2_j / W2_j} are mutually
 *   different at the non-zero entries.
 *
 * Six readings (search/readings.ts), each direction of the "iff", with the
 * zero signal dropped (A2 square) and kept. Evidence: the exhaustive search
 * of the canonical grid for every n <= n-max, the symbolic search per
 * combinatorial type (all real knots), and a seeded random search with
 * shrinking. The corrected statement for one-sign columns
 * (search/corrected.ts) is checked with the same machinery.
 */
import { checkCorrected, randomCheckCorrected } from '../search/corrected.js';
import { fastRankQ } from '../kernel/fastrank.js';
import { configMatrix, configRatios, gridKnots, linearCodes, multisets, typeOf } from '../search/grid.js';
import { randomSearch } from '../search/random.js';
import { condition, evaluateParts, READINGS } from '../search/readings.js';
import { certify, type Certified } from '../search/report.js';
import { type Checkpoint, searchAll } from '../search/runner.js';
import { symbolicSearch } from '../search/symbolic.js';
import { reading, upTo, verdictFrom } from './common.js';
import type { CheckOptions, Claim, ReadingResult, Verdict } from './types.js';

const GRID = 2;

function gridRun(n: number, zeroSignal: 'keep' | 'drop'): Checkpoint {
  return searchAll({ n, g: GRID, zeroSignal, codes: linearCodes(n, zeroSignal) });
}

/**
 * The smallest counterexamples with no zero column and no repeated column
 * (the trivial ways to be singular), by a direct exact enumeration of the grid.
 */
function nontrivialSmallest(nMax: number): string[][] {
  const rows: string[][] = [];
  for (const zeroSignal of ['drop', 'keep'] as const) {
    const found = new Map<string, string[]>();
    for (const n of upTo(nMax)) {
      const codes = linearCodes(n, zeroSignal);
      const knots = gridKnots(codes, GRID);
      for (const pick of multisets(2 * knots.length, n)) {
        const A = configMatrix(codes, knots, pick);
        const cols = A[0]?.map((_, j) => A.map((r) => String(r[j])).join(',')) ?? [];
        if (cols.some((c) => c.split(',').every((x) => x === '0')) || new Set(cols).size < n) continue;
        const full = fastRankQ(A) === n;
        const parts = evaluateParts(A, configRatios(knots, pick));
        READINGS.forEach((r) => {
          const cond = condition(r, parts);
          const key = `${r.id}|${cond ? 'if' : 'only if'}`;
          if (cond === full || found.has(key)) return;
          const text = pick.map((ty) => {
            const { s, t } = typeOf(knots, ty);
            return s === 1 ? `ReLU(z - ${t})` : `ReLU(${t} - z)`;
          });
          found.set(key, [
            r.id,
            cond ? 'if' : 'only if',
            zeroSignal,
            String(n),
            `[${text.join(', ')}], A2 = [${A.map((row) => row.join(' ')).join('; ')}]`,
          ]);
        });
      }
    }
    rows.push(
      ...[...found.values()].sort(
        (a, b) => (a[0] as string).localeCompare(b[0] as string) || (a[1] as string).localeCompare(b[1] as string),
      ),
    );
  }
  return rows;
}

function describe(c: Certified | undefined): string {
  if (!c) return 'none';
  const cols = c.columns.map((col) => col.text).join(', ');
  return `[${cols}], A2 = [${c.A2.map((r) => r.join(' ')).join('; ')}], rank ${c.rank}`;
}

function check(o: CheckOptions): Verdict {
  const { nMax } = o;
  const countRows: string[][] = [];
  // Smallest counterexample per (reading, direction, zero signal): the smallest n, then the simplest.
  const smallest = new Map<string, { n: number; c: Certified }>();
  for (const zeroSignal of ['drop', 'keep'] as const) {
    for (const n of upTo(nMax)) {
      const run = gridRun(n, zeroSignal);
      countRows.push([
        zeroSignal,
        String(n),
        String(run.counts.total),
        String(run.counts.fullRank),
        ...run.counts.readings.map((r) => `${r.ifFails.count} / ${r.onlyIfFails.count}`),
      ]);
      run.counts.readings.forEach((r, k) => {
        for (const [dir, d] of [
          ['if', r.ifFails],
          ['only if', r.onlyIfFails],
        ] as const) {
          const key = `${r.id}|${dir}|${zeroSignal}`;
          if (d.simplest && !smallest.has(key))
            smallest.set(key, { n, c: certify(run, k, dir, 'simplest', d.simplest) });
        }
      });
    }
  }
  // Symbolic: all real knots, per combinatorial type (square case).
  const symN = Math.min(nMax, 4);
  const symRows: string[][] = [];
  const symFail = new Map<string, number>();
  for (const n of upTo(symN)) {
    const res = symbolicSearch(linearCodes(n, 'drop'));
    symRows.push([
      String(n),
      String(res.types),
      String(res.singularSomewhere),
      ...res.readings.map((r) => `${r.ifTypes} / ${r.onlyIfTypes}`),
    ]);
    res.readings.forEach((r) => {
      if (r.ifTypes > 0 && !symFail.has(`${r.id}|if`)) symFail.set(`${r.id}|if`, n);
      if (r.onlyIfTypes > 0 && !symFail.has(`${r.id}|only if`)) symFail.set(`${r.id}|only if`, n);
    });
  }
  // Random search beyond the grid: arbitrary rational codes and weights.
  const random = randomSearch({
    nMax: Math.min(nMax + 1, 7),
    runs: Math.max(20, Math.min(o.runs, 300)),
    seed: o.seed,
    zeroSignal: 'drop',
    codes: 'random',
  });
  // The corrected statement (one sign).
  const corrected = upTo(nMax).flatMap((n) =>
    (['drop', 'keep'] as const).map((zs) => checkCorrected(n, GRID, zs, Math.min(nMax, 4))),
  );
  const correctedRandom = randomCheckCorrected(Math.min(nMax + 2, 8), Math.max(100, o.runs * 5), o.seed);
  const correctedOk = corrected.every((c) => c.oneSignMismatches === 0) && !correctedRandom.failed;
  const matchingFails = corrected.filter((c) => c.matchingButSingular > 0);

  const readings: ReadingResult[] = READINGS.map((r) => {
    const parts: string[] = [];
    let refuted = false;
    for (const dir of ['if', 'only if'] as const) {
      const drop = smallest.get(`${r.id}|${dir}|drop`);
      const keep = smallest.get(`${r.id}|${dir}|keep`);
      const sym = symFail.get(`${r.id}|${dir}`);
      if (drop || keep || sym) refuted = true;
      parts.push(
        drop || keep
          ? `"${dir}" fails: n = ${drop?.n ?? '-'} (dropped), n = ${keep?.n ?? '-'} (kept)`
          : `"${dir}" holds on the grid for n <= ${nMax}${sym ? `, fails symbolically at n = ${sym}` : symN > 0 ? ` and symbolically for all real knots, n <= ${symN}` : ''}`,
      );
    }
    return reading(r.id, r.definition, refuted ? 'refuted' : 'holds', parts.join('; '));
  });
  readings.push(
    reading(
      'corrected (one sign)',
      'all W2_j of one sign: rank n iff knots distinct and some n codes y_1 < ... < y_n satisfy y_k < t_(k) < y_(k+2) (decreasing columns; mirrored for increasing)',
      correctedOk ? 'holds' : 'refuted',
      `exhaustive on the grid for n <= ${nMax} (zero signal dropped and kept), ${correctedRandom.runs} random rational instances`,
    ),
    reading(
      'candidate (mixed signs)',
      'distinct columns and a perfect matching of columns to rows in the support of A2 => rank n',
      matchingFails.length > 0 ? 'refuted' : 'holds',
      matchingFails.length > 0
        ? `only necessary: e.g. n = ${matchingFails[0]?.n}: ${matchingFails[0]?.firstMatchingButSingular} (affine combinations of opposite ReLUs cancel)`
        : `no failure for n <= ${Math.min(nMax, 4)}`,
    ),
  );
  const cexRows = [...smallest.entries()].map(([key, { n, c }]) => {
    const [id, dir, zs] = key.split('|') as [string, string, string];
    return [id, dir, zs, String(n), describe(c)];
  });
  const first = [...smallest.values()].sort((a, b) => a.n - b.n)[0];
  return verdictFrom(
    o,
    READINGS.map((r) => r.id),
    {
      summary: `every reading is refuted (smallest: n = ${first?.n ?? '?'}, e.g. a zero column passes every pattern test); the corrected statement for one-sign columns (Schoenberg–Whitney) holds for n <= ${nMax} on the grid and at random`,
      readings,
      sections: [
        {
          title: `Exhaustive grid search (g = ${GRID}, codes z = i): counterexamples "if" / "only if" per reading`,
          table: {
            header: ['zero signal', 'n', 'configurations', 'full rank', ...READINGS.map((r) => r.id)],
            rows: countRows,
          },
        },
        {
          title:
            'Smallest counterexample per reading, direction and zero-signal mode (simplest knots at the smallest n; re-checked exactly)',
          table: { header: ['reading', 'direction', 'zero signal', 'n', 'columns, A2, rank'], rows: cexRows },
        },
        {
          title: `The smallest counterexamples without a zero column or a repeated column (exact enumeration, n <= ${Math.min(nMax, 3)})`,
          lines: [
            'A zero row slips through every reading as well: the condition only limits patterns shared by three or more lines.',
          ],
          table: {
            header: ['reading', 'direction', 'zero signal', 'n', 'columns, A2'],
            rows: nontrivialSmallest(Math.min(nMax, 3)),
          },
        },
        {
          title:
            'Symbolic search, all real knots per combinatorial type (zero signal dropped): types with an "if" / "only if" counterexample',
          table: { header: ['n', 'types', 'types singular somewhere', ...READINGS.map((r) => r.id)], rows: symRows },
        },
        {
          title: `Random search (fast-check, seed ${o.seed}, arbitrary rational codes, W2_j = 0 allowed)`,
          table: {
            header: ['reading', 'direction', 'found', 'shrunk counterexample'],
            rows: random.map((f) => [
              f.reading,
              f.direction,
              f.found ? 'yes' : 'no',
              f.counterexample
                ? `n = ${f.counterexample.n}, codes (${f.counterexample.codes.join(', ')}), W2 (${f.counterexample.W2.join(', ')}), b2 (${f.counterexample.b2.join(', ')})`
                : '-',
            ]),
          },
        },
        {
          title: 'Corrected statement checks',
          table: {
            header: [
              'zero signal',
              'n',
              'one-sign configurations',
              'mismatches',
              'mixed configurations',
              'mixed full rank',
              'matching but singular',
            ],
            rows: corrected.map((c) => [
              c.zeroSignal,
              String(c.n),
              String(c.oneSignConfigs),
              String(c.oneSignMismatches),
              String(c.mixedConfigs),
              String(c.mixedFullRank),
              String(c.matchingButSingular),
            ]),
          },
          lines: [
            'Why: with one sign the columns are truncated powers (t - z)_+, a totally positive kernel, and the Schoenberg–Whitney theorem applies;',
            'the upper limit t_(k) < y_(k+2) says that at most two knots lie above a code, since columns affine on the remaining codes span only two dimensions.',
          ],
        },
      ],
      nChecked: [1, nMax],
    },
    { counterexample: first ? { n: first.n, ...first.c } : null },
  );
}

export const conjectureFullRank: Claim = {
  id: 'conjecture-full-rank',
  slide: 'Set of solutions (Conjecture)',
  statement:
    '$A^{[2]}$ is full rank if and only if at most two rows and at most two columns have zeros at identical positions and the ratios $\\{ \\mathbf{b}^{[2]}_j / W^{[2]}_j \\}_{j=1,\\dots,n}$ are mutually different at the non zero entries.',
  reading:
    'Six readings: zero patterns shared by at most two lines (the empty pattern excluded or counted) or at most two zeros per line; ratios distinct among all nonzero columns or within each row. Each direction of the "iff", zero signal dropped (A2 square) and kept; codes z = i.',
  method:
    'Exhaustive search of the canonical grid (g = 2) for every n <= n-max with an incremental exact rank; symbolic search per combinatorial type (multilinear determinant in the free knots, zeros decided by vertex signs, equal-ratio hyperplanes divided out); seeded random search with shrinking over rational codes and weights. Every reported counterexample is re-checked with a rank certificate and the direct predicates.',
  defaultNMax: 4,
  maxNMax: 6,
  check,
};
