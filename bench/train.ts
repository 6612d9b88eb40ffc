/**
 * The trainer benchmark: the two-layer autoencoder, n = 8, n2 = 8, full
 * batch, RMSProp (PyTorch semantics), float32, one core. The baseline is
 * the JavaScript reference engine (Net and the optimiser in Math.fround),
 * measured in the same run as the WebAssembly kernel, alternating, from the
 * same initial weights; both must end in the same bits. The same for the
 * one-layer sigmoid decoder. Then the deck's whole 2 500 000-epoch run
 * through train(), as `verify train` runs it. When python3 with torch is
 * importable, the same model runs in PyTorch from the same initial weights:
 * its time per epoch, both losses after 1 000 epochs, and how many
 * parameters differ in their bits after 1 000 and 20 000 epochs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { Rng } from '../src/random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from '../src/train/model.js';
import { makeOptimizer } from '../src/train/optim.js';
import { train } from '../src/train/train.js';
import { WasmTrainer } from '../src/train/wasm/kernel.js';
import { header, publish } from './common.js';

const spec: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: false, C: 1 };
/** The one-layer sigmoid decoder, measured the same way (its exponential is exp64 in both engines). */
const sigmoid: ModelSpec = { experiment: 'sigmoid', n: 8, n2: 8, b3: false, C: 1 };
const LR = 1e-4;
const x = targets(spec.n, spec.C);

function initial(seed: number, s = spec): Float32Array {
  return initParams(s, layoutOf(s), new Rng(seed));
}

/** Seconds for `epochs` epochs of the JavaScript reference, and the final parameters. */
function runJs(init: Float32Array, epochs: number, s = spec) {
  const net = new Net(s, Float32Array.from(init));
  const opt = makeOptimizer('rmsprop', LR, init.length);
  const t0 = process.hrtime.bigint();
  for (let e = 0; e < epochs; e++) {
    net.lossAndGrad(x, true, false);
    opt.step(net.p, net.g);
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, params: net.p };
}

/** The same with the WebAssembly kernel (its compilation included, in chunks of 10 000 as train() runs it). */
function runWasm(init: Float32Array, epochs: number, s = spec) {
  const t0 = process.hrtime.bigint();
  const w = new WasmTrainer(s, 'rmsprop', LR, init, x);
  for (let e = 0; e < epochs; e += 10_000) w.run(Math.min(10_000, epochs - e));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const params = new Float32Array(init.length);
  w.read(params);
  return { seconds, params };
}

function lossOf(p: Float32Array): number {
  return new Net(spec, p).lossAndGrad(x, false);
}

/** PyTorch is also run this long, to see whether the bits stay equal. */
const PYTORCH_LONG = 20_000;
const us = (seconds: number) => Number(((seconds / 1000) * 1e6).toFixed(1));

const median = (a: number[]) => [...a].sort((u, v) => u - v)[Math.floor(a.length / 2)] as number;

