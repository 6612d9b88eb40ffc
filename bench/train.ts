/**
 * The trainer benchmark, in seed-epochs per second on one core (CPU time of
 * this single-threaded process; wall time alongside): the deck's free run
 * (two-layer autoencoder, n = 8, n2 = 8, full batch, RMSProp lr 1e-4,
 * PyTorch semantics, float32). In one run, from the same initial weights
 * (seeds 1-4), alternating: the JavaScript reference (Net and the optimiser
 * in Math.fround), the scalar WebAssembly kernel (one seed) and the SIMD
 * kernel (four seeds, one per f32 lane); every lane must end in the bits of
 * the scalar run of its seed. The same for the one-layer sigmoid decoder.
 * Then the deck's whole 2 500 000-epoch run, one seed through train() and
 * four through trainGroup(). When python3 with torch is importable, PyTorch
 * on one thread (three rounds each, medians): one model, and the four seeds as one batch of four
 * separate models (stacked weights, batched matrix products: one forward
 * and backward for the four); its CPU time per epoch, and how many
 * parameters differ in their bits from stepae's after 1 000 and 20 000
 * epochs. The machine's load (os.loadavg, as `uptime` prints it) is recorded
 * before and after: the machine is shared, so a figure is only as good as
 * the load it was taken under.
 *
 * Writes bench/results/train.json (the latest run only).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { Rng } from '../src/random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from '../src/train/model.js';
import { makeOptimizer } from '../src/train/optim.js';
import { train, trainGroup } from '../src/train/train.js';
import { WasmTrainer } from '../src/train/wasm/kernel.js';
import { LANES, SimdTrainer } from '../src/train/wasm/simd.js';
import { header, publish } from './common.js';

const spec: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: false, C: 1 };
/** The one-layer sigmoid decoder, measured the same way (its exponential is exp64 in every engine). */
const sigmoid: ModelSpec = { experiment: 'sigmoid', n: 8, n2: 8, b3: false, C: 1 };
const LR = 1e-4;
const SEEDS = [1, 2, 3, 4];
/** The floor for the SIMD kernel, seed-epochs per second per core. */
const FLOOR = 4_000_000;
const x = targets(spec.n, spec.C);

function initial(seed: number, s = spec): Float32Array {
  return initParams(s, layoutOf(s), new Rng(seed));
}

/** CPU seconds and wall seconds of fn. */
function timed<T>(fn: () => T): { cpu: number; wall: number; value: T } {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const value = fn();
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1e6, wall, value };
}

/** The JavaScript reference, `epochs` epochs from `init`. */
function runJs(init: Float32Array, epochs: number, s: ModelSpec) {
  const net = new Net(s, Float32Array.from(init));
  const opt = makeOptimizer('rmsprop', LR, init.length);
  for (let e = 0; e < epochs; e++) {
    net.lossAndGrad(x, true, false);
    opt.step(net.p, net.g);
  }
  return [net.p];
}

/** The scalar kernel (compilation included, in chunks of 10 000 as train() runs it). */
function runWasm(init: Float32Array, epochs: number, s: ModelSpec) {
  const w = new WasmTrainer(s, 'rmsprop', LR, init, x);
  for (let e = 0; e < epochs; e += 10_000) w.run(Math.min(10_000, epochs - e));
  const p = new Float32Array(init.length);
  w.read(p);
  return [p];
}

/** The SIMD kernel on four seeds at once, the same way. */
function runSimd(inits: Float32Array[], epochs: number, s: ModelSpec) {
  const w = new SimdTrainer(s, 'rmsprop', LR, inits, x);
  for (let e = 0; e < epochs; e += 10_000) w.run(Math.min(10_000, epochs - e));
  return inits.map((p0, lane) => {
    const p = new Float32Array(p0.length);
    w.read(lane, p);
    return p;
  });
}

const median = (a: number[]) => [...a].sort((u, v) => u - v)[Math.floor(a.length / 2)] as number;
const sameBits = (a: Float32Array, b: Float32Array) => a.every((v, k) => Object.is(v, b[k]));

/**
 * The three engines from the same starts, alternating, `rounds` times: median seed-epochs per
 * second (CPU and wall), and whether every SIMD lane ended in the bits of its scalar run.
 */
