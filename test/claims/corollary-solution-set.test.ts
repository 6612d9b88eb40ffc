import { describe, expect, it } from 'vitest';
import {
  corollarySolutionSet,
  decideComplete,
  decideEveryW3,
  decideGeneral,
  decideInfinite,
  decideScalingFixed,
  decideScalingFree,
  formulaMember,
  freeWitness,
  genuineWitness,
  invariantsOf,
  kOf,
  pairWitness,
  patternCensus,
  relabelingWitness,
} from '../../src/claims/corollary-solution-set.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { deckKnots, type Direction, patternSolution } from '../../src/construct/patterns.js';
import { Q, q } from '../../src/kernel/rational.js';
import { stepMatrix } from '../../src/model/steps.js';

const C = Q.ONE;
const codes = (n: number) => Array.from({ length: n }, (_, i) => Q.int(i + 1));
const X = (n: number) => stepMatrix(n, C).slice(0, n);
const dec = (n: number): Direction[] => Array.from({ length: n }, () => -1);
const str = (m: Q[][]) => m.map((r) => r.map(String));

describe("corollary: the issue's n = 2 example (issue 12 §2), re-checked exactly", () => {
  it('W3 = [98/47, -2/47; -200/47, 100/47] gives another k, an exact solution, a non-diagonal W3_0^{-1} W3', () => {
    const w = freeWitness(2, C);
    // Base of the issue: W2 = (-1, -1), b2 = (3/2, 5/2), W3 = [2, 0; -4, 2]; W2* = (-2, 2), b2* = (3, -1).
    expect(str(w.base.W3)).toEqual([
      ['2', '0'],
      ['-4', '2'],
    ]);
    const inv = invariantsOf(w.base);
    expect(inv.W2star.map((r) => String(r[0]))).toEqual(['-2', '2']);
    expect(inv.b2star.map(String)).toEqual(['3', '-1']);
    expect(str(w.member.W3)).toEqual([
      ['98/47', '-2/47'],
      ['-200/47', '100/47'],
    ]);
    expect(w.member.W2.map((r) => String(r[0]))).toEqual(['-49/50', '-51/50']);
    expect(w.member.b2.map(String)).toEqual(['149/100', '251/100']);
    expect(kOf(w.member).map(String)).toEqual(['-149/98', '-251/102']);
    expect(w.solution).toBe(true);
    expect(w.sameK).toBe(false);
    expect(w.rescaling).toBe(false);
    expect(str(w.G)).toEqual([
      ['49/47', '-1/47'],
      ['-2/47', '48/47'],
    ]);
  });

  it.each([3, 4, 7])('the same block on the last two neurons is a solution with other knots at n = %d', (n) => {
    const w = freeWitness(n, C);
    expect(w.solution && !w.sameK && !w.rescaling).toBe(true);
  });
});

describe('corollary: direction patterns (hand-checked against the proofs draft)', () => {
  it.each([
    // det [|i - (j + 1/2)|] = (-1)^{n-1} (2 ceil(n/2) - 1) / 2 (corollary5.py); admissible = 2^{n-1}.
    [1, 1, '1/2'],
    [2, 2, '-1/2'],
    [3, 4, '3/2'],
    [4, 8, '-3/2'],
    [5, 16, '5/2'],
  ])("deck's setting n = %d: %d admissible patterns, det B = %s, none shares the invariants", (n, adm, detB) => {
    const c = patternCensus({ y: codes(n), t: deckKnots(n), s: dec(n), U: X(n) });
    expect(c.admissible).toBe(adm);
    expect(c.detB.toString()).toBe(detB);
    expect(c.equalInvariants).toEqual([]);
    expect(c.outside).toBe(adm - 1);
  });

  it('n = 2, s = (+1, -1): W3 = [-2/3, 2/3; 4/3, 2/3], invariants (-4/3, 2/3), (8/3, -1/3) (corollary6.py)', () => {
    const p = patternSolution(codes(2), deckKnots(2), [1, -1], X(2))!;
    expect(str(p.W3)).toEqual([
      ['-2/3', '2/3'],
      ['4/3', '2/3'],
    ]);
    const inv = invariantsOf(p);
    expect(inv.W2star.map((r) => String(r[0]))).toEqual(['-4/3', '2/3']);
    expect(inv.b2star.map(String)).toEqual(['8/3', '-1/3']);
  });

  it('the genuine n = 4 pair with distinct knots (2, 7/3, 8/3, 3) (corollary3.py)', () => {
    const w = genuineWitness(C);
    expect(w.valid).toBe(true);
    expect(w.detB.isZero()).toBe(true);
    expect(str(w.W3)).toEqual([
      ['1', '0', '0', '0'],
      ['-3/2', '0', '3/2', '0'],
      ['-3/2', '3/2', '3/2', '-5/2'],
      ['-3/2', '3/2', '3/2', '-3/2'],
    ]);
    expect(str(w.W3p)).toEqual([
      ['1', '0', '0', '0'],
      ['-3', '3', '0', '0'],
      ['-3', '3', '3', '-4'],
      ['-3', '3', '3', '-3'],
    ]);
  });

  it('the relabeling of the proofs draft (corollary.py): knots (4/3, 4/3), s = (+1, -1) and (-1, +1)', () => {
    const t = [q(4, 3), q(4, 3)];
    const w = pairWitness(codes(2), t, [1, -1], [-1, 1], X(2), C);
    expect(w.valid).toBe(true);
    // corollary.py prints W3_s = [0, 3; 3/2, 3] and W3_s' = [3, 0; 3, 3/2], invariants (-3, -3/2), (4, 2).
    expect(str(w.W3)).toEqual([
      ['0', '3'],
      ['3/2', '3'],
    ]);
    expect(str(w.W3p)).toEqual([
      ['3', '0'],
      ['3', '3/2'],
    ]);
  });

  it.each([2, 3, 5, 6])('the relabeling pair is valid at n = %d, with B singular', (n) => {
    const w = relabelingWitness(n, C);
    expect(w.valid).toBe(true);
    expect(w.detB.isZero()).toBe(true);
  });
});

