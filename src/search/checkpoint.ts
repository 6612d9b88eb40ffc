/**
 * The search file: what `verify search conjecture` writes as a checkpoint
 * or a shard result, and what --resume and `verify merge` read back.
 *
 * A file stepae wrote is input like any other: `parseSearchFile` checks
 * every field against a schema (zod), then every relation between fields
 * that the schema cannot say (units of this shard, in range, sorted and
 * unique; counts that add up: the configurations equal the weighted sizes
 * of the done units, and for every reading condition - "if" failures =
 * full rank - "only if" failures; counterexamples that are real type
 * sequences with their own keys), then a digest: sha256 over a canonical
 * serialisation of everything else, so that an edit that keeps the file
 * consistent is still refused. The digest detects edits, it does not
 * authenticate: anyone can recompute it. A refused file is a UsageError
 * (exit 2) naming the file's field and the reason.
 *
 * Version 2 (this one) added `orbits`, `sample` and `digest` and exact
 * string keys; version 1 files cannot be checked (no digest) and are
 * refused with a message saying to rerun the search.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { GridSearch } from './exhaustive.js';
import { type GridSpec, MAX_CODE_CHARS, rowsOf } from './grid.js';
import { mirrorApplies } from './mirror.js';
import { READINGS } from './readings.js';
import { type DirectionCount, type Found, mergeCounts, type SearchCounts } from './result.js';
import { parseJson } from '../files.js';

/** A grid spec as JSON (codes as canonical rational strings, sorted). */
export interface SpecJson {
  n: number;
  g: number;
  zeroSignal: 'keep' | 'drop';
  codes: string[];
}

export function specToJson(s: GridSpec): SpecJson {
  return { n: s.n, g: s.g, zeroSignal: s.zeroSignal, codes: s.codes.map(String) };
}

export function specFromJson(s: SpecJson): GridSpec {
  return { n: s.n, g: s.g, zeroSignal: s.zeroSignal, codes: s.codes.map((c) => Q.parse(c)) };
}

/** A shard: this run takes the units whose index is `index` modulo `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** How a long run is driven: its workers, its shard, resuming, progress, checkpoints and stopping. */
export interface RunControl<C> {
  /** Worker threads (1: in process). */
  workers: number;
  shard?: Shard;
  /** A checkpoint of this run and shard to continue (validated again by the runner). */
  resume?: C;
  /** Called after each unit with the work done and in scope. */
  onProgress?: (done: number, total: number) => void;
  /** Called with the current state, at least every `checkpointEvery` ms. */
  onCheckpoint?: (c: C) => void;
  checkpointEvery?: number;
  /** Set .stopped = true to stop after the units in flight. */
  stop?: { stopped: boolean };
}

/** The largest shard count a file may name (a job array larger than this is not a real one). */
export const MAX_SHARDS = 100_000;

/** The exact recount of a sample (sample.ts): its seed, mean gap, and configurations recounted. */
export interface SampleInfo {
  seed: number;
  gap: number;
  checked: number;
}

/** The current file version. */
export const SEARCH_FILE_VERSION = 2;

/** Everything needed to merge or resume: the spec, the shard, the units done and their counts. */
export interface Checkpoint {
  kind: 'stepae-search';
  version: 2;
  spec: SpecJson;
  shard: Shard;
  /** mirror: each unit counts its orbit representatives, weighted (mirror.ts); none: every configuration. */
  orbits: 'mirror' | 'none';
  unitsTotal: number;
  /** Indices into the grid's units, increasing. */
  doneUnits: number[];
  counts: SearchCounts;
  sample: SampleInfo;
  complete: boolean;
  /** "sha256:" + hex of the canonical serialisation of every other field but kind and version. */
  digest: string;
}

/** A checkpoint before its digest. */
export type UnsealedCheckpoint = Omit<Checkpoint, 'digest'>;

