/**
 * Running the classification: a spec (n, zero signal, codes), its
 * deterministic units, in-process or on worker threads, on a shard (the
 * units whose index is i mod N), with progress, checkpoints that a resumed
 * run continues exactly, and a merge of shard checkpoints. The result
 * object (per-class counts, smallest types, criterion agreement) carries a
 * sha256 digest of its canonical counts.
 *
 * The caller's contract (what the CLI wires):
 *   const spec = classifySpec(n, 'drop' | 'keep', codes?);   // codes default 1..m
 *   const cp = await runClassify({ spec, workers, shard, resume, onProgress, onCheckpoint, stop });
 *   const merged = mergeClassifyCheckpoints([cp1, cp2, ...]);  // shards of one spec
 *   const result = classifyResult(merged);                      // requires merged.complete for final figures
 * Checkpoints are plain JSON (validate them with checkClassifyCheckpoint
 * before resuming or merging).
 */
import { Worker } from 'node:worker_threads';
import { UsageError } from '../../errors.js';
import { Q } from '../../kernel/rational.js';
import { compiledWorker } from '../../worker-url.js';
import type { RunControl, Shard } from '../checkpoint.js';
import { checkCodes, linearCodes } from '../grid.js';
import { typeLabel, typeText } from './classes.js';
import { canonicalJson, digest, emptyCounts, mergeCounts, type ClassifyCounts } from './counts.js';
import { squareCriterion } from './criterion.js';
import { ClassifyEngine } from './engine.js';
import { keptCriterion } from './kept.js';
import { type TypeClass, TYPE_CLASSES } from './reference.js';

/** What to classify: n columns over m = n (drop) or n + 1 (keep) sorted, distinct codes. */
export interface ClassifySpec {
  n: number;
  zeroSignal: 'drop' | 'keep';
  codes: Q[];
}

/** A spec as JSON (codes as rational strings). */
export interface ClassifySpecJson {
  n: number;
  zeroSignal: 'drop' | 'keep';
  codes: string[];
}

/** The largest n accepted (the engine keeps 2^n vertex values per minor and C(m, k) minors per level). */
export const CLASSIFY_N_MAX = 10;

/**
 * A validated spec; codes default to 1..m.
 * @throws UsageError on n outside 1..CLASSIFY_N_MAX or codes that are not m distinct rationals.
 */
export function classifySpec(n: number, zeroSignal: 'drop' | 'keep', codes?: readonly Q[]): ClassifySpec {
  if (!Number.isInteger(n) || n < 1 || n > CLASSIFY_N_MAX) {
    throw new UsageError(`--n: ${n} is out of range; accepted: an integer in 1..${CLASSIFY_N_MAX}`);
  }
  const cs = codes ? checkCodes([...codes], n, zeroSignal) : linearCodes(n, zeroSignal);
  return { n, zeroSignal, codes: cs };
}

export function specToJson(s: ClassifySpec): ClassifySpecJson {
  return { n: s.n, zeroSignal: s.zeroSignal, codes: s.codes.map(String) };
}

/** @throws UsageError when the JSON is not a valid spec. */
export function specFromJson(s: ClassifySpecJson): ClassifySpec {
  if (s.zeroSignal !== 'drop' && s.zeroSignal !== 'keep') {
    throw new UsageError(`spec: zeroSignal '${String(s.zeroSignal)}'; accepted: drop, keep`);
  }
  if (!Array.isArray(s.codes)) throw new UsageError('spec: codes must be an array of rational strings');
  return classifySpec(
    s.n,
    s.zeroSignal,
    s.codes.map((c) => Q.parse(String(c), 'spec codes')),
  );
}

/**
 * The engine of a spec. With `criterion`, every type is also checked
 * against the criterion (squareCriterion when the zero signal is dropped,
 * keptCriterion when it is kept: the latter runs an exact linear-programme
 * search per type and is slow beyond n = 5).
 */
export function engineFor(spec: ClassifySpec, criterion: boolean): ClassifyEngine {
  return new ClassifyEngine(spec.codes, spec.n, {
    criterion: criterion ? (spec.zeroSignal === 'drop' ? squareCriterion : keptCriterion) : undefined,
  });
}

