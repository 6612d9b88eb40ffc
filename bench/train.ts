/**
 * The trainer benchmark: the two-layer autoencoder, n = 8, n2 = 8, full
 * batch, RMSProp (PyTorch semantics), float32, one core. Prints epochs per
 * second and the time the deck's 2 500 000-epoch run takes. When python3
 * with torch is importable, the same model runs in PyTorch from the same
 * initial weights and both losses after 1 000 epochs are printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { Rng } from '../src/random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from '../src/train/model.js';
import { makeOptimizer } from '../src/train/optim.js';
import { header, publish } from './common.js';

const spec: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: false, C: 1 };

function run(epochs: number, seed: number) {
  const L = layoutOf(spec);
  const init = initParams(spec, L, new Rng(seed));
  const net = new Net(spec, Float32Array.from(init));
  const x = targets(spec.n, spec.C);
  const opt = makeOptimizer('rmsprop', 1e-4, L.size);
  const t0 = process.hrtime.bigint();
  for (let e = 0; e < epochs; e++) {
    net.lossAndGrad(x, true, false);
    opt.step(net.p, net.g);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { init, loss: net.lossAndGrad(x, false), seconds };
}

function torchAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
}

const PY = `
import json, sys, time, torch
d = json.load(sys.stdin); n = 8
torch.manual_seed(0)
enc = torch.nn.Linear(n, 1); l2 = torch.nn.Linear(1, n); l3 = torch.nn.Linear(n, n, bias=False)
p = d['init']
with torch.no_grad():
    enc.weight.copy_(torch.tensor(p[0:n]).view(1, n)); enc.bias.copy_(torch.tensor(p[n:n+1]))
    l2.weight.copy_(torch.tensor(p[n+1:2*n+1]).view(n, 1)); l2.bias.copy_(torch.tensor(p[2*n+1:3*n+1]))
    l3.weight.copy_(torch.tensor(p[3*n+1:3*n+1+n*n]).view(n, n))
X = torch.tensor([[1.0 if j >= i else 0.0 for j in range(n)] for i in range(n+1)])
params = list(enc.parameters()) + list(l2.parameters()) + list(l3.parameters())
opt = torch.optim.RMSprop(params, lr=1e-4)
def step():
    opt.zero_grad(); y = torch.relu(l3(torch.relu(l2(enc(X))))); loss = ((y - X)**2).sum() / (n*(n+1)); loss.backward(); opt.step(); return loss
t = time.time()
for _ in range(d['epochs']): step()
sec = time.time() - t
with torch.no_grad():
    y = torch.relu(l3(torch.relu(l2(enc(X))))); loss = float(((y - X)**2).sum() / (n*(n+1)))
print(json.dumps({'seconds': sec, 'loss': loss}))
`;

function main() {
  const epochs = Number(process.env.BENCH_TRAIN_EPOCHS ?? 400_000);
  run(20_000, 1); // warm-up
  const r = run(epochs, 2);
  const perSecond = epochs / r.seconds;
  const check = run(1000, 3);
  let pytorch: unknown = 'python3-torch is not installed (apt-get install python3-torch to compare)';
  if (torchAvailable()) {
    const out = execFileSync('python3', ['-c', PY], {
      input: JSON.stringify({ init: Array.from(check.init), epochs: 1000 }),
      encoding: 'utf8',
    });
    const py = JSON.parse(out) as { seconds: number; loss: number };
    pytorch = {
      secondsPer1000Epochs: py.seconds,
      lossAfter1000: py.loss,
      stepaeLossAfter1000: check.loss,
      speedRatioStepaeOverPytorch: Number((py.seconds / 1000 / (1 / perSecond)).toFixed(1)),
    };
  }
  const report = {
    ...header(),
    setting:
      'two-layer autoencoder, n = 8, n2 = 8, full batch (9 signals), RMSProp lr 1e-4 (PyTorch semantics), float32, one core',
    epochs,
    seconds: Number(r.seconds.toFixed(3)),
    epochsPerSecond: Math.round(perSecond),
    deckRunSeconds: Number((2_500_000 / perSecond).toFixed(1)),
    floorEpochsPerSecond: 400_000,
    ratioToFloor: Number((perSecond / 400_000).toFixed(2)),
    pytorch,
  };
  publish('train', report);
}

main();
