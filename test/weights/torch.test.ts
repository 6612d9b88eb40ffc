/**
 * Round trips with real PyTorch (/usr/bin/python3 with torch): files written
 * by torch.save read by stepae, and files written by stepae loaded by
 * torch.load into the deck's nn.Sequential. CI installs python3-torch (see
 * .ci/run); there a missing torch fails, elsewhere these tests are skipped
 * with a message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecoder, linearEncoder } from '../../src/construct/decoder.js';
import { InputError } from '../../src/errors.js';
import { inspectNetwork } from '../../src/inspect/index.js';
import { Q } from '../../src/kernel/rational.js';
import { Net, type ModelSpec, targets } from '../../src/train/model.js';
import { train } from '../../src/train/train.js';
import {
  encodeNetwork,
  type Network,
  networkFromExact,
  networkFromParams,
  networkToParams,
  readNetwork,
  specFromNetwork,
} from '../../src/weights/index.js';

const PYTHON = '/usr/bin/python3';
const FIXTURES = 'test/fixtures/torch';

function hasTorch(): boolean {
  return spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
}

const available = hasTorch();
if (!available && process.env.CI) throw new Error(`PyTorch is required in CI: ${PYTHON} -c 'import torch' failed`);
if (!available)
  console.log(`skipping the PyTorch round trips: ${PYTHON} has no torch (Debian: apt-get install python3-torch)`);

function python(args: string[]): void {
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${PYTHON} ${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
}

interface TorchRun {
  n: number;
  n2: number;
  mse: number;
  codes: number[];
  y: number[][];
}

interface LoadCheck {
  n: number;
  n2: number;
  dtypes: string[];
  keys: string[];
  missing: string[];
  unexpected: string[];
  y: number[][];
  maxError: number;
  mse: number;
  b3: number[];
  metadata: Record<string, unknown>;
}

/** stepae's float32 forward pass of a network (train/model.ts), rows of y. */
function stepaeForward(spec: ModelSpec, net: Network): number[][] {
  const m = new Net(spec, networkToParams(spec, net));
  m.lossAndGrad(targets(spec.n, spec.C), false);
  const y = m.state.y;
  return Array.from({ length: spec.n + 1 }, (_, i) => Array.from(y.subarray(i * spec.n, (i + 1) * spec.n)));
}

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);
}

