/**
 * What a claim is (data plus a pure checker) and what a check returns (a
 * verdict union). A checker never throws for a mathematical outcome.
 */
import type { Q } from '../kernel/rational.js';

/** Options every checker receives, already validated by the CLI. */
export interface CheckOptions {
  /** Largest n checked exhaustively / symbolically. */
  nMax: number;
  /** Amplitude C > 0. */
  C: Q;
  /** Seed of every random choice (property tests, random instances). */
  seed: number;
  /** Number of random instances beyond nMax. */
  runs: number;
  /** Values of the claim's own options (see Claim.options), already parsed. */
  extra?: Record<string, unknown>;
}

/** A command-line option specific to one claim (e.g. --eps for prop-sigmoid). */
export interface ClaimOption {
  /** Commander flags, e.g. '--eps <x>'. */
  flags: string;
  /** Key under CheckOptions.extra. */
  key: string;
  description: string;
  /** Parses one occurrence (prev: the value so far, for repeatable options); throws UsageError. */
  parse(value: string, prev: unknown): unknown;
  /** How the value appears in a replay command ('' when absent). */
  format(value: unknown): string;
}

/** One titled block of evidence, rendered as text, Markdown or JSON. */
export interface Section {
  title: string;
  /** Free text lines (Markdown-safe). */
  lines?: string[];
  /** A table: header and rows of strings. */
  table?: { header: string[]; rows: string[][] };
}

/** The outcome for one formal reading of a statement. */
export interface ReadingResult {
  name: string;
  /** The reading in words / formulas. */
  statement: string;
  status: Status;
  /** One line: why. */
  reason: string;
}

export type Status = 'holds' | 'refuted' | 'inconclusive';

interface VerdictBase {
  /** One-line reason shown in `verify all`. */
  summary: string;
  /** Smallest and largest n checked exactly. */
  nChecked: [number, number];
  readings: ReadingResult[];
  sections: Section[];
  /** The options and seed used, for reproduction. */
  seed: number;
}

/** A verdict is data: holds with a certificate, refuted with a counterexample, or inconclusive. */
export type Verdict =
  | (VerdictBase & { status: 'holds'; certificate: unknown })
  | (VerdictBase & { status: 'refuted'; counterexample: unknown })
  | (VerdictBase & { status: 'inconclusive'; reason: string });

/** A claim of the deck with its checker. */
export interface Claim {
  /** Stable id from CLAIMS.md, also the CLI command. */
  id: string;
  /** Where in the deck. */
  slide: string;
  /** The deck's statement, in LaTeX (inline math with $...$). */
  statement: string;
  /** How stepae reads it formally. */
  reading: string;
  /** How it is checked. */
  method: string;
  /** Default --n-max (runs in seconds). */
  defaultNMax: number;
  /** Largest --n-max accepted (beyond it the method is out of reach); checked before any work. */
  maxNMax: number;
  /** Options of this claim only. */
  options?: ClaimOption[];
  check(options: CheckOptions): Verdict;
}
