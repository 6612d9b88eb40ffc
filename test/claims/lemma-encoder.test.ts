/**
 * lemma-encoder: the decisions flip on false variants, and hand-checked cases.
 */
import { describe, expect, it } from 'vitest';
import {
  decideCharacterisation,
  decideExists,
  decideNoNonlinearity,
  decideStrictlyLinear,
  isLinearCodes,
  lemmaEncoder,
  linearCodeSystem,
  predictedBasis,
  sameSpace,
  spaceEvidence,
} from '../../src/claims/lemma-encoder.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { kernel, rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';

const C = Q.of(3n, 2n);
const ns = [1, 2, 3, 4, 5];

describe('lemma-encoder: hand-checked systems', () => {
  it('n = 2, C = 1, all signals: rows (1,1,1,-1,-1), (0,1,1,-2,-1), (0,0,1,-3,-1), rank 3, W1_1 = W1_2', () => {
    const S = linearCodeSystem(2, Q.ONE);
    expect(S.map((r) => r.map(String))).toEqual([
      ['1', '1', '1', '-1', '-1'],
      ['0', '1', '1', '-2', '-1'],
      ['0', '0', '1', '-3', '-1'],
    ]);
    expect(rank(S)).toBe(3);
    for (const v of kernel(S)) expect(v[0]!.equals(v[1]!)).toBe(true);
  });

  it('n = 2, zero signal dropped: two rows, dimension 3, W1_2 free (the draft: encoder.py, dimension 3)', () => {
    const S = linearCodeSystem(2, Q.ONE, 'dropped');
    expect(S).toHaveLength(2);
    expect(kernel(S)).toHaveLength(3);
    // W1 = (0, 1), b1 = 0 gives z = (C, C) = 0*i + C: a vector of the space with W1_1 != W1_2.
    expect(kernel(S).some((v) => !v[0]!.equals(v[1]!))).toBe(true);
  });

  it('the predicted families are the exact spaces for n = 1..5 (all signals and dropped)', () => {
    for (const n of ns) {
      expect(sameSpace(spaceEvidence(n, C, 'all'))).toBe(true);
      expect(sameSpace(spaceEvidence(n, C, 'dropped'))).toBe(true);
    }
  });

  it.each([
    [['1', '2', '3'], true],
    [['5', '3', '1'], true],
    [['1', '1', '1'], false], // alpha = 0
    [['1', '2', '4'], false],
    [['7'], true], // a single code
  ])('isLinearCodes(%j) = %s', (z, linear) => {
    expect(isLinearCodes(z.map((x) => Q.parse(x)))).toBe(linear);
  });
});

describe('lemma-encoder: status flips', () => {
  const all = ns.map((n) => spaceEvidence(n, C, 'all'));

  it('the true evidence: every decision holds', () => {
    expect(decideExists(all).status).toBe('holds');
    expect(decideNoNonlinearity(all).status).toBe('holds');
    expect(decideCharacterisation(all).status).toBe('holds');
    expect(decideStrictlyLinear(all).status).toBe('holds');
  });

  it('exists: a solution space with alpha = 0 everywhere (a code that cannot move) is refuted', () => {
    // Drop the alpha direction from the kernel of n = 3: only (w = 0, b1 = 1) remains.
    const e = all[2]!;
    const alphaFree = { ...e, kernel: e.kernel.filter((v) => v[e.n + 1]!.isZero()) };
    expect(decideExists([alphaFree]).status).toBe('refuted');
    // And no-nonlinearity then rests on exists: a witness that fails gives refuted.
    expect(decideNoNonlinearity([{ ...alphaFree, witnessCodes: [Q.ONE, Q.ONE, Q.ONE, Q.ONE] }]).status).toBe('refuted');
  });

  it('no-nonlinearity: a witness with non-linear codes but solutions available is inconclusive', () => {
    const e = all[1]!;
    expect(decideNoNonlinearity([{ ...e, witnessCodes: [Q.ONE, Q.int(2), Q.int(4)] }]).status).toBe('inconclusive');
  });

  it('characterisation: the all-signals family on the dropped system is refuted (W1_n is free there)', () => {
    const wrong = ns.map((n) => ({ ...spaceEvidence(n, C, 'dropped'), predicted: predictedBasis(n, C, 'all') }));
    const d = decideCharacterisation(wrong);
    expect(d.status).toBe('refuted');
  });

  it('characterisation: an off-by-one beta (C n instead of C(n+1)) is refuted', () => {
    const e = all[3]!;
    const bad = predictedBasis(4, C).map((v, k) => (k === 0 ? [...v.slice(0, -1), C.mul(Q.int(4))] : v));
    expect(decideCharacterisation([{ ...e, predicted: bad }]).status).toBe('refuted');
  });

  it('strictly-linear: a system where beta = 0 forces alpha = 0 is refuted', () => {
    // Append the condition alpha + beta = 0 to the n = 1 system: then beta = 0 forces alpha = 0.
    const e = all[0]!;
    const extra = [Q.ZERO, Q.ZERO, Q.ONE, Q.ONE];
    expect(decideStrictlyLinear([{ ...e, system: [...e.system, extra] }]).status).toBe('refuted');
  });
});

describe('lemma-encoder: the verdict', () => {
  it('holds in every reading, proved, for exactly --n', () => {
    const v = lemmaEncoder.check(resolveClaimOptions(lemmaEncoder, { n: 4, C }));
    expect(v.status).toBe('holds');
    expect(v.readings.map((r) => r.status)).toEqual(['holds', 'holds', 'holds', 'holds', 'holds']);
    expect(v.asWorded).toEqual(['exists', 'no-nonlinearity']);
    expect(v.scope).toEqual({ kind: 'proved', checked: [4, 4] });
  });
});
