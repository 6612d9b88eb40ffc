/**
 * identity-k: the decisions flip on false variants, and hand-checked cases.
 */
import { describe, expect, it } from 'vitest';
import { plainMath } from '../../src/render/format.js';
import {
  borderedEntry,
  columnCase,
  decideColumns,
  decideIdentity,
  decideSolutionsDropped,
  decideSolutionsKept,
  droppedWitness,
  identityK,
  identitySamples,
  kFormOnCodes,
  symbolicIdentity,
} from '../../src/claims/identity-k.js';
import { detEvidence } from '../../src/claims/lemma-layer3.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { Poly } from '../../src/kernel/poly.js';
import { Q } from '../../src/kernel/rational.js';
import { Rng } from '../../src/random.js';

const q = (xs: string[]) => xs.map((x) => Q.parse(x));

describe('identity-k: the k-form of a ReLU column on the codes', () => {
  // Each row by hand: does some w != 0, k give ReLU(w(z_i + k)) = a_i at every code?
  it.each([
    // zero column: w = 1, k = -max z = -3.
    [['0', '0', '0'], ['1', '2', '3'], '1', '-3'],
    // ReLU(-(z - 3)) = (2, 1, 0): w = -1, k = -3.
    [['2', '1', '0'], ['1', '2', '3'], '-1', '-3'],
    // ReLU(z - 1) = (0, 1, 2): w = 1, k = -1.
    [['0', '1', '2'], ['1', '2', '3'], '1', '-1'],
    // positive constant on two distinct codes: none (w(z - z') = 0).
    [['1', '1', '1'], ['1', '2', '3'], undefined, undefined],
    // (1, 1, 0): positive entries at codes 1, 2 force w = 0: none.
    [['1', '1', '0'], ['1', '2', '3'], undefined, undefined],
    // V shape (1, 0, 1): ReLU of an affine map is monotone: none.
    [['1', '0', '1'], ['1', '2', '3'], undefined, undefined],
    // a single code z = 5, value 1: w = 1, k = 1 - 5 = -4.
    [['1'], ['5'], '1', '-4'],
    // one positive code with zeros on both sides: none; zeros on the right only: the steepest allowed w.
    [['0', '2', '0'], ['1', '2', '3'], undefined, undefined],
    [['2', '0', '0'], ['1', '2', '3'], '-2', '-2'],
    // negative entries are never ReLU values.
    [['-1', '0'], ['1', '2'], undefined, undefined],
  ])('column %j on codes %j: w = %s, k = %s', (col, codes, w, k) => {
    const r = kFormOnCodes(q(col), q(codes));
    if (w === undefined) expect(r).toBeUndefined();
    else expect([r!.w.toString(), r!.k.toString()]).toEqual([w, k]);
  });
});

describe('identity-k: status flips', () => {
  it('identity holds with k = b/W; the knot sign k = -b/W is refuted', () => {
    const ok = identitySamples([1, 2, 3], Q.ONE, new Rng(1), 3);
    expect(decideIdentity(symbolicIdentity(), ok).status).toBe('holds');
    const flipped = identitySamples([1, 2, 3], Q.ONE, new Rng(1), 3, (W, b) => b.neg().div(W));
    expect(decideIdentity(symbolicIdentity(), flipped).status).toBe('refuted');
    const W = Poly.variable('W');
    const z = Poly.variable('z');
    const k = Poly.variable('k');
    expect(decideIdentity({ lhs: W.mul(z.sub(k)), rhs: W.mul(z).add(W.mul(k)) }, ok).status).toBe('refuted');
  });

  it('columns: zero columns hold, positive constants refute with two codes, hold with one', () => {
    const codes = q(['-3/2', '-1', '-1/2']);
    expect(decideColumns([columnCase(Q.ZERO, codes), columnCase(Q.int(-2), codes)]).status).toBe('holds');
    expect(decideColumns([columnCase(Q.ONE, codes)]).status).toBe('refuted');
    expect(decideColumns([columnCase(Q.ONE, codes.slice(0, 1))]).status).toBe('holds');
    expect(decideColumns([]).status).toBe('inconclusive');
    // Mutated evidence: a zero column reported without a k-form flips the zero-column reading.
    expect(decideColumns([{ ...columnCase(Q.ZERO, codes), kForm: undefined }]).status).toBe('refuted');
  });

  it('solutions-kept: det [U 1] certified for n = 1..4; with u >= 0 below the diagonal it vanishes (refuted)', () => {
    const C = Q.of(3n, 2n);
    const dets = [1, 2, 3, 4].map((n) => detEvidence(n + 1, C, borderedEntry(n)));
    expect(decideSolutionsKept(dets).status).toBe('holds');
    // det [U 1] = prod (C - u_{i+1,i}) by hand; n = 1: [[C, 1], [u21, 1]] gives C - u21.
    expect(dets[0]!.det.equals(Poly.variable('C').add(Poly.variable('v2_1')))).toBe(true);
    const plus = (i: number, j: number) =>
      j === 1 ? Poly.constant(Q.ONE) : j >= i ? Poly.variable('C') : Poly.variable(`v${i + 1}_${j + 1}`);
    expect(decideSolutionsKept([detEvidence(2, C, plus)]).status).toBe('refuted');
  });

  it('solutions-dropped: the witness reconstructs for n = 1..5 with W2_1 = 0; a witness that fails does not refute', () => {
    const C = Q.of(2n, 3n);
    const ws = [1, 2, 3, 4, 5].map((n) => droppedWitness(n, C));
    for (const w of ws) expect(w.reconstructs && w.W2[0]!.isZero()).toBe(true);
    expect(decideSolutionsDropped(ws).status).toBe('refuted');
    expect(decideSolutionsDropped(ws.map((w) => ({ ...w, reconstructs: false }))).status).toBe('inconclusive');
  });

  it('n = 2 witness, C = 1: W3 = [1, -1; 1, 0] (the draft: identityk.py (c))', () => {
    const w = droppedWitness(2, Q.ONE);
    expect(w.W3.map((r) => r.map(String))).toEqual([
      ['1', '-1'],
      ['1', '0'],
    ]);
  });
});

describe('identity-k: the verdict', () => {
  it('holds as worded; zero columns have the k-form, positive constants do not', () => {
    const v = identityK.check(resolveClaimOptions(identityK, { nMax: 4 }));
    expect(v.status).toBe('holds');
    expect(Object.fromEntries(v.readings.map((r) => [r.name, r.status]))).toEqual({
      identity: 'holds',
      'every-relu-column': 'refuted',
      'zero-column': 'holds',
      'positive-constant-column': 'refuted',
      'one-code': 'holds',
      'solutions-kept': 'holds',
      'solutions-dropped': 'refuted',
    });
    expect(plainMath(v.summary)).toMatch(/zero column still has the k-form/);
    expect(plainMath(v.summary)).not.toMatch(
      /W2_j = 0 gives constant columns g2\(b2_j\) that the k-form cannot express/,
    );
  });

  it('--n 3: one-code is out of range (inconclusive)', () => {
    const v = identityK.check(resolveClaimOptions(identityK, { n: 3 }));
    expect(v.readings.find((r) => r.name === 'one-code')?.status).toBe('inconclusive');
    expect(v.scope).toEqual({ kind: 'proved', checked: [3, 3] });
  });
});
