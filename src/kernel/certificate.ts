/**
 * Independent re-checks of certificates. This file deliberately shares no
 * elimination code with matrix.ts: it uses plain Gaussian elimination over
 * Q, written again, so a bug in Bareiss or rref cannot confirm itself.
 */
import type { Mat, RankCertificate, Vec } from './matrix.js';
import { Q } from './rational.js';

/** Determinant by plain Gaussian elimination over Q (partial pivoting on nonzero). */
export function gaussDet(a: readonly (readonly Q[])[]): Q {
  const n = a.length;
  const m = a.map((r) => r.slice());
  let d = Q.ONE;
  for (let c = 0; c < n; c++) {
    let p = c;
    while (p < n && (m[p]?.[c] ?? Q.ZERO).isZero()) p++;
    if (p === n) return Q.ZERO;
    if (p !== c) {
      [m[p], m[c]] = [m[c] as Q[], m[p] as Q[]];
      d = d.neg();
    }
    const pr = m[c] as Q[];
    const piv = pr[c] as Q;
    d = d.mul(piv);
    for (let i = c + 1; i < n; i++) {
      const ri = m[i] as Q[];
      const f = (ri[c] as Q).div(piv);
      if (f.isZero()) continue;
      for (let j = c; j < n; j++) ri[j] = (ri[j] as Q).sub(f.mul(pr[j] as Q));
    }
  }
  return d;
}

/** Rank by plain Gaussian elimination over Q. */
export function gaussRank(a: readonly (readonly Q[])[]): number {
  const m = a.map((r) => r.slice());
  const nr = m.length;
  const nc = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < nc && r < nr; c++) {
    let p = r;
    while (p < nr && (m[p]?.[c] ?? Q.ZERO).isZero()) p++;
    if (p === nr) continue;
    [m[p], m[r]] = [m[r] as Q[], m[p] as Q[]];
    const pr = m[r] as Q[];
    for (let i = r + 1; i < nr; i++) {
      const ri = m[i] as Q[];
      const f = (ri[c] as Q).div(pr[c] as Q);
      if (f.isZero()) continue;
      for (let j = c; j < nc; j++) ri[j] = (ri[j] as Q).sub(f.mul(pr[j] as Q));
    }
    r++;
  }
  return r;
}

/** The outcome of a re-check: ok, or the first reason it failed. */
export type Check = { ok: true } | { ok: false; reason: string };

const OK: Check = { ok: true };

/** True when A v = 0 exactly. */
export function isKernelVector(a: Mat, v: Vec): boolean {
  return a.every((row) => row.reduce((s, x, j) => s.add(x.mul(v[j] ?? Q.ZERO)), Q.ZERO).isZero());
}

/**
 * Re-checks a rank certificate: the minor is r x r, nonzero and equal to
 * its stated value; there are cols - r kernel vectors, each with A v = 0,
 * and they are linearly independent. Together: rank(A) = r exactly.
 */
export function checkRankCertificate(a: Mat, cert: RankCertificate): Check {
  const n = a[0]?.length ?? 0;
  const { rows: ri, cols: ci, value } = cert.minor;
  if (ri.length !== cert.rank || ci.length !== cert.rank) return { ok: false, reason: 'minor is not r x r' };
  if (new Set(ri).size !== ri.length || new Set(ci).size !== ci.length) {
    return { ok: false, reason: 'minor repeats an index' };
  }
  const sub = ri.map((i) => ci.map((j) => a[i]?.[j] ?? Q.ZERO));
  const d = gaussDet(sub);
  if (!d.equals(value)) return { ok: false, reason: `minor value is ${d}, certificate says ${value}` };
  if (cert.rank > 0 && d.isZero()) return { ok: false, reason: 'minor is zero' };
  if (cert.kernel.length !== n - cert.rank) {
    return { ok: false, reason: `${cert.kernel.length} kernel vectors, expected ${n - cert.rank}` };
  }
  for (const v of cert.kernel) {
    if (v.length !== n || !isKernelVector(a, v)) return { ok: false, reason: 'a kernel vector is not in the kernel' };
  }
  if (gaussRank(cert.kernel) !== cert.kernel.length) return { ok: false, reason: 'kernel vectors are dependent' };
  return OK;
}
