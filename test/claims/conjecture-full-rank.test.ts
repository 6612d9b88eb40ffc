import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellEvidence,
  cellText,
  cellTheorem,
  conjectureFullRank,
  decideCell,
  decideCorrected,
  decideMixed,
  decideNecessary,
  decideReading,
  familyCounterexample,
  gatherGrid,
  isCounterexample,
  readingName,
  recordedSections,
  zeroRowAgrees,
  zeroRowEvidence,
  zeroRowSentence,
} from '../../src/claims/conjecture-full-rank.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { type Mat, matrix, rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { headline } from '../../src/render/verdict.js';
import { columnsMatrix, familyCodes, familyColumns } from '../../src/search/atlas-families.js';
import { type GridColumn, mixedCandidateCheck, oneSignCheck } from '../../src/search/atlas-grid.js';
import { randomCorrectedCheck } from '../../src/search/atlas-random.js';
import { interlacing, perfectColumnMatching } from '../../src/search/corrected.js';
import { evaluateParts, type Reading, READINGS } from '../../src/search/readings.js';
import { fcParams } from '../helpers/seed.js';

const q = (s: string) => Q.parse(s);
const reading = (id: string) => READINGS.find((r) => r.id === id) as Reading;
const relu = (x: Q) => (x.sign() > 0 ? x : Q.ZERO);

describe('the families, by hand', () => {
  // Each matrix below is computed by hand from the family's definition (codes z_i = i,
  // column (s (z - t))_+), written in the test, and compared with the code's matrix.
  it.each([
    // Z_3: (3/2 - z)_+ = (1/2, 0, 0); (5/2 - z)_+ = (3/2, 1/2, 0); (-z)_+ = 0.
    [
      'Z',
      3,
      'drop',
      [
        ['1/2', '3/2', '0'],
        ['0', '1/2', '0'],
        ['0', '0', '0'],
      ],
      2,
    ],
    // Z_1 kept: the zero column on codes 1, 2.
    ['Z', 1, 'keep', [['0'], ['0']], 0],
    // P_2 kept: (z - 2)_+ = (0, 0, 1); (z - 5/2)_+ = (0, 0, 1/2): proportional.
    [
      'P',
      2,
      'keep',
      [
        ['0', '0'],
        ['0', '0'],
        ['1', '1/2'],
      ],
      1,
    ],
    // P_3 = L_3: (z + j)_+ = z + j on codes 1..3, affine: rank 2.
    [
      'P',
      3,
      'drop',
      [
        ['2', '3', '4'],
        ['3', '4', '5'],
        ['4', '5', '6'],
      ],
      2,
    ],
    // K_2: (3/2 - z)_+ = (1/2, 0); (z - 3/2)_+ = (0, 1/2).
    [
      'K',
      2,
      'drop',
      [
        ['1/2', '0'],
        ['0', '1/2'],
      ],
      2,
    ],
    // K_2 kept: one more row (0, 3/2).
    [
      'K',
      2,
      'keep',
      [
        ['1/2', '0'],
        ['0', '1/2'],
        ['0', '3/2'],
      ],
      2,
    ],
    // T_4: the deck's staircase, upper triangular with diagonal 1/2.
    [
      'T',
      4,
      'drop',
      [
        ['1/2', '3/2', '5/2', '7/2'],
        ['0', '1/2', '3/2', '5/2'],
        ['0', '0', '1/2', '3/2'],
        ['0', '0', '0', '1/2'],
      ],
      4,
    ],
    // G_2 kept: (z)_+ = (1, 2, 3); (4 - z)_+ = (3, 2, 1).
    [
      'G',
      2,
      'keep',
      [
        ['1', '3'],
        ['2', '2'],
        ['3', '1'],
      ],
      2,
    ],
    // G_3 kept: (3/2 - z)_+ = (1/2, 0, 0, 0); z; (5 - z)_+ = (4, 3, 2, 1).
    [
      'G',
      3,
      'keep',
      [
        ['1/2', '1', '4'],
        ['0', '2', '3'],
        ['0', '3', '2'],
        ['0', '4', '1'],
      ],
      3,
    ],
    // M_3: z, z - 1/3, 3 - z on codes 1..3, all affine: rank 2.
    [
      'M',
      3,
      'drop',
      [
        ['1', '2/3', '2'],
        ['2', '5/3', '1'],
        ['3', '8/3', '0'],
      ],
      2,
    ],
  ] as const)('%s_%i (zero signal %s)', (id, n, mode, rows, r) => {
    const cols = familyColumns(id, n, mode) as GridColumn[];
    const A = columnsMatrix(familyCodes(n, mode), cols);
    expect(A).toEqual(matrix(rows.map((row) => row.map(q))));
    expect(rank(A)).toBe(r);
  });

  it('the families are not defined where the page does not define them', () => {
    expect(familyColumns('K', 1, 'drop')).toBeUndefined();
    expect(familyColumns('T', 3, 'keep')).toBeUndefined();
    expect(familyColumns('G', 3, 'drop')).toBeUndefined();
    expect(familyColumns('G', 1, 'keep')).toBeUndefined();
    expect(familyColumns('M', 2, 'drop')).toBeUndefined();
  });

  it('every cell theorem: its family is a counterexample for every n past the threshold, n <= 8 (beyond the default range)', () => {
    for (const r of READINGS) {
      for (const dir of ['if', 'only if'] as const) {
        for (const mode of ['drop', 'keep'] as const) {
          const th = cellTheorem(r, dir, mode);
          for (let n = 1; n <= 8; n++) {
            const f = familyCounterexample(r, dir, mode, th.family, n);
            if (n > th.holdsUpTo) expect(f, `${r.id} ${dir} ${mode} n = ${n}`).toBe(true);
            // Below the threshold the direction holds, so no family member can be a counterexample.
            else expect(f, `${r.id} ${dir} ${mode} n = ${n}`).not.toBe(true);
          }
        }
      }
    }
  });

  it('M_n satisfies the matching candidate and is singular, n = 3..8, both modes', () => {
    for (const mode of ['drop', 'keep'] as const) {
      for (let n = 3; n <= 8; n++) {
        const cols = familyColumns('M', n, mode) as GridColumn[];
        const A = columnsMatrix(familyCodes(n, mode), cols);
        expect(perfectColumnMatching(A)).toBe(true);
        expect(rank(A)).toBeLessThan(n);
      }
    }
  });
});

