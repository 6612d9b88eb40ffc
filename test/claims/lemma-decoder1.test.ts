/**
 * lemma-decoder1: the decisions flip on false variants, and hand-checked cases.
 */
import { describe, expect, it } from 'vitest';
import { builtins, parseActivation } from '../../src/activation/catalogue.js';
import { pwlEval } from '../../src/activation/pwl.js';
import {
  type CaseRow,
  caseRow,
  decideConverse,
  decideConverseN1,
  decideMonotoneN1,
  decideMonotoneN2,
  decideNonMonotonePwl,
  decideOnlyIf,
  decidePolynomial,
  type FamilyRow,
  familyRow,
  lagrange,
  lemmaDecoder1,
  linearFit,
  zigzag,
} from '../../src/claims/lemma-decoder1.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { Q } from '../../src/kernel/rational.js';

const C = Q.ONE;
const codes = (n: number) => Array.from({ length: n + 1 }, (_, i) => Q.int(i + 1));
const byId = (id: string) => builtins(C).find((a) => a.id === id)!;
const rowsFor = (n: number) => builtins(C).map((a) => caseRow(a, codes(n), C));

describe('lemma-decoder1: hand-checked witnesses', () => {
  it('ReLU, n = 1, any C: u = C(2 - z) gives (C, 0) (the draft: decoder1.py (a))', () => {
    for (const c of ['1', '1/3', '7/2']) {
      const Cq = Q.parse(c);
      const relu = builtins(Cq).find((a) => a.id === 'relu')!;
      const r = caseRow(relu, codes(1), Cq);
      expect(r.decision.status).toBe('yes');
      expect(r.intervals).toBe('no');
    }
  });

  it('the interpolating polynomial for n = 2 is u^3/3 - u^2/2 - 5u/6 + 1 (nodes (-1,1), (0,1), (1,0), (2,0))', () => {
    // By hand: p(-1) = -1/3 - 1/2 + 5/6 + 1 = 1, p(0) = 1, p(1) = 1/3 - 1/2 - 5/6 + 1 = 0, p(2) = 8/3 - 2 - 5/3 + 1 = 0.
    const p = lagrange(2, C);
    for (const [u, y] of [
      [-1, 1],
      [0, 1],
      [1, 0],
      [2, 0],
    ] as const)
      expect(p.eval({ u: Q.int(u) }).equals(Q.int(y))).toBe(true);
    expect(p.totalDegree()).toBe(3);
  });

  it('the zigzag has no flat piece and passes through the nodes (n = 3)', () => {
    const z = zigzag(3, C);
    if (z.kind !== 'pwl') throw new Error('expected PWL');
    expect(z.f.pieces.every((p) => !p.a.isZero())).toBe(true);
    for (const k of [-2, -1, 0]) expect(pwlEval(z.f, Q.int(k)).equals(C)).toBe(true);
    for (const k of [1, 2, 3]) expect(pwlEval(z.f, Q.int(k)).isZero()).toBe(true);
  });

  it.each([
    [['1', '2', '3'], '1', '0'],
    [['7', '5', '3'], '-2', '9'],
    [['1', '2', '4'], undefined, undefined],
  ])('linearFit(%j) = alpha %s, beta %s', (z, a, b) => {
    const f = linearFit(z.map((x) => Q.parse(x)));
    if (a === undefined) expect(f).toBeUndefined();
    else expect([f!.alpha.toString(), f!.beta.toString()]).toEqual([a, b]);
  });
});