describe.skipIf(!available)('PyTorch -> stepae', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepae-torch-'));
  let torchRun: TorchRun;
  beforeAll(() => {
    python([join(FIXTURES, 'make_fixtures.py'), dir]);
    torchRun = JSON.parse(readFileSync(join(dir, 'free.json'), 'utf8')) as TorchRun;
  }, 300_000);

  it('.pt, .safetensors, a whole pickled Sequential, float64, a storage offset and a checkpoint dict give the same network', () => {
    const pt = readNetwork(join(dir, 'free.pt'));
    expect([pt.decoder, pt.encoder, pt.n, pt.n2, pt.hasB3]).toEqual(['two-layer', 'linear', 6, 6, true]);
    const others = ['free.safetensors', 'whole.pt', 'double.pt', 'offset.pt', 'checkpoint.pt'].map((f) =>
      readNetwork(join(dir, f)),
    );
    expect(others[0]?.metadata).toEqual({ source: 'make_fixtures.py' });
    expect(others[2]?.tensors.W3?.dtype).toBe('float64');
    for (const o of others)
      for (const name of ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'] as const)
        expect(o.tensors[name]?.exact.map(String)).toEqual(pt.tensors[name]?.exact.map(String));
  });

  it("inspect gives PyTorch's float32 MSE to 1e-6 relative, and its codes", () => {
    const net = readNetwork(join(dir, 'free.pt'));
    const r = inspectNetwork(net, Q.ONE);
    const exact = (r.mse as Q).toNumber();
    console.log(
      `PyTorch MSE ${torchRun.mse}, stepae exact MSE ${exact} (rel. diff ${relErr(exact, torchRun.mse).toExponential(2)}), ` +
        `stepae float32 MSE ${r.float32Mse} (rel. diff ${relErr(r.float32Mse, torchRun.mse).toExponential(2)})`,
    );
    expect(relErr(exact, torchRun.mse)).toBeLessThan(1e-6);
    expect(relErr(r.float32Mse, torchRun.mse)).toBeLessThan(1e-6);
    // PyTorch's codes are float32 sums of 6 products: within a few ulps of the exact codes.
    const worst = Math.max(...r.codes.codes.map((z, i) => Math.abs(z.toNumber() - (torchRun.codes[i] as number))));
    console.log(`codes: largest |exact - PyTorch| = ${worst}`);
    r.codes.codes.forEach((z, i) =>
      expect(Math.abs(z.toNumber() - (torchRun.codes[i] as number))).toBeLessThanOrEqual(
        1e-6 * Math.max(1, Math.abs(torchRun.codes[i] as number)),
      ),
    );
    expect(r.exact).toBe(torchRun.mse === 0);
  });

  it('the sigmoid one-layer decoder is read as such', () => {
    const net = readNetwork(join(dir, 'sigmoid.pt'));
    expect([net.decoder, net.n, net.hasB3]).toEqual(['one-layer', 6, false]);
    expect(inspectNetwork(net, Q.ONE).exact).toBe(false);
  });

  it.each([
    ['evil_system.pt', 'E_WEIGHTS_PICKLE', /global posix\.system, outside the allow-list/],
    ['evil_eval.pt', 'E_WEIGHTS_PICKLE', /global (__builtin__|builtins)\.eval, outside the allow-list/],
    ['half.pt', 'E_WEIGHTS_DTYPE', /storage type HalfStorage; accepted: float32 \(FloatStorage\) or float64/],
    ['strided.pt', 'E_WEIGHTS_SHAPE', /3\.weight is not contiguous/],
    ['legacy.pt', 'E_WEIGHTS_TORCH', /legacy torch\.save file/],
  ])('refuses %s with one line, running no code', (file, code, re) => {
    let err: unknown;
    try {
      readNetwork(join(dir, file));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe(code);
    expect((err as InputError).message).toMatch(re);
    expect((err as InputError).message).not.toContain('\n');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });
});

describe.skipIf(!available)('stepae -> PyTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepae-topt-'));

  function loadCheck(file: string): LoadCheck {
    const out = `${file}.check.json`;
    python([join(FIXTURES, 'load_check.py'), file, out]);
    return JSON.parse(readFileSync(out, 'utf8')) as LoadCheck;
  }

  it.each(['pt', 'safetensors'] as const)(
    'the exact construction (n = 6) as .%s: torch loads it strictly, reconstructs X with error 0, forward = stepae float32 forward',
    (format) => {
      const n = 6;
      const c = buildDecoder({ n, C: Q.ONE, encoder: linearEncoder(n, Q.ONE) });
      if (!c.ok) throw new Error(c.reason);
      const { net, changed } = networkFromExact(c.construction.weights);
      expect(changed).toEqual([]);
      const file = join(dir, `construct6.${format}`);
      writeFileSync(file, encodeNetwork(net, format, { experiment: 'free', n, n2: n, C: '1' }));
      const r = loadCheck(file);
      expect([r.n, r.n2, r.missing, r.unexpected, r.dtypes]).toEqual([n, n, [], [], ['torch.float32']]);
      expect(r.keys).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '3.weight', '3.bias']);
      expect(r.b3).toEqual([0, 0, 0, 0, 0, 0]);
      expect([r.maxError, r.mse]).toEqual([0, 0]);
      expect(r.metadata).toEqual(
        format === 'pt'
          ? { experiment: 'free', n, n2: n, C: '1', b3: false }
          : { experiment: 'free', n: '6', n2: '6', C: '1', b3: 'false' },
      );
      const spec: ModelSpec = { experiment: 'free', n, n2: n, b3: false, C: 1 };
      expect(r.y).toEqual(stepaeForward(spec, net));
    },
  );

  it('a network trained by stepae (--save x.pt): torch loads it; forwards agree to float32 rounding', () => {
    const spec: ModelSpec = { experiment: 'free', n: 5, n2: 7, b3: true, C: 1 };
    const res = train({ spec, epochs: 300, lr: 1e-3, optimizer: 'rmsprop', seed: 3, logEvery: 100, engine: 'js' });
    const net = networkFromParams(spec, res.params);
    const file = join(dir, 'trained.pt');
    writeFileSync(
      file,
      encodeNetwork(net, 'pt', {
        experiment: 'free',
        lr: 1e-3,
        optimizer: 'rmsprop',
        seed: 3,
        epochs: 300,
        big: 2 ** 40,
      }),
    );
    const r = loadCheck(file);
    const mine = stepaeForward(spec, net);
    const worst = Math.max(...r.y.flatMap((row, i) => row.map((v, j) => Math.abs(v - (mine[i]?.[j] as number)))));
    console.log(
      `trained n = 5, n2 = 7: PyTorch MSE ${r.mse}, stepae ${res.finalLoss}; largest |y_torch - y_stepae| = ${worst}`,
    );
    expect(worst).toBeLessThanOrEqual(1e-6);
    expect(relErr(r.mse, res.finalLoss)).toBeLessThan(1e-5);
    // Floats travel as text: torch.load(weights_only=True) of torch 1.13 has no BINFLOAT.
    expect(r.metadata).toEqual({
      experiment: 'free',
      lr: '0.001',
      optimizer: 'rmsprop',
      seed: 3,
      epochs: 300,
      big: 2 ** 40,
      b3: true,
    });
    // And back: the file is the run's model exactly.
    expect(networkToParams(specFromNetwork(readNetwork(file), 1), readNetwork(file))).toEqual(res.params);
  });
});
