/**
 * lemma-layer3: the decisions flip on false variants, and hand-checked cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pwl } from '../../src/activation/pwl.js';
import {
  both,
  decideEntrywise,
  decideFullRank,
  detEvidence,
  entrywiseEvidence,
  lemmaLayer3,
} from '../../src/claims/lemma-layer3.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { det, type Mat } from '../../src/kernel/matrix.js';
import { Poly } from '../../src/kernel/poly.js';
import { Q } from '../../src/kernel/rational.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const C = Q.of(3n, 2n);
const leaky = pwl(
  [Q.ZERO],
  [
    { a: Q.of(1n, 100n), c: Q.ZERO },
    { a: Q.ONE, c: Q.ZERO },
  ],
);
// min(max(u, 0), C): 0 on (-inf, 0], C on [C, +inf).
const clipped = pwl(
  [Q.ZERO, C],
  [
    { a: Q.ZERO, c: Q.ZERO },
    { a: Q.ONE, c: Q.ZERO },
    { a: Q.ZERO, c: C },
  ],
);

describe('lemma-layer3: entrywise decision (a)', () => {
  // By hand: ReLU^{-1}(C) = {C}, ReLU^{-1}(0) = (-inf, 0]: both directions hold.
  // Leaky ReLU (slope 1/100 left of 0): its zero set is {0}, so u = -1 < 0 gives -1/100, not 0:
  // form (1) no longer implies Y = X (converse refuted), while Y = X still forces form (1).
  // Clipped at C: every u >= C gives C, so u = C + 1 reproduces X without form (1) (only-if refuted).
  it.each([
    ['ReLU', undefined, 'holds', 'holds'],
    ['leaky ReLU', leaky, 'holds', 'refuted'],
    ['clipped ReLU', clipped, 'refuted', 'holds'],
  ] as const)('%s: only-if %s, converse %s', (_name, f, onlyIf, converse) => {
    const d = decideEntrywise(entrywiseEvidence(C, f));
    expect(d.onlyIf).toBe(onlyIf);
    expect(d.converse).toBe(converse);
  });

  it('names a witness entry when a direction fails', () => {
    expect(decideEntrywise(entrywiseEvidence(C, clipped)).reason).toMatch(/u = .* \\ne C/);
    expect(decideEntrywise(entrywiseEvidence(C, leaky)).reason).toMatch(/does not give \$0\$/);
  });
});

describe('lemma-layer3: determinant decision (b)', () => {
  it('n = 3 by hand: det = C (C + v21)(C + v32) = C^3 + C^2 v21 + C^2 v32 + C v21 v32, all positive', () => {
    // [[C, C, C], [-a, C, C], [-b, -c, C]]: R1 - R2 = (C + a, 0, 0), R2 - R3 = (b - a, C + c, 0),
    // R3 = (-b, -c, C): lower triangular, det = (C + a)(C + c) C; b does not occur.
    const e = detEvidence(3, C);
    expect(e.det.size()).toBe(4);
    expect(e.det.variables()).toEqual(['C', 'v2_1', 'v3_2']);
    expect(e.positiveCoefficients).toBe(true);
    expect(e.pureC.equals(Poly.variable('C').mul(Poly.variable('C')).mul(Poly.variable('C')))).toBe(true);
    expect(decideFullRank([e]).status).toBe('holds');
  });

  it('a false variant (entries below the diagonal >= 0 instead of <= 0) is refuted with an exact zero', () => {
    // u = +v: det = C (C - v21) at n = 2, zero at v21 = C.
    const plus = (i: number, j: number) => (j >= i ? Poly.variable('C') : Poly.variable(`v${i + 1}_${j + 1}`));
    const e = detEvidence(2, C, plus);
    expect(e.positiveCoefficients).toBe(false);
    expect(e.zero).toBeDefined();
    expect(e.zero?.v2_1?.equals(C)).toBe(true);
    const d = decideFullRank([detEvidence(1, C), e]);
    expect(d.status).toBe('refuted');
    expect(d.reason).toMatch(/n = 2/);
  });

  it('mixed coefficients and no zero found: inconclusive', () => {
    // det [[C, 1], [1, C]] = C^2 - 1: not certified, and no zero at C = 3/2 (only C = 1).
    const e = detEvidence(2, C, (i, j) => (i === j ? Poly.variable('C') : Poly.constant(Q.ONE)));
    expect(decideFullRank([e]).status).toBe('inconclusive');
  });

  it('the certificate is sound: every form-(1) block with rational entries has det >= C^n (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(smallQ(), { minLength: 25, maxLength: 25 }), (n, xs) => {
        const T: Mat = Array.from({ length: n }, (_, i) =>
          Array.from({ length: n }, (_, j) => (j >= i ? C : (xs[i * 5 + j] as Q).abs().neg())),
        );
        expect(C.pow(n).le(det(T))).toBe(true);
      }),
      fcParams(100),
    );
  });

  it('both: a refuted part refutes, two holds hold, else inconclusive', () => {
    expect(both('holds', 'holds')).toBe('holds');
    expect(both('holds', 'refuted')).toBe('refuted');
    expect(both('inconclusive', 'refuted')).toBe('refuted');
    expect(both('holds', 'inconclusive')).toBe('inconclusive');
  });
});

describe('lemma-layer3: the verdict', () => {
  it('holds in every reading, proved, re-checked for exactly --n', () => {
    const v = lemmaLayer3.check(resolveClaimOptions(lemmaLayer3, { n: 3, C: Q.of(2n, 3n) }));
    expect(v.status).toBe('holds');
    expect(v.readings.map((r) => [r.name, r.status])).toEqual([
      ['only-if', 'holds'],
      ['iff', 'holds'],
      ['rank-implied', 'holds'],
      ['zero-signal-dropped', 'holds'],
    ]);
    expect(v.scope).toEqual({ kind: 'proved', checked: [3, 3] });
    expect(v.sections.some((s) => s.proof)).toBe(true);
  });

  it('prints polynomials as LaTeX, not as C*u2_1', () => {
    const v = lemmaLayer3.check(resolveClaimOptions(lemmaLayer3, { nMax: 3 }));
    const text = JSON.stringify(v.sections);
    expect(text).not.toMatch(/u2_1/);
    expect(text).toContain('C^{2} - C\\\\,u_{2,1}');
  });
});
