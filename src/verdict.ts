/**
 * What a check returns, as data: a verdict with a status, a scope, the
 * status of every reading of the statement, evidence sections and the
 * command that replays it; and the descriptive part of a claim that the
 * renderers show. A leaf module: the claims build these, the renderers and
 * the CLI read them.
 */
import type { Replay } from './replay.js';

/**
 * The outcome of a reading or a claim. Statements of mathematics hold or are
 * refuted; statements about training runs (the deck gives settings, not
 * thresholds) are reproduced or not reproduced by stepae's runs. Either can be
 * inconclusive, with the reason.
 */
export type Status = 'holds' | 'refuted' | 'reproduced' | 'not reproduced' | 'inconclusive';

/** True for the outcomes that say the deck's statement fails (exit status 1). */
export function isNegative(s: Status): boolean {
  return s === 'refuted' || s === 'not reproduced';
}

/**
 * How far a status reaches.
 * - proved: an argument on the page covers every n; the computation re-checks it for n in `checked`;
 * - exhaustive: every case was computed for n in `checked`, nothing beyond;
 * - sampled: `instances` random instances (or seeds), nothing exhaustive.
 * A counterexample is exact whatever the scope of the search that found it.
 */
export type Scope =
  | { kind: 'proved'; checked: readonly [number, number] }
  | { kind: 'exhaustive'; checked: readonly [number, number] }
  | { kind: 'sampled'; instances: number };

/** The scope in words, e.g. "proved for every n (re-checked for n = 1..8)". */
export function scopeText(s: Scope): string {
  const range = (r: readonly [number, number]) => (r[0] === r[1] ? `n = ${r[0]}` : `n = ${r[0]}..${r[1]}`);
  switch (s.kind) {
    case 'proved':
      return `proved for every n (re-checked for ${range(s.checked)})`;
    case 'exhaustive':
      return `exhaustive for ${range(s.checked)}`;
    case 'sampled':
      return `sampled over ${s.instances} instance${s.instances === 1 ? '' : 's'}`;
  }
}

/** The weaker of two scopes: sampled < exhaustive < proved (ties: the smaller range or count). */
export function weakerScope(a: Scope, b: Scope): Scope {
  const rank = { sampled: 0, exhaustive: 1, proved: 2 } as const;
  if (rank[a.kind] !== rank[b.kind]) return rank[a.kind] < rank[b.kind] ? a : b;
  if (a.kind === 'sampled' && b.kind === 'sampled') return a.instances <= b.instances ? a : b;
  if (a.kind !== 'sampled' && b.kind !== 'sampled') return a.checked[1] <= b.checked[1] ? a : b;
  return a;
}

/** The outcome for one formal reading of a statement. */
export interface ReadingResult {
  /** A short readable name, e.g. `only-if`, `zero-signal-kept`. */
  name: string;
  /** The reading in words and $math$: what exactly is claimed. */
  statement: string;
  status: Status;
  scope: Scope;
  /** One line: why (the check that decided it). */
  reason: string;
}

/** A figure of the atlas: a vega-lite spec rendered to proofs/figures/<file> by `npm run proofs`. */
export interface Figure {
  /** File name under proofs/figures/, e.g. `conjecture-full-rank-n3.svg`. */
  file: string;
  caption: string;
  /** The vega-lite specification (data inline). */
  spec: Record<string, unknown>;
}

/** One titled block of evidence, rendered as text, Markdown or JSON. */
export interface Section {
  title: string;
  /** Free text lines (Markdown with $math$). */
  lines?: string[];
  /** A table: header and rows of strings. */
  table?: { header: string[]; rows: string[][] };
  /** A proof: the atlas shows it in full, the terminal points to the atlas page. */
  proof?: boolean;
  figure?: Figure;
}

interface VerdictBase {
  /** One-line reason shown in `verify all`. */
  summary: string;
  /** How far the verdict reaches (the weakest scope among the readings that decide it). */
  scope: Scope;
  readings: ReadingResult[];
  /** The readings that state what the deck says, as worded; they decide the status. */
  asWorded: string[];
  sections: Section[];
  /** The seed of every random choice. */
  seed: number;
}

/** A verdict is data: a status with its certificate, counterexample or reason. */
export type Verdict =
  | (VerdictBase & { status: 'holds' | 'reproduced'; certificate: unknown })
  | (VerdictBase & { status: 'refuted' | 'not reproduced'; counterexample: unknown })
  | (VerdictBase & { status: 'inconclusive'; reason: string });

/** A verdict with the command that replays it. */
export type ReplayedVerdict = Verdict & { replay: Replay };

/** What the renderers show of a claim. */
export interface ClaimInfo {
  /** Stable id, also the CLI command and the atlas page's name. */
  id: string;
  /** Where in the deck. */
  slide: string;
  /** The deck's statement, in LaTeX (inline math with $...$). */
  statement: string;
  /** The statement in one line of plain words (for `verify list`). */
  gist: string;
  /** How stepae reads it formally. */
  reading: string;
  /** How it is checked. */
  method: string;
}