/** Zero patterns of the columns, as keys. */
function columnPatterns(A: Mat): string[] {
  const n = A[0]?.length ?? 0;
  return Array.from({ length: n }, (_, j) => A.map((r) => (r[j]!.isZero() ? '1' : '0')).join(''));
}

describe('the three lemmas, on random layer-2 matrices (any codes, repeats and W2_j = 0 allowed)', () => {
  // The draft's conjecture.py (1), (2), re-done here with its own generator.
  const small = fc
    .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 2 }))
    .map(([a, b]) => Q.of(BigInt(a), BigInt(b)));
  const layer = (extraRow: number) =>
    fc
      .integer({ min: 1, max: 5 })
      .chain((n) =>
        fc.tuple(
          fc.array(small, { minLength: n + extraRow, maxLength: n + extraRow }),
          fc.array(fc.tuple(fc.constantFrom(-2, -1, 0, 0, 1, 2), small), { minLength: n, maxLength: n }),
        ),
      );
  const build = (codes: Q[], cols: [number, Q][]) => {
    const A = codes.map((z) => cols.map(([w, b]) => relu(Q.int(w).mul(z).add(b))));
    const ks = cols.map(([w, b]) => (w === 0 ? undefined : b.div(Q.int(w))));
    return { A, ks };
  };

  it('dropped: full rank implies share-empty and k-row (Lemmas R, C, K)', () => {
    fc.assert(
      fc.property(layer(0), ([codes, cols]) => {
        const { A, ks } = build(codes, cols);
        if (rank(A) < cols.length) return true;
        const p = evaluateParts(A, ks);
        return p['share+empty'] && p.share && p['k-row'];
      }),
      fcParams(400),
    );
  });

  it('kept: full rank implies no three columns with one zero pattern, and k-row (Lemmas C, K)', () => {
    fc.assert(
      fc.property(layer(1), ([codes, cols]) => {
        const { A, ks } = build(codes, cols);
        if (rank(A) < cols.length) return true;
        const counts = new Map<string, number>();
        for (const k of columnPatterns(A)) counts.set(k, (counts.get(k) ?? 0) + 1);
        return Math.max(...counts.values()) <= 2 && evaluateParts(A, ks)['k-row'];
      }),
      fcParams(400),
    );
  });
});