describe('lemma-decoder1: status flips', () => {
  const rows = [1, 2, 3].flatMap(rowsFor);
  const fams = [1, 2, 3].map((n) => familyRow(codes(n), C));

  it('the catalogue evidence: only-if refuted, monotone-n2 holds, monotone-n1 refuted, converse-n1 holds', () => {
    expect(decideOnlyIf(rows, fams).status).toBe('refuted');
    expect(decideMonotoneN2(rows).status).toBe('holds');
    expect(decideMonotoneN1(rows).status).toBe('refuted');
    expect(decideConverseN1(rows).status).toBe('holds');
    expect(decidePolynomial(fams).status).toBe('refuted');
    expect(decideNonMonotonePwl(fams).status).toBe('refuted');
    expect(decideConverse(rows, fams).status).toBe('refuted');
  });

  it('only-if without its counterexamples (the monotone cases with n >= 2, no families) is not refuted', () => {
    const mono = rows.filter((r) => r.monotone && r.n >= 2);
    expect(decideOnlyIf(mono, []).status).toBe('inconclusive');
  });

  it('monotone-n2 flips when a monotone case reconstructs without intervals at n = 2 (false variant)', () => {
    const relu2 = rows.find((r) => r.g === 'relu' && r.n === 2)!;
    const forged: CaseRow = { ...relu2, decision: { status: 'yes', W2: [Q.ONE, Q.ONE], b2: [Q.ZERO, Q.ZERO] } };
    expect(decideMonotoneN2([forged]).status).toBe('refuted');
  });

  it('a non-monotone user activation (ReLU with a dip) does not count for monotone-n2', () => {
    const g = parseActivation('u < 0 ? 0 : (u < 1 ? u : 2 - u)', C);
    const r = caseRow(g, codes(2), C);
    expect(r.monotone).toBe(false);
    expect(decideMonotoneN2([r]).status).toBe('inconclusive');
  });

  it('monotone-n1 and only-if are not refuted once ReLU and leaky ReLU are taken out', () => {
    const n1 = rowsFor(1).filter((r) => r.g !== 'relu' && r.g !== 'leaky-relu');
    expect(decideMonotoneN1(n1).status).toBe('inconclusive');
    expect(decideOnlyIf(n1, []).status).toBe('inconclusive');
  });

  it('converse-n1 flips when an activation with both intervals cannot reconstruct at n = 1', () => {
    const hs = rowsFor(1).find((r) => r.g === 'hardsigmoid')!;
    expect(decideConverseN1([{ ...hs, decision: { status: 'no', reason: 'forged' } }]).status).toBe('refuted');
  });

  it('converse: not refuted at n = 1 only, nor when the gapped g would reconstruct', () => {
    expect(decideConverse(rowsFor(1), [familyRow(codes(1), C)]).status).toBe('inconclusive');
    const f2 = familyRow(codes(2), C);
    const forged: FamilyRow = { ...f2, gapped: { ...f2.gapped, reconstructs: true } };
    const withIntervals = rowsFor(2).filter((r) => r.intervals === 'yes');
    expect(decideConverse(withIntervals, [forged]).status).toBe('inconclusive');
    expect(decideConverse(withIntervals, [f2]).status).toBe('refuted');
  });

  it('polynomial: a constant polynomial or one that fails does not refute', () => {
    const f = fams[1]!;
    expect(decidePolynomial([{ ...f, polynomial: { ...f.polynomial!, reconstructs: false } }]).status).toBe(
      'inconclusive',
    );
    expect(decidePolynomial([{ ...f, polynomial: { ...f.polynomial!, degree: 0 } }]).status).toBe('inconclusive');
  });

  it('the families apply to linear codes only', () => {
    const f = familyRow([Q.ZERO, Q.of(1n, 10n), Q.int(10)], C);
    expect(f.linearCodes).toBe(false);
    expect(f.polynomial).toBeUndefined();
    expect(decidePolynomial([f]).status).toBe('inconclusive');
    // Linear codes 7, 5, 3 (alpha = -2): the polynomial still reconstructs with u_j = (z - beta)/alpha - j.
    expect(familyRow([Q.int(7), Q.int(5), Q.int(3)], C).polynomial?.reconstructs).toBe(true);
  });

  it('tanh, C = 1/2, n = 1: real weights only, no intervals: a counterexample over R', () => {
    const half = Q.of(1n, 2n);
    const tanh = builtins(half).find((a) => a.id === 'tanh')!;
    const r = caseRow(tanh, codes(1), half);
    expect(r.decision.status).toBe('real-only');
    expect(decideMonotoneN1([r]).status).toBe('refuted');
    expect(byId('sigmoid').kind).toBe('injective');
  });
});

describe('lemma-decoder1: the verdict', () => {
  it('refuted as worded; holds in monotone-n2 and converse-n1', () => {
    const v = lemmaDecoder1.check(resolveClaimOptions(lemmaDecoder1, { nMax: 3 }));
    expect(v.status).toBe('refuted');
    expect(Object.fromEntries(v.readings.map((r) => [r.name, r.status]))).toEqual({
      'only-if': 'refuted',
      'monotone-n2': 'holds',
      'monotone-n1': 'refuted',
      polynomial: 'refuted',
      'non-monotone-pwl': 'refuted',
      converse: 'refuted',
      'converse-n1': 'holds',
    });
  });

  it('--n 3 checks n = 3 only: the n = 1 readings are out of range, the as-worded one is still refuted', () => {
    const v = lemmaDecoder1.check(resolveClaimOptions(lemmaDecoder1, { n: 3 }));
    expect(v.status).toBe('refuted');
    expect(v.readings.find((r) => r.name === 'monotone-n1')?.status).toBe('inconclusive');
    expect(v.scope).toEqual({ kind: 'proved', checked: [3, 3] });
  });
});