function compareEngines(s: ModelSpec, epochs: number, jsEpochs: number, rounds: number) {
  const inits = SEEDS.map((seed) => initial(seed, s));
  // Warm-up (V8 compiles the kernels' hot loops once they have run a while).
  runJs(inits[0] as Float32Array, 10_000, s);
  runWasm(inits[0] as Float32Array, 40_000, s);
  runSimd(inits, 40_000, s);
  const rates = { js: [] as number[], wasm: [] as number[], simd: [] as number[] };
  const wall = { js: [] as number[], wasm: [] as number[], simd: [] as number[] };
  let lanesMatch = true;
  for (let r = 0; r < rounds; r++) {
    const a = timed(() => runJs(inits[r % LANES] as Float32Array, jsEpochs, s));
    const b = timed(() => runWasm(inits[r % LANES] as Float32Array, epochs, s));
    const c = timed(() => runSimd(inits, epochs, s));
    rates.js.push(jsEpochs / a.cpu);
    wall.js.push(jsEpochs / a.wall);
    rates.wasm.push(epochs / b.cpu);
    wall.wasm.push(epochs / b.wall);
    rates.simd.push((LANES * epochs) / c.cpu);
    wall.simd.push((LANES * epochs) / c.wall);
    lanesMatch &&= sameBits(c.value[r % LANES] as Float32Array, b.value[0] as Float32Array);
  }
  // The reference against the scalar kernel, and every lane against its own scalar run, once.
  const jsMatchesWasm = sameBits(
    runJs(inits[0] as Float32Array, jsEpochs, s)[0]!,
    runWasm(inits[0] as Float32Array, jsEpochs, s)[0]!,
  );
  const simd = runSimd(inits, epochs, s);
  inits.forEach((p0, lane) => (lanesMatch &&= sameBits(simd[lane] as Float32Array, runWasm(p0, epochs, s)[0]!)));
  const round = (a: number[]) => a.map(Math.round);
  return {
    seedEpochsPerSecond: {
      js: Math.round(median(rates.js)),
      wasm: Math.round(median(rates.wasm)),
      simd: Math.round(median(rates.simd)),
    },
    wallSeedEpochsPerSecond: {
      js: Math.round(median(wall.js)),
      wasm: Math.round(median(wall.wasm)),
      simd: Math.round(median(wall.simd)),
    },
    rounds: { js: round(rates.js), wasm: round(rates.wasm), simd: round(rates.simd) },
    ratios: {
      simdOverWasm: Number((median(rates.simd) / median(rates.wasm)).toFixed(2)),
      wasmOverJs: Number((median(rates.wasm) / median(rates.js)).toFixed(2)),
      simdOverJs: Number((median(rates.simd) / median(rates.js)).toFixed(2)),
    },
    lanesMatchScalarBits: lanesMatch,
    jsMatchesWasmBits: jsMatchesWasm,
  };
}