/** Runs the given units (indices into engine.units()) in process and returns their counts. */
export function runClassifyUnits(
  spec: ClassifySpec,
  indices: readonly number[],
  criterion = spec.zeroSignal === 'drop',
): ClassifyCounts {
  const engine = engineFor(spec, criterion);
  const units = engine.units();
  let acc = emptyCounts(spec.zeroSignal === 'keep');
  for (const k of indices) {
    const u = units[k];
    if (!u) throw new RangeError(`unit ${k} does not exist (there are ${units.length})`);
    acc = engine.runUnit(u, acc);
  }
  return acc;
}

/** Everything needed to merge or resume a classification run. */
export interface ClassifyCheckpoint {
  kind: 'stepae-classify';
  version: 1;
  spec: ClassifySpecJson;
  /** Whether the criterion was checked on every type of the done units. */
  criterion: boolean;
  shard: Shard;
  unitsTotal: number;
  doneUnits: number[];
  counts: ClassifyCounts;
  complete: boolean;
  /** "sha256:" + hex of the canonical JSON of every other field: a hand edit is detected. */
  digest: string;
}

/** A checkpoint before its digest. */
type Unsealed = Omit<ClassifyCheckpoint, 'digest'>;

/** The checkpoint with its digest. */
function seal(c: Unsealed): ClassifyCheckpoint {
  return { ...c, digest: `sha256:${digest(c)}` };
}

/** Options of runClassify. */
/** The checkpoints come every `checkpointEvery` ms (default 30 000). */
export interface ClassifyRunOptions extends RunControl<ClassifyCheckpoint> {
  spec: ClassifySpec;
  /** Check the criterion on every type (default: true when the zero signal is dropped). */
  criterion?: boolean;
}

/**
 * Validates a checkpoint read from a file (kind, version, spec, shard, units).
 * @throws UsageError naming the first problem.
 */
export function checkClassifyCheckpoint(x: unknown, what = 'classification file'): ClassifyCheckpoint {
  const c = x as Partial<ClassifyCheckpoint> | null;
  const bad = (why: string): never => {
    throw new UsageError(`${what}: ${why}; accepted: a file written by verify search conjecture --symbolic, unedited`);
  };
  if (!c || typeof c !== 'object' || Array.isArray(c)) return bad('not a JSON object');
  if (c.kind !== 'stepae-classify' || c.version !== 1) return bad("kind must be 'stepae-classify', version 1");
  if (typeof c.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(c.digest)) return bad('no digest');
  const { digest: claimed, ...rest } = c as ClassifyCheckpoint;
  if (`sha256:${digest(rest)}` !== claimed) return bad('its digest does not match its content (edited or damaged)');
  if (!c.spec) return bad('no spec');
  const spec = specFromJson(c.spec);
  const total = engineFor(spec, false).units().length;
  if (c.unitsTotal !== total) bad(`unitsTotal ${String(c.unitsTotal)}; this spec has ${total} units`);
  const sh = c.shard;
  if (
    !sh ||
    !Number.isInteger(sh.count) ||
    sh.count < 1 ||
    !Number.isInteger(sh.index) ||
    sh.index < 0 ||
    sh.index >= sh.count
  ) {
    bad('shard must be {index, count} with 0 <= index < count');
  }
  const shard = sh as Shard;
  if (!Array.isArray(c.doneUnits) || c.doneUnits.some((k) => !Number.isInteger(k) || k < 0 || k >= total)) {
    bad(`doneUnits must be unit indices in 0..${total - 1}`);
  }
  const done = c.doneUnits as number[];
  if (new Set(done).size !== done.length) bad('doneUnits repeats a unit');
  if (done.some((k) => k % shard.count !== shard.index))
    bad(`doneUnits holds a unit of another shard than ${shard.index}/${shard.count}`);
  const mine = Math.floor((total - 1 - shard.index) / shard.count) + 1;
  if (c.complete !== (done.length === mine))
    bad(`complete is ${String(c.complete)} with ${done.length} of ${mine} units done`);
  const k = c.counts;
  const nonNegative = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
  if (!k || !nonNegative(k.types) || !k.classes || !TYPE_CLASSES.every((t) => nonNegative(k.classes[t])))
    bad('counts must hold non-negative integers');
  const counts = k as ClassifyCounts;
  if (TYPE_CLASSES.reduce((s, t) => s + counts.classes[t], 0) !== counts.types)
    bad('the classes do not add up to the types');
  if (typeof c.criterion !== 'boolean') bad('criterion must be true or false');
  return c as ClassifyCheckpoint;
}