describe('corollary: each status flips on a false variant', () => {
  const base = patternSolution(codes(3), deckKnots(3), dec(3), X(3))!;
  const scaled = (d: Q[]) => base.W3.map((r) => r.map((x, j) => x.div(d[j]!)));

  it('infinite: a D with a negative entry gives members that are not solutions', () => {
    const good = [1, 2, 3].map((m) => formulaMember(codes(3), base, scaled([q(m), q(2 * m), q(1, m)]), C));
    expect(decideInfinite([good])).toBe('holds');
    const bad = [1, 2, 3].map((m) => formulaMember(codes(3), base, scaled([q(m), q(-2 * m), q(1, m)]), C));
    expect(bad.every((e) => !e.solution)).toBe(true);
    expect(decideInfinite([good, bad])).toBe('refuted');
    expect(decideInfinite([[good[0]!, good[0]!]])).toBe('refuted'); // not distinct
  });

  it('scaling-fixed: another pattern with the same invariants refutes it (the relabeling configuration)', () => {
    const deck = patternCensus({ y: codes(3), t: deckKnots(3), s: dec(3), U: X(3) });
    expect(decideScalingFixed([deck])).toBe('holds');
    const t = [q(3, 2), q(3, 2), q(5, 2)];
    const rel = patternCensus({ y: codes(3), t, s: [1, -1, -1], U: X(3) });
    expect(rel.equalInvariants).toContainEqual([-1, 1, -1]);
    expect(decideScalingFixed([deck, rel])).toBe('refuted');
  });

  it('scaling-fixed-general: refuted by a valid witness, holds at n = 1 only', () => {
    const n1 = patternCensus({ y: codes(1), t: deckKnots(1), s: dec(1), U: X(1) });
    expect(decideGeneral([], [n1], true)).toBe('holds');
    expect(decideGeneral([relabelingWitness(2, C)], [n1], false)).toBe('refuted');
    expect(decideGeneral([{ ...relabelingWitness(2, C), valid: false }], [n1], false)).toBe('inconclusive');
  });

  it('complete: holds when only the base pattern is admissible', () => {
    const c = patternCensus({ y: codes(3), t: deckKnots(3), s: dec(3), U: X(3) });
    expect(decideComplete([c])).toBe('refuted');
    expect(decideComplete([{ ...c, outside: 0 }])).toBe('holds');
  });

  it('scaling-free and every-W3', () => {
    const w = freeWitness(2, C);
    expect(decideScalingFree([w], false)).toBe('refuted');
    expect(decideScalingFree([{ ...w, rescaling: true }], false)).toBe('inconclusive');
    const neg = formulaMember(
      codes(3),
      base,
      base.W3.map((r) => r.map((x) => x.neg())),
      C,
    );
    expect(neg.solution).toBe(false);
    expect(decideEveryW3([neg])).toBe('refuted');
    expect(decideEveryW3([formulaMember(codes(3), base, base.W3, C)])).toBe('holds');
  });
});

describe('corollary: the check', () => {
  it('holds as worded; the lemma-scaling question split by reading', () => {
    const v = corollarySolutionSet.check(resolveClaimOptions(corollarySolutionSet, { nMax: 4, runs: 20 }));
    expect(v.status).toBe('holds');
    const status = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(status).toEqual({
      infinite: 'holds',
      'scaling-fixed-deck': 'holds',
      'scaling-fixed-b-invertible': 'holds',
      'scaling-fixed-general': 'refuted',
      complete: 'refuted',
      'scaling-free': 'refuted',
      'every-W3': 'refuted',
    });
  });

  it('honours --n 1: one admissible direction, the variants hold there (exhaustive)', () => {
    const v = corollarySolutionSet.check(resolveClaimOptions(corollarySolutionSet, { n: 1, runs: 4 }));
    const r = Object.fromEntries(v.readings.map((x) => [x.name, x]));
    expect(r['scaling-free']).toMatchObject({ status: 'holds', scope: { kind: 'exhaustive', checked: [1, 1] } });
    expect(r['complete']).toMatchObject({ status: 'holds', scope: { kind: 'exhaustive', checked: [1, 1] } });
    expect(r['every-W3']!.status).toBe('refuted');
  });
});
