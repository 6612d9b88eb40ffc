/**
 * The report of `verify inspect`: the exact inspection of a network
 * (src/inspect/) as terminal text. JSON is the inspection itself.
 */
import type { Inspection } from '../inspect/inspect.js';
import type { Resolution } from '../inspect/resolve.js';
import type { Q } from '../kernel/rational.js';
import { textMatrix, textTable } from './format.js';

/** A rational with its decimal value when it is not an integer. */
function q(x: Q): string {
  return x.isInteger() ? x.toString() : `${x} (${x.toNumber().toPrecision(6)})`;
}

function resolution(r: Resolution): string {
  if (!r.possible) return `no: ${r.reason}`;
  const rows = r.rows === 'all' ? 'all n+1 signals' : 'signals 1..n';
  return `yes (solved on ${rows}): Y = X on signals 1..n ${r.signals ? 'yes' : 'no'}, zero signal ${r.zeroSignal ? 'yes' : 'no'}`;
}

/** The terminal report of an inspection. @param source the file and how it was read */
export function renderInspectionText(r: Inspection, source: string, replay: string, width?: number): string {
  const c = r.codes;
  let t = `${source}: ${r.decoder} decoder, ${r.encoder} encoder, n = ${r.n}${r.decoder === 'two-layer' ? `, n2 = ${r.n2}, b3 ${r.hasB3 ? 'present' : 'absent'}` : ''}, C = ${r.C}\n`;
  t += `weights taken exactly: each float32 value as the rational its bits denote\n\n`;
  t += `verdict: ${r.exact ? 'RECONSTRUCTS X EXACTLY (all n+1 signals)' : r.exactSignals ? 'reconstructs signals 1..n exactly, not the zero signal' : 'does NOT reconstruct X exactly'}\n`;
  t += `MSE: exact ${r.mse === undefined ? '-' : q(r.mse)}; float32 forward pass ${r.float32Mse.toExponential(6)}\n`;
  t += `\nCodes z(1..n+1): ${c.codes.map((z) => z.toNumber().toPrecision(6)).join(', ')}\n`;
  t += `  linear exactly: ${c.linear ? `yes, z(i) = ${c.alpha} i + ${c.beta}` : 'no'}; R^2 = ${c.r2.toNumber().toFixed(6)}${c.nearlyLinear ? ' (>= 0.999)' : ''}\n`;
  t += `  order: ${c.order} over all signals, ${c.orderSignals} over signals 1..n; smallest gap ${c.minGap.value.toNumber().toExponential(3)} (signals ${c.minGap.at}, ${c.minGap.at + 1})\n`;
  if (c.equalCodes.length > 0)
    t += `  equal codes: ${c.equalCodes
      .slice(0, 10)
      .map(([a, b]) => `(${a}, ${b})`)
      .join(', ')}${c.equalCodes.length > 10 ? ', ...' : ''}\n`;
  const d = r.decoderReport;
  if (d.kind === 'two-layer') {
    t += `\nA2 = ReLU(z W2^T + b2): rank ${d.rankA2.kept} with the zero signal kept, ${d.rankA2.dropped} with it dropped (full: ${Math.min(r.n, r.n2)}); rank W3 = ${d.rankW3}\n`;
    t += `U3 form (1): ${d.formOne.holds ? 'yes' : `no, ${d.formOne.violations.length} entries break it`} (signals 1..n: ${d.formOne.holdsSignals ? 'yes' : 'no'})\n`;
    if (d.formOne.violations.length > 0)
      t += textTable(
        ['signal i', 'output j', 'U3_ij', 'form (1) needs'],
        d.formOne.violations
          .slice(0, 20)
          .map((v) => [String(v.i), String(v.j), q(v.value), v.expected === 'C' ? `= C = ${r.C}` : '<= 0']),
        { width },
      );
    t += `Y against X: ${d.mismatches.length} of ${(r.n + 1) * r.n} entries differ; stuck at 0 where the target is C: ${d.stuck.length} (share of the MSE ${q(d.stuckMse)})\n`;
    t += `\nNearest exact solution (layers 1-2 kept, W3 re-solved exactly for U3 = X):\n`;
    t += `  without b3: ${resolution(d.resolve.withoutB3)}\n  with b3:    ${resolution(d.resolve.withB3)}\n`;
    if (r.n <= 12) t += `\nU3 = A2 W3^T${r.hasB3 ? ' + b3' : ''} (exact):\n${textMatrix(d.U3)}`;
  } else {
    t += `\nsigmoid decoder: MSE in [${Number(d.mseEnclosure.lo).toExponential(6)}, ${Number(d.mseEnclosure.hi).toExponential(6)}] (rigorous enclosure); ${d.wrongSide.length} outputs on the wrong side of 1/2\n`;
  }
  t += `\nThe deck's conditions:\n`;
  t += textTable(
    ['claim', 'condition', 'met', 'detail'],
    r.conditions.map((k) => [k.claim, k.text, k.assumed ? 'assumed' : k.holds ? 'yes' : 'no', k.detail]),
    { width },
  );
  t += `\nreproduce: ${replay}\n`;
  return t;
}
