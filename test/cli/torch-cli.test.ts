/**
 * The three commands of "Your own network", end to end with real PyTorch
 * (/usr/bin/python3 with torch; required in CI, skipped with a message
 * elsewhere): PyTorch -> verify inspect, verify construct -> PyTorch, and
 * verify train --init/--save with PyTorch's files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

const PYTHON = '/usr/bin/python3';
const available = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
if (!available && process.env.CI) throw new Error(`PyTorch is required in CI: ${PYTHON} -c 'import torch' failed`);
if (!available)
  console.log(`skipping the PyTorch CLI tests: ${PYTHON} has no torch (Debian: apt-get install python3-torch)`);

const dir = mkdtempSync(join(tmpdir(), 'stepae-torch-cli-'));
const python = (...args: string[]) => {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r;
};

describe.skipIf(!available)('your own network, with PyTorch', () => {
  let torchMse = 0;
  let torchCodes: number[] = [];
  beforeAll(() => {
    python('test/fixtures/torch/make_fixtures.py', dir);
    const j = JSON.parse(readFileSync(join(dir, 'free.json'), 'utf8')) as { mse: number; codes: number[] };
    torchMse = j.mse;
    torchCodes = j.codes;
  }, 120_000);

  it.each(['free.pt', 'free.safetensors', 'whole.pt', 'checkpoint.pt'])(
    'when PyTorch saved %s then verify inspect gives PyTorch float32 MSE and codes, and exits 1 (not exact)',
    async (file) => {
      const r = await run('inspect', join(dir, file), '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(1);
      const j = JSON.parse(r.out) as { float32Mse: number; mse: string; exact: boolean; codes: { codes: string[] } };
      expect(Math.abs(j.float32Mse - torchMse) / torchMse).toBeLessThan(1e-6);
      const exact = j.codes.codes.map((z) => Number(z.split('/')[0]) / Number(z.split('/')[1] ?? '1'));
      exact.forEach((z, i) => expect(Math.abs(z - (torchCodes[i] as number))).toBeLessThan(1e-6));
    },
  );

  it('when construct --save writes a .pt then torch.load reconstructs X with error 0', async () => {
    const pt = join(dir, 'construct6.pt');
    const r = await run('construct', '--n', '6', '--save', pt);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/weights written to .*construct6.pt \(pt, float32, b3 = 0 explicit\)/);
    python('test/fixtures/torch/load_check.py', pt, join(dir, 'load6.json'));
    const j = JSON.parse(readFileSync(join(dir, 'load6.json'), 'utf8')) as {
      maxError: number;
      missing: string[];
      unexpected: string[];
      b3: number[];
    };
    expect([j.maxError, j.missing, j.unexpected]).toEqual([0, [], []]);
    expect(j.b3).toEqual([0, 0, 0, 0, 0, 0]);
    // And stepae reads its own file back as an exact solution.
    expect((await run('inspect', pt)).code).toBe(0);
  });

  it('when train starts from a PyTorch file then n, n2 and b3 come from it and the replay names --init', async () => {
    const out = join(dir, 'trained.safetensors');
    const r = await run(
      'train',
      '--experiment',
      'free',
      '--init',
      join(dir, 'free.pt'),
      '--epochs',
      '100',
      '--save',
      out,
      '--json',
    );
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as { spec: { n: number; n2: number; b3: boolean }; argv: string[] };
    expect(j.spec).toMatchObject({ n: 6, n2: 6, b3: true });
    expect(j.argv).toEqual(expect.arrayContaining(['--init', join(dir, 'free.pt')]));
    // PyTorch's file has a nonzero layer-3 bias: the run keeps it, and the saved file loads in PyTorch.
    python('test/fixtures/torch/load_check.py', out, join(dir, 'trained.json'));
    const loaded = JSON.parse(readFileSync(join(dir, 'trained.json'), 'utf8')) as {
      missing: string[];
      metadata: Record<string, string>;
    };
    expect(loaded.missing).toEqual([]);
    expect(loaded.metadata).toMatchObject({ experiment: 'free', optimizer: 'rmsprop', epochs: '100' });
  });
});