/** Degree-1 B-splines on tau = (a, a, t_1, ..., t_n), written out as hats (independent of the code). */
function bspline(i: number, tau: readonly Q[], x: Q): Q {
  const [l, m, r] = [tau[i]!, tau[i + 1]!, tau[i + 2]!];
  if (x.lt(l) || !x.lt(r)) return Q.ZERO;
  if (x.lt(m)) return x.sub(l).div(m.sub(l));
  return r.sub(x).div(r.sub(m));
}

describe('the corrected statement is Schoenberg–Whitney (the mapping of the proof, checked on instances)', () => {
  const distinctSorted = (len: number) =>
    fc
      .uniqueArray(
        fc
          .tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: 1, max: 3 }))
          .map(([a, b]) => Q.of(BigInt(a), BigInt(b))),
        { minLength: len, maxLength: len, comparator: (a, b) => a.equals(b) },
      )
      .map((v) => [...v].sort((a, b) => a.cmp(b)));

  it('columns (t_j - z)_+ and the B-splines span the same space; rank n iff B_i(y_i) != 0 iff the interlacing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(distinctSorted(n), distinctSorted(n))),
        ([t, y]) => {
          const n = t.length;
          const a = [...t, ...y].reduce((lo, x) => lo.min(x)).sub(Q.ONE);
          const tau = [a, a, ...t];
          const col = (x: Q) => t.map((tj) => relu(tj.sub(x)));
          const spl = (x: Q) => Array.from({ length: n }, (_, i) => bspline(i, tau, x));
          // Points that fix a function of S: a and every knot; plus the codes.
          const pts = [a, ...t, ...y];
          const AP = pts.map(col);
          const BP = pts.map(spl);
          const both = pts.map((_, k) => [...AP[k]!, ...BP[k]!]);
          expect(rank(AP)).toBe(n);
          expect(rank(BP)).toBe(n);
          expect(rank(both)).toBe(n);
          const full = rank(y.map(col)) === n;
          const diagonal = y.every((yi, i) => !bspline(i, tau, yi).isZero());
          expect(diagonal).toBe(full);
          expect(interlacing(y, t, -1)).toBe(full);
        },
      ),
      fcParams(300),
    );
  });

  it('B-splines by hand: tau = (0, 0, 1, 2), at 1/2 the half-hat is 1/2 and the hat is 1/2', () => {
    const tau = [q('0'), q('0'), q('1'), q('2')];
    expect(bspline(0, tau, q('1/2'))).toEqual(q('1/2'));
    expect(bspline(1, tau, q('1/2'))).toEqual(q('1/2'));
    expect(bspline(1, tau, q('3/2'))).toEqual(q('1/2'));
    expect(bspline(0, tau, q('0'))).toEqual(q('1'));
  });
});

