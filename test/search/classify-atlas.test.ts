import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { binom, column, linearCodes } from '../../src/search/grid.js';
import {
  checkRecorded,
  classificationAtlas,
  loadRecordedResults,
  orderFailure,
  smallestMixedGeneric,
  zerosOffTies,
  type RankPair,
} from '../../src/search/classify/atlas.js';
import { classOf } from '../../src/search/classify/classes.js';
import { classOfKnot } from '../../src/search/classify/grid-check.js';
import { classifyResult, classifySpec, runClassify } from '../../src/search/classify/run.js';

/** The exact rank of a pair's configuration and the classes of its knots. */
function check(p: RankPair, which: 'singular' | 'fullRank') {
  const codes = linearCodes(p.n, 'drop');
  const knots = p[which].knots.map((x) => Q.parse(x));
  const dirs = p.classes.map((c) => classOf(c).s);
  const cols = knots.map((t, j) => column(codes, dirs[j] as 1 | -1, t));
  return {
    rank: rank(codes.map((_, i) => cols.map((c) => c[i] as Q))),
    classes: knots.map((t, j) => classOfKnot(codes, dirs[j] as 1 | -1, t)),
    // The order of all knots and codes: each point's rank among them (ties share a rank).
    order: [...knots, ...codes].map((x, _, all) => all.filter((y) => y.lt(x)).length),
  };
}

describe('atlas data', () => {
  it('the smallest mixed-sign generic type: one type, two ranks (recomputed exactly)', () => {
    const p = smallestMixedGeneric() as RankPair;
    expect(p).toBeDefined();
    const a = check(p, 'singular');
    const b = check(p, 'fullRank');
    expect(a.rank).toBeLessThan(p.n);
    expect(b.rank).toBe(p.n);
    expect(a.classes).toEqual(p.classes);
    expect(b.classes).toEqual(p.classes);
    expect(new Set(p.classes.map((c) => classOf(c).s)).size).toBe(2);
  });

  it('the order failure: same type, same order of knots and codes, no ties, different ranks', () => {
    const p = orderFailure() as RankPair;
    expect(p).toBeDefined();
    const a = check(p, 'singular');
    const b = check(p, 'fullRank');
    expect(a.rank).toBeLessThan(p.n);
    expect(b.rank).toBe(p.n);
    expect(a.classes).toEqual(p.classes);
    expect(b.classes).toEqual(p.classes);
    expect(a.order).toEqual(b.order);
    // No ties among the free knots and the codes.
    const free = p.classes.flatMap((c, j) => (classOf(c).p % 2 === 0 ? [j] : []));
    const pts = [...free.map((j) => a.order[j] as number), ...a.order.slice(p.n)];
    expect(new Set(pts).size).toBe(pts.length);
  });

  it('the order failure is the first type whose exceptional set leaves the ties (exact division, n <= 4)', () => {
    expect(zerosOffTies(2)).toEqual([]);
    expect(zerosOffTies(3)).toEqual([]);
    const four = zerosOffTies(4);
    expect(four[0]).toBe((orderFailure() as RankPair).type);
    // +z1 +z2 -g2 -g3 has det = -6 + 5c + 3d - 2cd (hand computation): a curve, no tie at all.
    expect(four).toContain('+z1 +z2 -g2 -g3');
    // +g0 +z1 -g2 +g2 has det = (a - 1)(c - d): its zeros are the tie c = d only.
    expect(four).not.toContain('+g0 +z1 -g2 +g2');
  });

  it('checkRecorded rejects malformed results with a usage error', () => {
    expect(() => checkRecorded(null)).toThrow(UsageError);
    expect(() => checkRecorded({ runs: [] })).toThrow(/no runs/);
    const run = { n: 1, zeroSignal: 'drop', types: 6, classes: { singular: 4, generic: 0, full: 1 }, complete: true };
    expect(() => checkRecorded({ runs: [run], grid: [], orderOnly: [], oneSign: [] })).toThrow(/add up/);
  });

  it('the recorded results: type counts are the binomials, and n <= 4 reproduces exactly (counts, smallest types, digest)', async () => {
    const rec = loadRecordedResults();
    for (const r of rec.runs) {
      const m = r.zeroSignal === 'drop' ? r.n : r.n + 1;
      expect(BigInt(r.types)).toBe(binom(2 * (2 * m + 1) + r.n - 1, r.n));
      if (r.n > 4) continue;
      const fresh = classifyResult(await runClassify({ spec: classifySpec(r.n, r.zeroSignal), workers: 1 }));
      expect([r.n, r.zeroSignal, fresh.classes, fresh.digest]).toEqual([r.n, r.zeroSignal, r.classes, r.digest]);
    }
    const atlas = classificationAtlas(rec);
    expect(atlas.table.header).toEqual(['n', 'types', 'always singular', 'generic', 'always full rank']);
    for (const row of [...atlas.table.rows, ...atlas.keptTable.rows]) {
      const [, types, s, g, f] = row.map(Number);
      expect((s as number) + (g as number) + (f as number)).toBe(types);
    }
    expect(atlas.typeOnlyFailure.rows.length).toBe(2);
    expect(atlas.criterion.length).toBeGreaterThan(3);
  });
});