/** The first python that imports torch: $STEPAE_PYTHON, python3 on the PATH, Debian's /usr/bin/python3. */
function torchPython(): string | undefined {
  const candidates = [process.env.STEPAE_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  return candidates.find((p) => spawnSync(p, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
}

const PY = `
import json, sys, time, torch
d = json.load(sys.stdin); n = 8
if d['threads']: torch.set_num_threads(d['threads'])
enc = torch.nn.Linear(n, 1); l2 = torch.nn.Linear(1, n); l3 = torch.nn.Linear(n, n, bias=False)
p = d['init']
with torch.no_grad():
    enc.weight.copy_(torch.tensor(p[0:n]).view(1, n)); enc.bias.copy_(torch.tensor(p[n:n+1]))
    l2.weight.copy_(torch.tensor(p[n+1:2*n+1]).view(n, 1)); l2.bias.copy_(torch.tensor(p[2*n+1:3*n+1]))
    l3.weight.copy_(torch.tensor(p[3*n+1:3*n+1+n*n]).view(n, n))
X = torch.tensor([[1.0 if j >= i else 0.0 for j in range(n)] for i in range(n+1)])
params = list(enc.parameters()) + list(l2.parameters()) + list(l3.parameters())
opt = torch.optim.RMSprop(params, lr=${LR})
def step():
    opt.zero_grad(); y = torch.relu(l3(torch.relu(l2(enc(X))))); loss = ((y - X)**2).sum() / (n*(n+1)); loss.backward(); opt.step()
for _ in range(100): step()
with torch.no_grad():
    for t, v in zip(params, [p[0:n], p[n:n+1], p[n+1:2*n+1], p[2*n+1:3*n+1], p[3*n+1:3*n+1+n*n]]): t.copy_(torch.tensor(v).view(t.shape))
opt = torch.optim.RMSprop(params, lr=${LR})
t = time.time()
for _ in range(d['epochs']): step()
sec = time.time() - t
with torch.no_grad():
    y = torch.relu(l3(torch.relu(l2(enc(X))))); loss = float(((y - X)**2).sum() / (n*(n+1)))
    final = [float(v) for t in params for v in t.detach().reshape(-1).tolist()]
print(json.dumps({'seconds': sec, 'loss': loss, 'torch': torch.__version__, 'threads': torch.get_num_threads(), 'params': final}))
`;

/** Both engines from the same start, alternating, `rounds` times: median epochs per second and whether the bits agree. */
function compareEngines(s: ModelSpec, epochs: number, rounds: number) {
  runJs(initial(1, s), 20_000, s); // warm-up of both engines
  runWasm(initial(1, s), 20_000, s);
  const init = initial(2, s);
  const js: number[] = [];
  const wasm: number[] = [];
  let sameBits = true;
  for (let r = 0; r < rounds; r++) {
    const a = runJs(init, epochs, s);
    const b = runWasm(init, epochs, s);
    js.push(epochs / a.seconds);
    wasm.push(epochs / b.seconds);
    sameBits &&= a.params.every((v, k) => Object.is(v, b.params[k]));
  }
  return { js, wasm, jsRate: median(js), wasmRate: median(wasm), sameBits };
}

function main() {
  const epochs = Number(process.env.BENCH_TRAIN_EPOCHS ?? 400_000);
  const rounds = 3;
  const { js, wasm, jsRate, wasmRate, sameBits: twoLayerSame } = compareEngines(spec, epochs, rounds);
  const sig = compareEngines(sigmoid, Math.round(epochs / 2), rounds);
  const sameBits = twoLayerSame && sig.sameBits;

  // The deck's run as verify train runs it (engine auto, loss logged every 5 000 epochs).
  const deck = train({ spec, epochs: 2_500_000, lr: LR, optimizer: 'rmsprop', seed: 20220227, logEvery: 5000 });

  const check = initial(3);
  const after1000 = runWasm(check, 1000);
  let pytorch: unknown = 'python3-torch is not installed (apt-get install python3-torch to compare)';
  const python = torchPython();
  if (python) {
    // Same initial weights; PyTorch's parameter order (enc, l2, l3) is stepae's layout.
    const torchRun = (threads: number, n: number) =>
      JSON.parse(
        execFileSync(python, ['-c', PY], {
          input: JSON.stringify({ init: Array.from(check), epochs: n, threads }),
          encoding: 'utf8',
        }),
      ) as { seconds: number; loss: number; torch: string; threads: number; params: number[] };
    const one = torchRun(0, 1000);
    const long = torchRun(0, PYTORCH_LONG);
    const ours = runWasm(check, PYTORCH_LONG).params;
    const differ = (ps: number[], mine: Float32Array) =>
      ps.filter((v, k) => !Object.is(Math.fround(v), mine[k])).length;
    pytorch = {
      python,
      version: one.torch,
      microsecondsPerEpoch: us(one.seconds),
      threads: one.threads,
      lossAfter1000: one.loss,
      stepaeLossAfter1000: lossOf(after1000.params),
      // PyTorch reduces the loss and the bias gradients (sums over the batch) in a vectorised
      // order, stepae left to right: last-bit differences from the first epoch on.
      parametersDifferingAfter1000: differ(one.params, after1000.params),
      [`parametersDifferingAfter${PYTORCH_LONG}`]: differ(long.params, ours),
      parameters: check.length,
      speedRatioStepaeOverPytorch: Number((one.seconds / 1000 / (1 / wasmRate)).toFixed(1)),
    };
  }
  const report = {
    ...header(),
    setting: `two-layer autoencoder, n = 8, n2 = 8, full batch (9 signals), RMSProp lr ${LR} (PyTorch semantics), float32, one core`,
    epochsPerRound: epochs,
    rounds,
    baseline: {
      engine: 'js (reference, Math.fround)',
      epochsPerSecond: Math.round(jsRate),
      rounds: js.map(Math.round),
    },
    wasm: { engine: 'wasm (generated kernel)', epochsPerSecond: Math.round(wasmRate), rounds: wasm.map(Math.round) },
    ratioWasmOverJs: Number((wasmRate / jsRate).toFixed(2)),
    sameBits: twoLayerSame,
    sigmoidDecoder: {
      setting: 'one-layer sigmoid decoder, n = 8, encoder free, RMSProp lr 1e-4',
      epochsPerRound: Math.round(epochs / 2),
      jsEpochsPerSecond: Math.round(sig.jsRate),
      wasmEpochsPerSecond: Math.round(sig.wasmRate),
      ratioWasmOverJs: Number((sig.wasmRate / sig.jsRate).toFixed(2)),
      sameBits: sig.sameBits,
    },
    deckRun: {
      epochs: 2_500_000,
      engine: deck.engine,
      seconds: Number(deck.seconds.toFixed(2)),
      epochsPerSecond: Math.round(2_500_000 / deck.seconds),
      finalLoss: deck.finalLoss,
    },
    floorEpochsPerSecond: 400_000,
    ratioToFloor: Number((wasmRate / 400_000).toFixed(2)),
    pytorch,
  };
  publish('train', report);
  if (!sameBits) {
    process.stderr.write('the wasm kernel and the reference disagree: see test/wasm.test.ts\n');
    process.exitCode = 1;
  }
}

main();