describe('status flips: each decision fed false evidence or a false statement', () => {
  const ns = [1, 2, 3];
  const runs = gatherGrid(ns);
  const evidence = cellEvidence(runs, ns);
  const cell = (id: string, dir: 'if' | 'only if', mode: 'drop' | 'keep') =>
    evidence.find((e) => e.reading.id === id && e.direction === dir && e.mode === mode)!;

  it('every cell agrees with its theorem on the real evidence, n = 1..3', () => {
    for (const ev of evidence) expect(decideCell(cellTheorem(ev.reading, ev.direction, ev.mode), ev).agrees).toBe(true);
  });

  it('decideCell: a family member that is not a counterexample, or a grid counterexample below the threshold, disagrees', () => {
    const ev = cell('share/k-all', 'only if', 'drop');
    const th = cellTheorem(ev.reading, 'only if', 'drop');
    expect(decideCell(th, ev)).toEqual({ failsAt: [2, 3], holdsAt: [1], agrees: true });
    const noFamily = { points: ev.points.map((p) => (p.n === 3 ? { ...p, family: false } : p)) };
    expect(decideCell(th, noFamily).agrees).toBe(false);
    const gridBelow = { points: ev.points.map((p) => (p.n === 1 ? { ...p, grid: 1 } : p)) };
    const d = decideCell(th, gridBelow);
    expect(d.agrees).toBe(false);
    expect(d.failsAt).toEqual([1, 2, 3]);
  });

  it('decideReading: refuted on the real evidence; holds once every counterexample is removed', () => {
    for (const r of READINGS) {
      const cells = evidence.filter((e) => e.reading.id === r.id);
      const real = decideReading(
        cells.map((e) => decideCell(cellTheorem(e.reading, e.direction, e.mode), e)),
        ns,
      );
      expect(real).toEqual({ status: 'refuted', scope: { kind: 'proved', checked: [1, 3] } });
      const cleared = cells.map((e) => ({ points: e.points.map((p) => ({ ...p, family: false, grid: 0 })) }));
      const flipped = decideReading(
        cleared.map((e, k) => decideCell(cellTheorem(cells[k]!.reading, cells[k]!.direction, cells[k]!.mode), e)),
        ns,
      );
      // No counterexample left: holds, but no longer backed by the theorems.
      expect(flipped).toEqual({ status: 'holds', scope: { kind: 'exhaustive', checked: [1, 3] } });
    }
  });

  it('decideNecessary: holds dropped; the same statement read with the zero signal kept is refuted', () => {
    const pick = (mode: 'drop' | 'keep') =>
      ['share/k-row', 'share+empty/k-row'].map((id) => {
        const ev = cell(id, 'only if', mode);
        return decideCell(cellTheorem(ev.reading, 'only if', mode), ev);
      });
    expect(decideNecessary(pick('drop'), [{ found: false }], ns, 100)).toEqual({
      status: 'holds',
      scope: { kind: 'proved', checked: [1, 3] },
    });
    expect(decideNecessary(pick('keep'), [{ found: false }], ns, 100).status).toBe('refuted');
    expect(decideNecessary(pick('drop'), [{ found: true }], ns, 100)).toEqual({
      status: 'refuted',
      scope: { kind: 'sampled', instances: 100 },
    });
  });

  it('decideCorrected: holds for the interlacing; refuted for false variants (no upper limit; t_k < y_{k+1})', () => {
    const grid = (st: typeof interlacing) =>
      (['drop', 'keep'] as const).flatMap((m) => ns.map((n) => oneSignCheck(n, 2, m, st)));
    const random = (st: typeof interlacing) => randomCorrectedCheck({ nMin: 1, nMax: 4, runs: 200, seed: 7 }, st);
    expect(decideCorrected(grid(interlacing), random(interlacing), ns).status).toBe('holds');
    // Variant 1: drop the upper limit t_k < y_{k+2} (three knots above every code then pass).
    const noUpper = (codes: readonly Q[], knots: readonly Q[], s: 1 | -1) => {
      if (s === 1)
        return noUpperDecreasing(
          codes.map((z) => z.neg()).reverse(),
          knots.map((t) => t.neg()),
        );
      return noUpperDecreasing(codes, knots);
    };
    expect(decideCorrected(grid(noUpper), { runs: 0, failed: false }, ns)).toEqual({
      status: 'refuted',
      scope: { kind: 'exhaustive', checked: [1, 3] },
    });
    expect(random(noUpper).failed).toBe(true);
    // Variant 2: an off-by-one upper limit t_k < y_{k+1}.
    const offByOne = (codes: readonly Q[], knots: readonly Q[], s: 1 | -1) =>
      s === 1 ? interlacing(codes, knots, 1) : offByOneDecreasing(codes, knots);
    expect(decideCorrected(grid(offByOne), { runs: 0, failed: false }, ns).status).toBe('refuted');
  });

  it('decideMixed: refuted by the grid at n = 3; holds where neither the grid nor M_n has a counterexample', () => {
    const mixed = (['drop', 'keep'] as const).flatMap((m) => ns.map((n) => mixedCandidateCheck(n, 2, m)));
    expect(decideMixed(mixed, [], ns)).toEqual({ status: 'refuted', scope: { kind: 'exhaustive', checked: [1, 3] } });
    const cleared = mixed.map((c) => ({ ...c, matchingButSingular: 0 }));
    expect(decideMixed(cleared, [], ns).status).toBe('holds');
    expect(decideMixed([], [{ n: 5, counterexample: true }], [5])).toEqual({
      status: 'refuted',
      scope: { kind: 'proved', checked: [5, 5] },
    });
  });

  it('a false family (Z_n with its zero column made nonzero) is not a counterexample', () => {
    for (let n = 2; n <= 5; n++) {
      const cols = [
        ...(familyColumns('Z', n, 'drop') as GridColumn[]).slice(0, -1),
        { s: -1 as const, t: Q.int(n).add(q('1/2')) },
      ];
      // The staircase with j = 1..n: full rank, so not an "if" counterexample.
      expect(isCounterexample(reading('share/k-all'), 'if', familyCodes(n, 'drop'), cols)).toBe(false);
    }
  });

  it('the zero-row sentence: per-line catches a zero row from n = 3 on; a mutated evidence loses the universal claim', () => {
    const ev = zeroRowEvidence([1, 2, 3, 4]);
    expect(ev.map((e) => e.passes['per-line'])).toEqual([true, true, false, false]);
    expect(ev.every((e) => e.passes.share && e.passes['share+empty'])).toBe(true);
    expect(zeroRowAgrees(ev)).toBe(true);
    expect(zeroRowSentence(ev)).toContain('through the per-line readings only for $n \\le 2$');
    const mutated = ev.map((e) => (e.n === 3 ? { ...e, passes: { ...e.passes, 'per-line': true } } : e));
    expect(zeroRowAgrees(mutated)).toBe(false);
    expect(zeroRowSentence(mutated)).not.toContain('slips through');
  });

  it('cellText words: thresholds and families, no "n = -"', () => {
    const th = cellTheorem(reading('per-line/k-row'), 'only if', 'drop');
    const ev = cell('per-line/k-row', 'only if', 'drop');
    expect(cellText(th, decideCell(th, ev))).toBe(
      'holds for $n \\le 3$ (Lemma K; for $n \\le 3$ a line with three zeros is a zero line), fails for every $n \\ge 4$ ($T_n$)',
    );
    expect(cellText(th, { failsAt: [], holdsAt: [1, 2, 3], agrees: false })).toBe(
      'no counterexample for $n = 1, \\dots, 3$',
    );
  });
});

