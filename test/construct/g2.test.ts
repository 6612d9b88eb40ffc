/**
 * Reconstruction with any layer-2 activation: exact solutions re-checked by
 * an independent forward pass, and the polynomial impossibility
 * certificates at the degrees the proof predicts (n <= d + 1 dropped,
 * n <= d kept).
 */
import { describe, expect, it } from 'vitest';
import { IDENTITY_G2, layer2Catalogue } from '../../src/activation/layer2.js';
import { encoderForCodes } from '../../src/construct/codes.js';
import { reconstruct } from '../../src/construct/g2.js';
import { equals } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { forward } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';

const C = Q.of(3n, 2n);
const byId = (id: string) => [...layer2Catalogue(C), IDENTITY_G2].find((g) => g.id === id)!;
const codesUpTo = (n: number) => Array.from({ length: n + 1 }, (_, i) => Q.int(i + 1));

describe('reconstruct', () => {
  // (id, degree): dropped possible iff n <= d + 1, kept iff n <= d (the page's proof (c)).
  it.each([
    ['identity', 1],
    ['square', 2],
    ['cube', 3],
  ])('%s (degree %d): exactly the predicted n, n = 1..6', (id, d) => {
    const g = byId(id);
    for (let n = 1; n <= 6; n++) {
      const dropped = reconstruct(g, codesUpTo(n), C, 'dropped');
      const kept = reconstruct(g, codesUpTo(n), C, 'kept');
      expect(dropped.kind).toBe(n <= d + 1 ? 'solution' : 'impossible');
      expect(kept.kind).toBe(n <= d ? 'solution' : 'impossible');
      for (const [r, rows] of [
        [dropped, n],
        [kept, n + 1],
      ] as const) {
        if (r.kind !== 'solution' || !r.W3) continue;
        const out = forward(
          { ...encoderForCodes(codesUpTo(n), C), W2: r.W2.map((w) => [w]), b2: r.b2, W3: r.W3 },
          stepMatrix(n, C),
          g.kind === 'exact' ? g.f : undefined,
        );
        expect(equals(out.Y.slice(0, rows), stepMatrix(n, C).slice(0, rows))).toBe(true);
      }
    }
  });

  it('identity at n = 1 reconstructs the zero signal too (the deck says "linear"; one signal and the zero one are two points)', () => {
    expect(reconstruct(IDENTITY_G2, codesUpTo(1), C, 'kept').kind).toBe('solution');
  });

  it('the non-polynomial activations reconstruct at every n = 1..6, dropped and kept', () => {
    for (const g of layer2Catalogue(C).filter((x) => x.id !== 'square' && x.id !== 'cube'))
      for (let n = 1; n <= 6; n++)
        for (const rows of ['dropped', 'kept'] as const)
          expect(reconstruct(g, codesUpTo(n), C, rows).kind).toBe('solution');
  });
});
