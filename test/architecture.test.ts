/**
 * The import graph of src/ runs one way: cli -> claims -> engines (search,
 * train, construct, activation, render) -> model -> kernel, over a few
 * shared leaves. A module may import its own layer or a lower one, never a
 * higher one. The imports are read with the TypeScript compiler's own
 * pre-processor, type-only imports included.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The layer of each top-level folder or file of src/ (higher may import lower). */
const LAYERS: Record<string, number> = {
  'errors.ts': 0,
  'files.ts': 0,
  'version.ts': 0,
  'worker-url.ts': 0,
  kernel: 1,
  'random.ts': 1,
  'replay.ts': 1,
  'verdict.ts': 1,
  model: 2,
  'options.ts': 2,
  search: 3,
  train: 3,
  construct: 3,
  activation: 3,
  render: 3,
  weights: 3,
  inspect: 3,
  cluster: 3,
  claims: 4,
  cli: 5,
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function layerOf(file: string): number {
  const top = relative('src', file).split(/[\\/]/)[0] ?? '';
  const layer = LAYERS[top];
  if (layer === undefined) throw new Error(`src/${top} has no layer in test/architecture.test.ts`);
  return layer;
}

/** Every import from one src/ file to another, as [from, to]. */
function edges(): [string, string][] {
  return files('src').flatMap((file) =>
    ts
      .preProcessFile(readFileSync(file, 'utf8'), true, true)
      .importedFiles.map((f) => f.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name): [string, string] => [file, relative('.', resolve(dirname(file), name.replace(/\.js$/, '.ts')))]),
  );
}

/** The imports that go up a layer, in words. */
function upward(all: readonly [string, string][]): string[] {
  return all
    .filter(([from, to]) => layerOf(to) > layerOf(from))
    .map(([from, to]) => `${from} (layer ${layerOf(from)}) imports ${to} (layer ${layerOf(to)})`);
}

describe('architecture', () => {
  it('when src/ is read then no import goes from a lower layer to a higher one', () => {
    const all = edges();
    expect(all.length).toBeGreaterThan(100);
    expect(upward(all)).toEqual([]);
  });

  it.each([
    ['src/claims/training.ts', 'src/cli/train.ts'],
    ['src/render/verdict.ts', 'src/claims/types.ts'],
    ['src/kernel/rational.ts', 'src/options.ts'],
  ])('when %s imports %s then the check reports it', (from, to) => {
    expect(upward([[from, to]])).toHaveLength(1);
  });
});