/** Decreasing columns, the interlacing without the upper limit (a false statement). */
function noUpperDecreasing(codes: readonly Q[], knots: readonly Q[]): boolean {
  const t = [...knots].sort((a, b) => a.cmp(b));
  if (t.some((x, k) => k > 0 && x.equals(t[k - 1]!))) return false;
  const n = t.length;
  const subsets = (start: number, picked: Q[]): boolean =>
    picked.length === n
      ? picked.every((y, k) => y.lt(t[k]!))
      : codes.slice(start).some((z, d) => subsets(start + d + 1, [...picked, z]));
  return subsets(0, []);
}

/** Decreasing columns, y_k < t_k < y_{k+1} (an off-by-one false statement). */
function offByOneDecreasing(codes: readonly Q[], knots: readonly Q[]): boolean {
  const t = [...knots].sort((a, b) => a.cmp(b));
  if (t.some((x, k) => k > 0 && x.equals(t[k - 1]!))) return false;
  const n = t.length;
  const subsets = (start: number, picked: Q[]): boolean =>
    picked.length === n
      ? picked.every((y, k) => y.lt(t[k]!) && (k + 1 >= n || t[k]!.lt(picked[k + 1]!)))
      : codes.slice(start).some((z, d) => subsets(start + d + 1, [...picked, z]));
  return subsets(0, []);
}