/** Runs (or resumes) a classification; resolves with the final or interrupted checkpoint. */
export async function runClassify(o: ClassifyRunOptions): Promise<ClassifyCheckpoint> {
  const criterion = o.criterion ?? o.spec.zeroSignal === 'drop';
  if (o.resume && o.resume.criterion !== criterion) {
    throw new UsageError('--resume: the checkpoint was made with a different criterion setting');
  }
  if (o.resume && canonicalJson(o.resume.spec) !== canonicalJson(specToJson(o.spec))) {
    throw new UsageError('--resume: the checkpoint classifies another spec');
  }
  const engine = engineFor(o.spec, criterion);
  const shard = o.shard ?? { index: 0, count: 1 };
  const all = engine.units();
  const done = new Set(o.resume?.doneUnits ?? []);
  let counts = o.resume?.counts ?? emptyCounts(o.spec.zeroSignal === 'keep');
  const mine = all.map((u, k) => ({ u, k })).filter(({ k }) => k % shard.count === shard.index);
  const todo = mine.filter(({ k }) => !done.has(k));
  const total = mine.reduce((s, { u }) => s + engine.unitSize(u), 0);
  let progress = mine.filter(({ k }) => done.has(k)).reduce((s, { u }) => s + engine.unitSize(u), 0);
  const snapshot = (complete: boolean): ClassifyCheckpoint =>
    seal({
      kind: 'stepae-classify',
      version: 1,
      spec: specToJson(o.spec),
      criterion,
      shard,
      unitsTotal: all.length,
      doneUnits: [...done].sort((a, b) => a - b),
      counts,
      complete,
    });
  let last = Date.now();
  const finish = (k: number, c: ClassifyCounts, size: number) => {
    counts = mergeCounts(counts, c);
    done.add(k);
    progress += size;
    o.onProgress?.(progress, total);
    if (o.onCheckpoint && Date.now() - last > (o.checkpointEvery ?? 30_000)) {
      last = Date.now();
      o.onCheckpoint(snapshot(false));
    }
  };
  const url = o.workers > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  if (!url) {
    for (const { u, k } of todo) {
      if (o.stop?.stopped) break;
      finish(k, engine.runUnit(u), engine.unitSize(u));
      await new Promise((r) => setImmediate(r)); // lets SIGINT and timers run
    }
  } else {
    // Largest units first keeps the workers busy to the end.
    const queue = todo.slice().sort((a, b) => engine.unitSize(b.u) - engine.unitSize(a.u) || a.k - b.k);
    await Promise.all(
      Array.from({ length: Math.min(o.workers, queue.length) }, () => {
        const w = new Worker(url, { workerData: { spec: specToJson(o.spec), criterion } });
        return new Promise<void>((resolve, reject) => {
          let current: { u: number[]; k: number } | undefined;
          const next = () => {
            current = o.stop?.stopped ? undefined : queue.shift();
            if (!current) {
              void w.terminate().then(() => resolve());
              return;
            }
            w.postMessage(current.k);
          };
          w.on('message', (c: ClassifyCounts) => {
            if (current) finish(current.k, c, engine.unitSize(current.u));
            next();
          });
          w.on('error', reject);
          next();
        });
      }),
    );
  }
  return snapshot(done.size >= mine.length);
}

/**
 * Merges the complete shards of one run (same spec, criterion and shard
 * count, every shard index exactly once) into one result.
 * @param names the files, for the messages
 * @throws UsageError naming a missing, duplicate, foreign or incomplete shard
 */
