import { describe, expect, it } from 'vitest';
import {
  constructLinear,
  decideConstruction,
  decideGeneralLinear,
  decideLastRow,
  decideZeroSignal,
  heatmapFigure,
  linearCodeEvidence,
  recipeEvidence,
} from '../../src/claims/construct-linear.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { stepMatrix } from '../../src/model/steps.js';
import { deckRecipe } from '../../src/construct/patterns.js';

const C = Q.ONE;

describe('construct-linear: hand-checked values', () => {
  it('n = 2, U = X: A2 = [1/2, 3/2; 0, 1/2; 0, 0] and W3 = [2, 0; -4, 2]', () => {
    // By hand: A2_ij = (j + 1/2 - i)_+; A^{-1} = [2, -6; 0, 2]; A^{-1} X = [2, -4; 0, 2]; W3 is its transpose.
    // The same W3 is the base of issue 12 §2 (W3 = [2, 0; -4, 2]).
    const r = deckRecipe(2, C, stepMatrix(2, C));
    expect(r).toBeDefined();
    expect(r!.A2.map((row) => row.map(String))).toEqual([
      ['1/2', '3/2'],
      ['0', '1/2'],
      ['0', '0'],
    ]);
    expect(r!.weights.W3.map((row) => row.map(String))).toEqual([
      ['2', '0'],
      ['-4', '2'],
    ]);
  });

  it('the heatmap carries the exact values as text and their numbers as colour (n = 6)', () => {
    // W3 for n = 6 is lower triangular with 2 on the diagonal and -4, 4 alternating below
    // (W3 = (A^{-1} X)^T with A upper triangular, diagonal 1/2, superdiagonals 3/2, 5/2, ...).
    const fig = heatmapFigure(6, C);
    expect(fig.file).toBe('construct-linear-heatmap-n6.svg');
    const panels = (
      fig.spec as { hconcat: { data: { values: { row: number; col: number; value: number; exact: string }[] } }[] }
    ).hconcat;
    const a2 = panels[0]!.data.values;
    const w3 = panels[1]!.data.values;
    expect(a2).toHaveLength(7 * 6);
    expect(a2.find((c) => c.row === 1 && c.col === 1)).toMatchObject({ value: 0.5, exact: '1/2' });
    expect(a2.find((c) => c.row === 1 && c.col === 6)).toMatchObject({ value: 5.5, exact: '11/2' });
    expect(a2.filter((c) => c.row === 7).every((c) => c.exact === '0')).toBe(true);
    expect(w3.find((c) => c.row === 2 && c.col === 1)).toMatchObject({ value: -4, exact: '-4' });
    expect(w3.find((c) => c.row === 6 && c.col === 1)).toMatchObject({ exact: '-4' });
    expect(w3.find((c) => c.row === 5 && c.col === 1)).toMatchObject({ exact: '4' });
    expect(w3.find((c) => c.row === 3 && c.col === 3)).toMatchObject({ exact: '2' });
  });
});

describe('construct-linear: each status flips on a false variant', () => {
  it('construction: a target with a positive entry below the diagonal is not of form (1) and is refuted', () => {
    const good = recipeEvidence(3, C, stepMatrix(3, C))!;
    expect(decideConstruction([good])).toBe('holds');
    const bad = stepMatrix(3, C).map((r) => r.slice());
    bad[1]![0] = Q.of(1n, 2n); // U_21 = 1/2 > 0: ReLU keeps it, so y(2)_1 = 1/2 != 0
    const e = recipeEvidence(3, C, bad)!;
    expect(e.signals).toBe(false);
    expect(decideConstruction([good, e])).toBe('refuted');
  });

  it('zero-signal: knots j + 3/2 keep signals 1..n exact but not the zero signal', () => {
    // n = 2: A = [3/2, 5/2; 1/2, 3/2] (det 1), W3^T = A^{-1} X = [3/2, -1; -1/2, 1];
    // at z = 3 the second neuron is 1/2, so U3 row 3 = (-1/4, 1/2) and y(3) = (0, 1/2).
    const knots = [Q.of(5n, 2n), Q.of(7n, 2n)];
    const e = recipeEvidence(2, C, stepMatrix(2, C), knots)!;
    expect(e.signals).toBe(true);
    expect(decideConstruction([e])).toBe('holds');
    expect(e.zeroSignal).toBe(false);
    expect(decideZeroSignal([recipeEvidence(2, C, stepMatrix(2, C))!])).toBe('holds');
    expect(decideZeroSignal([e])).toBe('refuted');
  });

  it('prescribed-last-row: refuted with a nonzero last row, inconclusive without one', () => {
    const t = matrix([
      [1, 1],
      [0, 1],
      [-1, 0],
    ]);
    const e = recipeEvidence(2, C, t)!;
    expect(e.lastRowRealised).toBe(false);
    expect(decideLastRow([e])).toBe('refuted');
    expect(decideLastRow([recipeEvidence(2, C, stepMatrix(2, C))!])).toBe('inconclusive');
    expect(decideLastRow([{ ...e, lastRowRealised: true }])).toBe('holds');
  });

  it('general-linear: alpha = -3/2 works, alpha = 0 (a constant code) does not', () => {
    const ok = linearCodeEvidence(4, C, Q.of(-3n, 2n), Q.of(1n, 3n));
    expect(ok.ok).toBe(true);
    expect(decideGeneralLinear([ok])).toBe('holds');
    const constant = linearCodeEvidence(4, C, Q.ZERO, Q.ONE);
    expect(constant.ok).toBe(false);
    expect(decideGeneralLinear([ok, constant])).toBe('refuted');
  });
});

describe('construct-linear: the check', () => {
  it('holds, proved, with every reading computed', () => {
    const v = constructLinear.check(resolveClaimOptions(constructLinear, { nMax: 6, runs: 12 }));
    expect(v.status).toBe('holds');
    expect(v.scope).toEqual({ kind: 'proved', checked: [1, 6] });
    const status = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(status).toEqual({
      construction: 'holds',
      'zero-signal': 'holds',
      'general-linear': 'holds',
      'prescribed-last-row': 'refuted',
    });
    expect(v.sections.some((s) => s.proof)).toBe(true);
    expect(v.sections.find((s) => s.figure)?.figure?.file).toBe('construct-linear-heatmap-n6.svg');
  });

  it('honours --n: exactly that n', () => {
    const v = constructLinear.check(resolveClaimOptions(constructLinear, { n: 3, runs: 4 }));
    expect(v.scope).toEqual({ kind: 'proved', checked: [3, 3] });
    const table = v.sections.find((s) => s.table)!.table!;
    expect(table.rows.map((r) => r[0])).toEqual(['$3$']);
  });
});