describe('the claim, end to end', () => {
  it('default options: every as-worded reading refuted and proved; the two variants hold, proved', () => {
    const v = conjectureFullRank.check(resolveClaimOptions(conjectureFullRank, {}));
    expect(v.status).toBe('refuted');
    expect(v.scope).toEqual({ kind: 'proved', checked: [1, 4] });
    expect(v.asWorded).toEqual(READINGS.map(readingName));
    for (const name of v.asWorded) {
      const r = v.readings.find((x) => x.name === name)!;
      expect(r.status).toBe('refuted');
      expect(r.scope).toEqual({ kind: 'proved', checked: [1, 4] });
      expect(r.reason).not.toMatch(/n = -/);
    }
    const by = (name: string) => v.readings.find((x) => x.name === name)!;
    expect(by('corrected-one-sign')).toMatchObject({ status: 'holds', scope: { kind: 'proved', checked: [1, 4] } });
    expect(by('necessary-dropped')).toMatchObject({ status: 'holds', scope: { kind: 'proved', checked: [1, 4] } });
    expect(by('mixed-candidate')).toMatchObject({ status: 'refuted', scope: { kind: 'exhaustive', checked: [1, 3] } });
    expect(headline(v)).toBe('refuted as worded; holds in reading corrected-one-sign');
    // Four proofs (the lemmas, the families, Schoenberg-Whitney, the classification's criterion),
    // and one figure per distinct smallest counterexample.
    expect(v.sections.filter((s) => s.proof)).toHaveLength(4);
    const figures = v.sections.flatMap((s) => (s.figure ? [s.figure.file] : []));
    expect(new Set(figures).size).toBe(figures.length);
    expect(figures).toContain('conjecture-full-rank-only-if-dropped-n4.svg');
    // The wording the checks contradict is gone.
    expect(JSON.stringify(v.sections)).not.toContain('slips through every reading');
    // No summary math: it is one plain line.
    expect(v.summary).not.toContain('$');
  });

  it('--n 2 checks exactly n = 2', () => {
    const v = conjectureFullRank.check(resolveClaimOptions(conjectureFullRank, { n: 2 }));
    expect(v.scope).toEqual({ kind: 'proved', checked: [2, 2] });
    const grid = v.sections.find((s) => s.title.startsWith('Exhaustive grid search'))!;
    expect(grid.table!.rows.map((r) => r[1])).toEqual(['2', '2']);
  });

  it('when the recorded grid counts of an n differ from the run then the check stops (a stale record)', () => {
    const runs = gatherGrid([2]);
    const run = runs.get('drop|2')!;
    expect(recordedSections([2], runs).length).toBeGreaterThan(5);
    const edited = { ...run, counts: { ...run.counts, fullRank: run.counts.fullRank + 1 } };
    expect(() => recordedSections([2], new Map([...runs, ['drop|2', edited]]))).toThrow(
      /recorded grid counts for n = 2/,
    );
  });
});