export function mergeClassifyCheckpoints(
  parts: readonly ClassifyCheckpoint[],
  names?: readonly string[],
): ClassifyCheckpoint {
  const first = parts[0];
  if (!first) throw new UsageError('merge: nothing to merge');
  const name = (i: number) => names?.[i] ?? `part ${i + 1}`;
  const key = canonicalJson(first.spec);
  const count = first.shard.count;
  const seen = new Map<number, number>();
  let counts = emptyCounts(first.spec.zeroSignal === 'keep');
  parts.forEach((p, i) => {
    if (canonicalJson(p.spec) !== key)
      throw new UsageError(`merge: ${name(i)} classifies another spec than ${name(0)}`);
    if (p.criterion !== first.criterion)
      throw new UsageError(`merge: ${name(i)} differs from ${name(0)} in its criterion setting`);
    if (p.shard.count !== count)
      throw new UsageError(`merge: ${name(i)} is a shard of ${p.shard.count}, ${name(0)} of ${count}`);
    const twin = seen.get(p.shard.index);
    if (twin !== undefined)
      throw new UsageError(`merge: ${name(i)} and ${name(twin)} are both shard ${p.shard.index}/${count}`);
    seen.set(p.shard.index, i);
    if (!p.complete) throw new UsageError(`merge: ${name(i)} is incomplete (resume it first)`);
    counts = mergeCounts(counts, p.counts);
  });
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0)
    throw new UsageError(
      `merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`,
    );
  return seal({
    kind: 'stepae-classify',
    version: 1,
    spec: first.spec,
    criterion: first.criterion,
    shard: { index: 0, count: 1 },
    unitsTotal: first.unitsTotal,
    doneUnits: parts.flatMap((p) => p.doneUnits).sort((a, b) => a - b),
    counts,
    complete: true,
  });
}

/** A type of the result, three ways. */
export interface TypeDescription {
  /** Class indices (see classes.ts). */
  classes: number[];
  /** Compact, codes-independent: `+g0 -z2`. */
  label: string;
  /** With the codes: `ReLU(z - t), t in (-inf, 1); ...`. */
  text: string;
}

/** The result of a (complete or partial) classification run. */
export interface ClassifyResult {
  n: number;
  zeroSignal: 'drop' | 'keep';
  codes: string[];
  complete: boolean;
  types: number;
  classes: Record<TypeClass, number>;
  smallest: Record<TypeClass, TypeDescription | null>;
  /** Kept case: types per deciding argument (kept.ts). */
  keptHow: Record<string, number>;
  radoMismatches: number;
  criterion: {
    checked: number;
    mismatches: number;
    confusion: number[][];
    first: { type: TypeDescription; computed: TypeClass; predicted: TypeClass } | null;
  } | null;
  /** sha256 of the canonical JSON of {n, zeroSignal, codes, types, classes, smallest (labels)}. */
  digest: string;
}

/** The result of a checkpoint. */
export function classifyResult(cp: ClassifyCheckpoint): ClassifyResult {
  const codes = cp.spec.codes.map((c) => Q.parse(c));
  const describe = (t: number[] | null): TypeDescription | null =>
    t ? { classes: t.slice(), label: typeLabel(t), text: typeText(t, codes) } : null;
  const c = cp.counts;
  const smallest = Object.fromEntries(TYPE_CLASSES.map((k) => [k, describe(c.smallest[k])])) as Record<
    TypeClass,
    TypeDescription | null
  >;
  const core = {
    n: cp.spec.n,
    zeroSignal: cp.spec.zeroSignal,
    codes: cp.spec.codes,
    types: c.types,
    classes: c.classes,
    smallest: Object.fromEntries(TYPE_CLASSES.map((k) => [k, smallest[k]?.label ?? null])),
  };
  return {
    n: cp.spec.n,
    zeroSignal: cp.spec.zeroSignal,
    codes: cp.spec.codes,
    complete: cp.complete,
    types: c.types,
    classes: { ...c.classes },
    smallest,
    keptHow: { ...c.keptHow },
    radoMismatches: c.radoMismatches,
    criterion: cp.criterion
      ? {
          checked: c.criterion.checked,
          mismatches: c.criterion.mismatches,
          confusion: c.criterion.confusion.map((r) => r.slice()),
          first: c.criterion.first
            ? {
                type: describe(c.criterion.first.type) as TypeDescription,
                computed: c.criterion.first.computed,
                predicted: c.criterion.first.predicted,
              }
            : null,
        }
      : null,
    digest: digest(core),
  };
}
