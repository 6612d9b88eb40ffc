/**
 * Which key of a weights file holds which tensor of the deck's networks.
 * The default is the deck's nn.Sequential layouts:
 * - two-layer decoder: Linear(n,1), Linear(1,n2), ReLU, Linear(n2,n), ReLU
 *   has keys 0.weight/0.bias (W1, b1), 1.weight/1.bias (W2, b2) and
 *   3.weight/3.bias (W3, b3) (ReLU modules hold no parameters);
 * - sigmoid one-layer decoder: Linear(n,1), Linear(1,n), Sigmoid has keys
 *   0 and 1 only.
 * stepae's own names (W1, b1, ...) are accepted too, and the constrained
 * encoder z = alpha i + beta is stored as alpha and beta. Other names are
 * given explicitly, as --keys W1=enc.weight,b1=enc.bias,...
 */
import { UsageError } from '../errors.js';

/** The tensors of the deck's networks. */
export type TensorName = 'W1' | 'b1' | 'alpha' | 'beta' | 'W2' | 'b2' | 'W3' | 'b3';

export const TENSOR_NAMES: readonly TensorName[] = ['W1', 'b1', 'alpha', 'beta', 'W2', 'b2', 'W3', 'b3'];

/** An explicit key for some tensors; the tensors it omits are absent from the file. */
export type KeyMap = Partial<Record<TensorName, string>>;

/** Keys looked for by default, in order: the nn.Sequential key, then stepae's name. */
export const DEFAULT_KEYS: Record<TensorName, readonly string[]> = {
  W1: ['0.weight', 'W1'],
  b1: ['0.bias', 'b1'],
  alpha: ['alpha'],
  beta: ['beta'],
  W2: ['1.weight', 'W2'],
  b2: ['1.bias', 'b2'],
  W3: ['3.weight', 'W3'],
  b3: ['3.bias', 'b3'],
};

/** The keys stepae writes to .pt and .safetensors (PyTorch's Sequential keys). */
export const TORCH_KEYS: Record<TensorName, string> = {
  W1: '0.weight',
  b1: '0.bias',
  alpha: 'alpha',
  beta: 'beta',
  W2: '1.weight',
  b2: '1.bias',
  W3: '3.weight',
  b3: '3.bias',
};

/** The keys stepae writes to JSON (its own names). */
export const JSON_KEYS: Record<TensorName, string> = {
  W1: 'W1',
  b1: 'b1',
  alpha: 'alpha',
  beta: 'beta',
  W2: 'W2',
  b2: 'b2',
  W3: 'W3',
  b3: 'b3',
};

/**
 * Parses `W1=enc.weight,b1=enc.bias,...` (the CLI's --keys).
 * @throws UsageError (E_WEIGHTS_KEYS) on an unknown tensor name, a repeated name or key, or an empty key.
 */
export function parseKeys(text: string, what = '--keys'): KeyMap {
  const out: KeyMap = {};
  const used = new Set<string>();
  const accepted = `accepted: NAME=KEY pairs separated by commas, NAME one of ${TENSOR_NAMES.join(', ')}, e.g. W1=enc.weight,b1=enc.bias`;
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0 || parts.every((p) => p === ''))
    throw new UsageError(`${what}: empty; ${accepted}`, 'E_WEIGHTS_KEYS');
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim();
    const key = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (!(TENSOR_NAMES as readonly string[]).includes(name))
      throw new UsageError(`${what}: unknown tensor '${name}'; ${accepted}`, 'E_WEIGHTS_KEYS');
    if (key === '') throw new UsageError(`${what}: no key for ${name}; ${accepted}`, 'E_WEIGHTS_KEYS');
    if (out[name as TensorName] !== undefined)
      throw new UsageError(`${what}: ${name} given twice; ${accepted}`, 'E_WEIGHTS_KEYS');
    if (used.has(key)) throw new UsageError(`${what}: key ${key} given for two tensors; ${accepted}`, 'E_WEIGHTS_KEYS');
    used.add(key);
    out[name as TensorName] = key;
  }
  return out;
}