const count = z.int().min(0);
const digits = z.string().regex(/^(0|[1-9]\d{0,29999})$/, 'a non-negative integer in decimal');
const found = z.strictObject({
  types: z.array(z.int().min(0)).min(1).max(30),
  key: z.tuple([digits, digits]),
});
const direction = z.strictObject({ count, first: found.nullable(), simplest: found.nullable() });
const schema = z.strictObject({
  kind: z.literal('stepae-search'),
  version: z.literal(SEARCH_FILE_VERSION),
  spec: z.strictObject({
    // The bounds of `verify search conjecture --n` and `--grid`: a file cannot ask for more than the command line.
    n: z.int().min(1).max(12),
    g: z.int().min(0).max(50),
    zeroSignal: z.enum(['keep', 'drop']),
    codes: z.array(z.string().min(1).max(MAX_CODE_CHARS)).min(1).max(13),
  }),
  shard: z.strictObject({ index: count, count: z.int().min(1).max(MAX_SHARDS) }),
  orbits: z.enum(['mirror', 'none']),
  unitsTotal: z.int().min(1),
  doneUnits: z.array(count).max(10_000_000),
  counts: z.strictObject({
    total: count,
    fullRank: count,
    exactChecks: count,
    readings: z
      .array(
        z.strictObject({
          id: z.string(),
          condition: count,
          ifFails: direction,
          onlyIfFails: direction,
        }),
      )
      .length(READINGS.length),
  }),
  sample: z.strictObject({
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    gap: z.int().min(1),
    checked: count,
  }),
  complete: z.boolean(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256: followed by 64 hex digits'),
});

function foundJson(f: Found | null): unknown {
  return f ? [f.types, f.key[0], f.key[1]] : null;
}

function directionJson(d: DirectionCount): unknown {
  return [d.count, foundJson(d.first), foundJson(d.simplest)];
}

/** The canonical serialisation the digest covers: fixed field order, no whitespace. */
export function canonicalText(c: UnsealedCheckpoint): string {
  return JSON.stringify([
    'stepae-search/2',
    [c.spec.n, c.spec.g, c.spec.zeroSignal, c.spec.codes],
    [c.shard.index, c.shard.count],
    c.orbits,
    c.unitsTotal,
    c.doneUnits,
    [
      c.counts.total,
      c.counts.fullRank,
      c.counts.exactChecks,
      c.counts.readings.map((r) => [r.id, r.condition, directionJson(r.ifFails), directionJson(r.onlyIfFails)]),
    ],
    [c.sample.seed, c.sample.gap, c.sample.checked],
    c.complete,
  ]);
}

/** The digest of a checkpoint's content. */
export function digestOf(c: UnsealedCheckpoint): string {
  return 'sha256:' + createHash('sha256').update(canonicalText(c)).digest('hex');
}

/** A checkpoint with its digest (fields copied in the canonical order). */
export function seal(c: UnsealedCheckpoint): Checkpoint {
  return {
    kind: 'stepae-search',
    version: 2,
    spec: c.spec,
    shard: c.shard,
    orbits: c.orbits,
    unitsTotal: c.unitsTotal,
    doneUnits: c.doneUnits,
    counts: c.counts,
    sample: c.sample,
    complete: c.complete,
    digest: digestOf(c),
  };
}

/** The file text of a checkpoint (what --checkpoint and --out write). */
export function formatSearchFile(c: Checkpoint): string {
  return JSON.stringify(c);
}

function refuse(what: string, why: string): never {
  throw new UsageError(`${what}: ${why}`, 'E_SEARCH_FILE');
}

/** The grid of a file's spec, or a UsageError naming what is wrong with it. */
function gridOf(c: Checkpoint, what: string): GridSearch {
  const s = c.spec;
  const m = rowsOf(s.n, s.zeroSignal);
  if (s.codes.length !== m)
    refuse(what, `spec.codes holds ${s.codes.length} codes; n = ${s.n} with zero signal ${s.zeroSignal} needs ${m}`);
  const codes = s.codes.map((text, k) => {
    let q: Q;
    try {
      q = Q.parse(text, `spec.codes[${k}]`);
    } catch (e) {
      return refuse(what, (e as Error).message);
    }
    if (String(q) !== text) refuse(what, `spec.codes[${k}] is '${text}', not in canonical form '${q}'`);
    return q;
  });
  for (let k = 1; k < m; k++)
    if (!(codes[k - 1] as Q).lt(codes[k] as Q)) refuse(what, `spec.codes are not strictly increasing at ${k}`);
  if (c.orbits === 'mirror' && !mirrorApplies(codes))
    refuse(what, 'orbits is mirror but the codes are not symmetric about their centre');
  try {
    return new GridSearch({ n: s.n, g: s.g, zeroSignal: s.zeroSignal, codes }, { mirror: c.orbits === 'mirror' });
  } catch (e) {
    return refuse(what, `spec: ${(e as Error).message}`);
  }
}

/**
 * Checks every relation between the fields of a schema-valid checkpoint,
 * and its digest.
 * @throws UsageError (exit 2) naming the field and the reason.
 */
export function validateCheckpoint(c: Checkpoint, what: string): void {
  const grid = gridOf(c, what);
  const units = grid.units();
  if (c.unitsTotal !== units.length) refuse(what, `unitsTotal is ${c.unitsTotal}; this grid has ${units.length} units`);
  const { index, count: N } = c.shard;
  if (index >= N) refuse(what, `shard ${index}/${N}: the index must be below the count`);
  let expected = 0;
  for (let k = index; k < units.length; k += N) expected++;
  let total = 0;
  for (let k = 0; k < c.doneUnits.length; k++) {
    const u = c.doneUnits[k] as number;
    if (u >= units.length) refuse(what, `doneUnits[${k}] = ${u} is not a unit of this grid (0..${units.length - 1})`);
    if (k > 0 && u <= (c.doneUnits[k - 1] as number))
      refuse(what, `doneUnits[${k}] = ${u} ${u === c.doneUnits[k - 1] ? 'is a duplicate' : 'is out of order'}`);
    if (u % N !== index) refuse(what, `doneUnits[${k}] = ${u} does not belong to shard ${index}/${N}`);
    total += grid.unitSize(units[u] as number[]);
  }
  if (c.complete !== (c.doneUnits.length === expected))
    refuse(what, `complete is ${c.complete} but ${c.doneUnits.length} of the shard's ${expected} units are done`);
  const k = c.counts;
  if (k.total !== total) refuse(what, `counts.total is ${k.total}; the done units hold ${total} configurations`);
  if (k.fullRank > k.total) refuse(what, `counts.fullRank ${k.fullRank} exceeds counts.total ${k.total}`);
  const T = grid.types;
  const n = c.spec.n;
  const checkFound = (f: Found | null, where: string, present: boolean) => {
    if (!f) {
      if (present) refuse(what, `${where} is missing although its count is positive`);
      return;
    }
    if (!present) refuse(what, `${where} is given although its count is 0`);
    if (f.types.length !== n) refuse(what, `${where}.types has ${f.types.length} columns; n = ${n}`);
    f.types.forEach((ty, j) => {
      if (ty >= T) refuse(what, `${where}.types[${j}] = ${ty} is not a column type (0..${T - 1})`);
      if (j > 0 && ty < (f.types[j - 1] as number)) refuse(what, `${where}.types is not sorted`);
    });
    const key = grid.keyOf(f.types);
    if (String(key[0]) !== f.key[0] || String(key[1]) !== f.key[1])
      refuse(what, `${where}.key is not the key of its types`);
  };
  k.readings.forEach((r, i) => {
    const id = (READINGS[i] as (typeof READINGS)[number]).id;
    const at = `counts.readings[${i}]`;
    if (r.id !== id) refuse(what, `${at}.id is '${r.id}'; expected '${id}'`);
    if (r.condition > k.total) refuse(what, `${at}.condition exceeds counts.total`);
    if (r.ifFails.count > r.condition) refuse(what, `${at}.ifFails.count exceeds its condition count`);
    if (r.onlyIfFails.count > k.fullRank) refuse(what, `${at}.onlyIfFails.count exceeds counts.fullRank`);
    // Both sides count the configurations where the condition holds and A2 is full rank.
    if (r.condition - r.ifFails.count !== k.fullRank - r.onlyIfFails.count)
      refuse(
        what,
        `${at}: condition - ifFails (${r.condition - r.ifFails.count}) differs from fullRank - onlyIfFails (${k.fullRank - r.onlyIfFails.count})`,
      );
    for (const [dir, d] of [
      ['ifFails', r.ifFails],
      ['onlyIfFails', r.onlyIfFails],
    ] as const) {
      checkFound(d.first, `${at}.${dir}.first`, d.count > 0);
      checkFound(d.simplest, `${at}.${dir}.simplest`, d.count > 0);
    }
  });
  if (c.sample.checked > k.total) refuse(what, `sample.checked exceeds counts.total`);
  const digest = digestOf(c);
  if (c.digest !== digest) refuse(what, 'the digest does not match the content: the file was edited or damaged');
}

/**
 * Parses and checks a search file.
 * @param what names the file in messages (e.g. "--resume run.json").
 * @throws UsageError (exit 2) with a one-line reason.
 */
export function parseSearchFile(text: string, what: string): Checkpoint {
  let raw: unknown;
  try {
    raw = parseJson(text);
  } catch (e) {
    return refuse(what, `not JSON (${(e as Error).message.split('\n')[0]}); accepted: a file written by verify search`);
  }
  const head = raw as { kind?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || head.kind !== 'stepae-search')
    refuse(what, 'not a stepae search file (no "kind": "stepae-search")');
  if (head.version !== SEARCH_FILE_VERSION) {
    refuse(
      what,
      head.version === 1
        ? 'written by an older stepae (file version 1, without a digest): it cannot be checked; rerun the search'
        : `file version ${JSON.stringify(head.version)} is not supported; accepted: version ${SEARCH_FILE_VERSION}`,
    );
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('') ?? '';
    refuse(what, `${path.replace(/^\./, '') || 'the file'}: ${issue?.message ?? 'invalid'}`);
  }
  const c = r.data as Checkpoint;
  validateCheckpoint(c, what);
  return c;
}

/**
 * Merges the shard files of one search into one result. The set must be
 * every shard i/N of one spec (the same N), each complete, each once.
 * @param names the files' names, for the messages (default "file 1", ...).
 * @throws UsageError naming the foreign, incomplete, duplicate or missing shard.
 */
export function mergeCheckpoints(parts: readonly Checkpoint[], names?: readonly string[]): Checkpoint {
  const name = (k: number) => names?.[k] ?? `file ${k + 1}`;
  const first = parts[0];
  if (!first) refuse('merge', 'nothing to merge');
  parts.forEach((p, k) => validateCheckpoint(p, `merge: ${name(k)}`));
  const specKey = JSON.stringify(first.spec);
  const N = first.shard.count;
  const byIndex = new Map<number, number>();
  parts.forEach((p, k) => {
    if (JSON.stringify(p.spec) !== specKey)
      refuse(
        'merge',
        `${name(k)} is a shard of another search (n = ${p.spec.n}, g = ${p.spec.g}, zero signal ${p.spec.zeroSignal}, codes ${p.spec.codes.join(', ')}) than ${name(0)}`,
      );
    if (p.orbits !== first.orbits || p.sample.seed !== first.sample.seed || p.sample.gap !== first.sample.gap)
      refuse(
        'merge',
        `${name(k)} was run by another engine setting (orbits ${p.orbits}, sample seed ${p.sample.seed}) than ${name(0)}`,
      );
    if (p.shard.count !== N)
      refuse(
        'merge',
        `${name(k)} is shard ${p.shard.index}/${p.shard.count}, foreign to the ${N} shards of ${name(0)}`,
      );
    if (!p.complete)
      refuse(
        'merge',
        `${name(k)} (shard ${p.shard.index}/${N}) is incomplete: ${p.doneUnits.length} units done; resume it first`,
      );
    const dup = byIndex.get(p.shard.index);
    if (dup !== undefined) refuse('merge', `${name(dup)} and ${name(k)} are both shard ${p.shard.index}/${N}`);
    byIndex.set(p.shard.index, k);
  });
  const missing: number[] = [];
  for (let i = 0; i < N; i++) if (!byIndex.has(i)) missing.push(i);
  if (missing.length > 0) {
    const list = missing
      .slice(0, 10)
      .map((i) => `${i}/${N}`)
      .join(', ');
    refuse(
      'merge',
      `shard${missing.length > 1 ? 's' : ''} ${list}${missing.length > 10 ? ', ...' : ''} missing (${missing.length} of ${N})`,
    );
  }
  const ordered = [...parts].sort((a, b) => a.shard.index - b.shard.index);
  let counts: SearchCounts | undefined;
  const done: number[] = [];
  let checked = 0;
  for (const p of ordered) {
    counts = counts ? mergeCounts(counts, p.counts) : p.counts;
    for (const u of p.doneUnits) done.push(u);
    checked += p.sample.checked;
  }
  done.sort((a, b) => a - b);
  return seal({
    kind: 'stepae-search',
    version: 2,
    spec: first.spec,
    shard: { index: 0, count: 1 },
    orbits: first.orbits,
    unitsTotal: first.unitsTotal,
    doneUnits: done,
    counts: counts as SearchCounts,
    sample: { seed: first.sample.seed, gap: first.sample.gap, checked },
    complete: done.length === first.unitsTotal,
  });
}