/** The first python that imports torch: $STEPAE_PYTHON, Debian's /usr/bin/python3, python3 on the PATH. */
function torchPython(): string | undefined {
  const candidates = [process.env.STEPAE_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p);
  return candidates.find((p) => spawnSync(p, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0);
}

/**
 * PyTorch, one thread, one model as nn.Linear layers (enc, l2, l3), from stepae's initial
 * weights (its parameter order is stepae's layout): CPU time for `epochs` epochs, the final loss
 * and parameters.
 */
const PY_ONE = `
import json, sys, time, torch
d = json.load(sys.stdin); n = 8
torch.set_num_threads(1)
enc = torch.nn.Linear(n, 1); l2 = torch.nn.Linear(1, n); l3 = torch.nn.Linear(n, n, bias=False)
p = d['inits'][0]
params = list(enc.parameters()) + list(l2.parameters()) + list(l3.parameters())
def load():
    with torch.no_grad():
        for t, v in zip(params, [p[0:n], p[n:n+1], p[n+1:2*n+1], p[2*n+1:3*n+1], p[3*n+1:3*n+1+n*n]]): t.copy_(torch.tensor(v).view(t.shape))
X = torch.tensor([[1.0 if j >= i else 0.0 for j in range(n)] for i in range(n+1)])
def loss_of(): return ((torch.relu(l3(torch.relu(l2(enc(X))))) - X)**2).sum() / (n*(n+1))
def train(epochs):
    load(); opt = torch.optim.RMSprop(params, lr=${LR})
    for _ in range(epochs):
        opt.zero_grad(); loss_of().backward(); opt.step()
train(100)
c = time.process_time(); t = time.time()
train(d['epochs'])
cpu = time.process_time() - c; wall = time.time() - t
with torch.no_grad():
    print(json.dumps({'cpu': cpu, 'wall': wall, 'losses': [float(loss_of())], 'params': [[float(v) for t in params for v in t.reshape(-1).tolist()]], 'torch': torch.__version__, 'threads': torch.get_num_threads()}))
`;

/**
 * PyTorch, one thread, the seeds' models as one batch of separate models: the weights stacked
 * along a first axis (one slice per seed), batched matrix products, the loss the sum of the
 * models' MSEs (so each model's gradient is that of its own MSE) and one RMSprop over the stacked
 * tensors (element-wise, so each model's update is its own). One forward and one backward per
 * epoch for all of them.
 */
const PY_BATCH = `
import json, sys, time, torch
d = json.load(sys.stdin); n = 8; S = len(d['inits'])
torch.set_num_threads(1)
P = torch.tensor(d['inits'])
def part(a, b, *shape): return P[:, a:b].reshape(S, *shape).clone().requires_grad_(True)
def fresh():
    # stepae's layout: W1 (n), b1, W2 (n x 1), b2 (n), W3 (n x n, out x in), transposed for bmm.
    W3 = P[:, 3*n+1:3*n+1+n*n].reshape(S, n, n).transpose(1, 2).clone().requires_grad_(True)
    return [part(0, n, n, 1), part(n, n+1, 1, 1), part(n+1, 2*n+1, 1, n), part(2*n+1, 3*n+1, 1, n), W3]
X = torch.tensor([[1.0 if j >= i else 0.0 for j in range(n)] for i in range(n+1)])
XB = X.expand(S, n+1, n)
def loss_of(W1, b1, W2, b2, W3):
    z = torch.baddbmm(b1, XB, W1)
    y = torch.relu(torch.bmm(torch.relu(torch.baddbmm(b2, z, W2)), W3))
    return ((y - XB)**2).sum() / (n*(n+1))
def train(epochs):
    ps = fresh(); opt = torch.optim.RMSprop(ps, lr=${LR})
    for _ in range(epochs):
        opt.zero_grad(); loss_of(*ps).backward(); opt.step()
    return ps
train(100)
c = time.process_time(); t = time.time()
ps = train(d['epochs'])
cpu = time.process_time() - c; wall = time.time() - t
with torch.no_grad():
    W1, b1, W2, b2, W3 = ps
    flat = [torch.cat([W1[s].reshape(-1), b1[s].reshape(-1), W2[s].reshape(-1), b2[s].reshape(-1), W3[s].transpose(0, 1).reshape(-1)]).tolist() for s in range(S)]
print(json.dumps({'cpu': cpu, 'wall': wall, 'losses': [], 'params': flat, 'torch': torch.__version__, 'threads': torch.get_num_threads()}))
`;

interface TorchRun {
  cpu: number;
  wall: number;
  losses: number[];
  params: number[][];
  torch: string;
  threads: number;
}

/** PyTorch is also run this long, to see whether the bits stay equal. */
const PYTORCH_LONG = 20_000;

function pytorch(simdRate: number, wasmRate: number) {
  const python = torchPython();
  if (!python) return 'python3 with torch is not importable (Debian: apt-get install python3-torch) to compare';
  const run = (inits: Float32Array[], epochs: number, script = inits.length > 1 ? PY_BATCH : PY_ONE) =>
    JSON.parse(
      execFileSync(python, ['-c', script], {
        input: JSON.stringify({ inits: inits.map((p) => Array.from(p)), epochs }),
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      }),
    ) as TorchRun;
  const inits = SEEDS.map((seed) => initial(seed));
  const E = 2000;
  // Three rounds each, alternating, medians (each round is a fresh python3).
  const ones: TorchRun[] = [];
  const fours: TorchRun[] = [];
  for (let r = 0; r < 3; r++) {
    ones.push(run(inits.slice(0, 1), E));
    fours.push(run(inits, E));
  }
  const byCpu = (rs: TorchRun[]) => [...rs].sort((a, b) => a.cpu - b.cpu)[1] as TorchRun;
  const one = byCpu(ones);
  const four = byCpu(fours);
  // The batch's lanes are the same models: its seed-1 model against the nn.Linear run, after E epochs.
  const batchVsLinear = (four.params[0] as number[]).filter((v, k) => !Object.is(v, one.params[0]?.[k])).length;
  const oneRate = E / one.cpu;
  const fourRate = (LANES * E) / four.cpu;
  // Bits: PyTorch against stepae after 1 000 and 20 000 epochs, from the same start (seed 3).
  const check = initial(3);
  const differ = (t: TorchRun, epochs: number) => {
    const ours = runWasm(check, epochs, spec)[0] as Float32Array;
    const theirs = t.params[0] as number[];
    return { differing: theirs.filter((v, k) => !Object.is(Math.fround(v), ours[k])).length, ours };
  };
  const short = run([check], 1000);
  const long = run([check], PYTORCH_LONG);
  const d1000 = differ(short, 1000);
  return {
    python,
    version: one.torch,
    threads: one.threads,
    seedEpochsPerSecond: {
      oneModel: Math.round(oneRate),
      fourModelsAsOneBatch: Math.round(fourRate),
    },
    rounds: {
      oneModel: ones.map((t) => Math.round(E / t.cpu)),
      fourModelsAsOneBatch: fours.map((t) => Math.round((LANES * E) / t.cpu)),
    },
    microsecondsPerEpoch: {
      oneModel: Number(((one.cpu / E) * 1e6).toFixed(1)),
      fourModelsAsOneBatch: Number(((four.cpu / E) * 1e6).toFixed(1)),
    },
    ratios: {
      simdOverPytorchBatch: Number((simdRate / fourRate).toFixed(1)),
      simdOverPytorchOneModel: Number((simdRate / oneRate).toFixed(1)),
      wasmOverPytorchOneModel: Number((wasmRate / oneRate).toFixed(1)),
    },
    batchParametersDifferingFromNnLinearAfter2000: batchVsLinear,
    lossAfter1000: short.losses[0],
    stepaeLossAfter1000: new Net(spec, d1000.ours).lossAndGrad(x, false),
    // nn.Linear, one model. PyTorch reduces the loss and the bias gradients (sums over the
    // batch) in a vectorised order, stepae left to right: last-bit differences from the first epoch on.
    parametersDifferingAfter1000: d1000.differing,
    [`parametersDifferingAfter${PYTORCH_LONG}`]: differ(long, PYTORCH_LONG).differing,
    parameters: check.length,
  };
}

/** `uptime`'s load averages, now. */
const load = () => loadavg().map((l) => Number(l.toFixed(2)));

function main() {
  const loadBefore = load();
  const epochs = Number(process.env.BENCH_TRAIN_EPOCHS ?? 400_000);
  const rounds = 5;
  const twoLayer = compareEngines(spec, epochs, Math.round(epochs / 8), rounds);
  const sig = compareEngines(sigmoid, Math.round(epochs / 4), Math.round(epochs / 32), 3);

  // The deck's run as verify train runs it (loss logged every 5 000 epochs): one seed, and four together.
  const deckOptions = { spec, epochs: 2_500_000, lr: LR, optimizer: 'rmsprop' as const, logEvery: 5000 };
  const deckOne = timed(() => train({ ...deckOptions, seed: 20220227 }));
  const deckFour = timed(() =>
    trainGroup(
      SEEDS.map((k) => ({ ...deckOptions, seed: 20220226 + k })),
      'simd',
    ),
  );
  const deckSame = deckFour.value[0]?.finalLoss === deckOne.value.finalLoss;

  const simdRate = twoLayer.seedEpochsPerSecond.simd;
  const torch = pytorch(simdRate, twoLayer.seedEpochsPerSecond.wasm);
  const report = {
    ...header(),
    setting: `the deck's free run: two-layer autoencoder, n = 8, n2 = 8, full batch (9 signals), RMSProp lr ${LR} (PyTorch semantics), float32, one core; seed-epochs per second of CPU time`,
    load: { before: loadBefore, after: load(), cores: header().machine.cores },
    epochsPerRound: epochs,
    rounds,
    twoLayer,
    floor: {
      simdSeedEpochsPerSecond: FLOOR,
      ratioToFloor: Number((simdRate / FLOOR).toFixed(2)),
      met: simdRate >= FLOOR,
    },
    sigmoidDecoder: { setting: 'one-layer sigmoid decoder, n = 8, encoder free, RMSProp lr 1e-4', ...sig },
    deckRun: {
      epochs: 2_500_000,
      oneSeed: {
        engine: deckOne.value.engine,
        cpuSeconds: Number(deckOne.cpu.toFixed(2)),
        finalLoss: deckOne.value.finalLoss,
      },
      fourSeeds: {
        engine: deckFour.value[0]?.engine,
        cpuSeconds: Number(deckFour.cpu.toFixed(2)),
        finalLosses: deckFour.value.map((r) => r.finalLoss),
        seed20220227SameAsAlone: deckSame,
      },
    },
    pytorch: torch,
  };
  publish('train', report);
  if (
    !twoLayer.lanesMatchScalarBits ||
    !sig.lanesMatchScalarBits ||
    !twoLayer.jsMatchesWasmBits ||
    !sig.jsMatchesWasmBits ||
    !deckSame
  ) {
    process.stderr.write('the engines disagree: see test/train/wasm.test.ts\n');
    process.exitCode = 1;
  }
}

main();
