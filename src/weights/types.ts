/**
 * What a weights file holds before any network is read from it: named
 * tensors with their shapes and exact values, and string metadata.
 */
import type { Q } from '../kernel/rational.js';

/** The three weights formats. */
export type WeightsFormat = 'pt' | 'safetensors' | 'json';

/** Accepted values of --format. */
export const WEIGHTS_FORMATS: readonly WeightsFormat[] = ['pt', 'safetensors', 'json'];

/**
 * One tensor, row-major. float32 and float64 tensors keep their values in
 * `data` (a Float64Array holds either exactly); rational tensors (stepae
 * JSON) keep them in `rationals`.
 */
export type RawTensor =
  | { shape: number[]; dtype: 'float32' | 'float64'; data: Float64Array }
  | { shape: number[]; dtype: 'rational'; rationals: Q[] };

/** The tensors of a file by key, in file order, and its metadata (values as text). */
export interface RawWeights {
  format: WeightsFormat;
  tensors: Map<string, RawTensor>;
  metadata: Record<string, string>;
}
