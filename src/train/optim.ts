/**
 * Optimisers in float32 (every result rounded with Math.fround):
 * - rmsprop (PyTorch): v = a v + (1 - a) g^2; p -= lr g / (sqrt(v) + eps), a = 0.99, eps = 1e-8, v0 = 0;
 * - rmsprop-keras: rho = 0.9, eps = 1e-7 inside the root: p -= lr g / sqrt(v + eps);
 * - sgd: p -= lr g;
 * - adam (PyTorch): b1 = 0.9, b2 = 0.999, eps = 1e-8, bias-corrected moments.
 */
const f = Math.fround;

export type OptimizerName = 'rmsprop' | 'rmsprop-keras' | 'sgd' | 'adam';
export const OPTIMIZERS: readonly OptimizerName[] = ['rmsprop', 'rmsprop-keras', 'sgd', 'adam'];

export interface Optimizer {
  step(p: Float32Array, g: Float32Array): void;
  /** The per-parameter state, for tests: RMSProp's v; Adam's first and second moments; none for SGD. */
  readonly state: readonly Float32Array[];
}

/**
 * RMSProp: v = a v + (1 - a) g^2, then p -= lr g / (sqrt(v) + eps) (PyTorch)
 * or p -= lr g / sqrt(v + eps) (Keras, epsInside).
 */
function rmsprop(lr32: number, size: number, alpha: number, epsilon: number, epsInside: boolean): Optimizer {
  const v = new Float32Array(size);
  const a = f(alpha);
  const oneMinus = f(1 - alpha);
  const eps = f(epsilon);
  return {
    state: [v],
    step(p, g) {
      for (let k = 0; k < size; k++) {
        const gk = g[k] as number;
        const vk = f(f(a * (v[k] as number)) + f(oneMinus * f(gk * gk)));
        v[k] = vk;
        const denom = epsInside ? f(Math.sqrt(f(vk + eps))) : f(f(Math.sqrt(vk)) + eps);
        p[k] = f((p[k] as number) - f(f(lr32 * gk) / denom));
      }
    },
  };
}

export function makeOptimizer(name: OptimizerName, lr: number, size: number): Optimizer {
  const lr32 = f(lr);
  switch (name) {
    case 'rmsprop':
      return rmsprop(lr32, size, 0.99, 1e-8, false);
    case 'rmsprop-keras':
      return rmsprop(lr32, size, 0.9, 1e-7, true);
    case 'sgd':
      return {
        state: [],
        step(p, g) {
          for (let k = 0; k < size; k++) p[k] = f((p[k] as number) - f(lr32 * (g[k] as number)));
        },
      };
    case 'adam': {
      const m1 = new Float32Array(size);
      const m2 = new Float32Array(size);
      const b1 = f(0.9);
      const b2 = f(0.999);
      const eps = f(1e-8);
      let t = 0;
      return {
        state: [m1, m2],
        step(p, g) {
          t++;
          const c1 = f(1 - Math.pow(b1, t));
          const c2 = f(1 - Math.pow(b2, t));
          for (let k = 0; k < size; k++) {
            const gk = g[k] as number;
            const a = f(f(b1 * (m1[k] as number)) + f(f(1 - b1) * gk));
            const b = f(f(b2 * (m2[k] as number)) + f(f(f(1 - b2) * gk) * gk));
            m1[k] = a;
            m2[k] = b;
            const denom = f(f(Math.sqrt(b) / Math.sqrt(c2)) + eps);
            p[k] = f((p[k] as number) - f(f(lr32 / c1) * f(a / denom)));
          }
        },
      };
    }
  }
}
