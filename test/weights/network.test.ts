import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecoder, linearEncoder } from '../../src/construct/decoder.js';
import { InputError, UsageError } from '../../src/errors.js';
import { Q } from '../../src/kernel/rational.js';
import type { ModelSpec } from '../../src/train/model.js';
import { readWeights } from '../../src/train/weights.js';
import {
  checkCompatible,
  encodeNetwork,
  formatFromPath,
  networkFromExact,
  networkFromParams,
  networkFromRaw,
  networkToParams,
  parseKeys,
  readNetwork,
  roundTensor,
  specFromNetwork,
  toFloat32,
} from '../../src/weights/index.js';
import { writeSafetensors } from '../../src/weights/safetensors.js';
import type { RawWeights } from '../../src/weights/types.js';
import { fcParams } from '../helpers/seed.js';

const dir = mkdtempSync(join(tmpdir(), 'stepae-net-'));

function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

function expectError(f: () => unknown, code: string, re: RegExp): void {
  const e = errorOf(f) as UsageError;
  expect(e).toBeInstanceOf(UsageError);
  expect(e.code).toBe(code);
  expect(e.message).not.toContain('\n');
  expect(e.message).toMatch(re);
}

/** Raw float32 tensors from plain arrays. */
function raw(t: Record<string, [number[], number[]]>, format: RawWeights['format'] = 'safetensors'): RawWeights {
  return {
    format,
    metadata: {},
    tensors: new Map(
      Object.entries(t).map(([k, [shape, v]]) => [
        k,
        { shape, dtype: 'float32' as const, data: Float64Array.from(v, (x) => Math.fround(x)) },
      ]),
    ),
  };
}

/** The deck's Sequential state_dict for n = 2, n2 = 3, b3 given. */
function sequential(b3: number[] | undefined, W1 = [-1, -1]): RawWeights {
  return raw({
    '0.weight': [[1, 2], W1],
    '0.bias': [[1], [3]],
    '1.weight': [
      [3, 1],
      [-1, 1, 0.5],
    ],
    '1.bias': [[3], [1.5, -2, 0]],
    '3.weight': [
      [2, 3],
      [1, 0, 2, -4, 2, 1],
    ],
    ...(b3 ? { '3.bias': [[2], b3] as [number[], number[]] } : {}),
  });
}

describe('toFloat32: correct rounding of rationals', () => {
  it.each([
    // [rational, expected float32 as num/2^k, source]
    ['1/3', Q.of(11184811n, 2n ** 25n), '0x3EAAAAAB, the float32 of 1/3'],
    ['1/10', Q.of(13421773n, 2n ** 27n), '0x3DCCCCCD, the float32 of 0.1'],
    ['16777217', Q.int(16777216), '2^24 + 1 is a tie between 2^24 and 2^24 + 2: to even'],
    ['16777219', Q.int(16777220), '2^24 + 3: tie between 2^24 + 2 (odd last bit) and 2^24 + 4 (even)'],
    [
      '-3/7',
      Q.of(-14380471n, 2n ** 25n),
      '3/7 is in [1/4, 1/2), ulp 2^-25; 3 * 2^25 / 7 = 14380470.857... rounds to 14380471',
    ],
  ])('%s -> %s (%s)', (text, expected) => {
    expect(Q.fromFloat32(toFloat32(Q.parse(text))).equals(expected)).toBe(true);
  });

  it('avoids double rounding: 1 + 2^-24 + 2^-80 is above the tie, so it rounds up to 1 + 2^-23', () => {
    const q = Q.ONE.add(Q.of(1n, 2n ** 24n)).add(Q.of(1n, 2n ** 80n));
    // Math.fround(q.toNumber()) first rounds to the float64 1 + 2^-24, then ties to even at 1.
    expect(Math.fround(q.toNumber())).toBe(1);
    expect(toFloat32(q)).toBe(1 + 2 ** -23);
  });

  it('is the float32 nearest to q, for random rationals (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (a, b) => {
          const q = Q.of(a, b);
          const f = toFloat32(q);
          const err = Q.fromFloat32(f).sub(q).abs();
          // Neither neighbour is strictly closer.
          const bits = new Uint32Array(new Float32Array([f]).buffer)[0] as number;
          for (const nb of [bits + 1, bits - 1]) {
            const g = new Float32Array(new Uint32Array([nb >>> 0]).buffer)[0] as number;
            if (Number.isFinite(g)) expect(Q.fromFloat32(g).sub(q).abs().lt(err)).toBe(false);
          }
        },
      ),
      fcParams(300),
    );
  });

  it('reports the entries rounding changed, and refuses values beyond float32', () => {
    const r = roundTensor('W3', [Q.of(1n, 2n), Q.of(1n, 3n), Q.int(3)]);
    expect(r.changed.map((c) => [c.tensor, c.index, String(c.exact), String(c.rounded)])).toEqual([
      ['W3', 1, '1/3', '11184811/33554432'],
    ]);
    expect(() => roundTensor('b1', [Q.of(2n ** 128n)])).toThrow(/b1\[0\] = .* beyond the float32 range/);
  });
});

describe('key mapping and shape inference', () => {
  it("infers the two-layer layout, n and n2 from the deck's Sequential keys", () => {
    const net = networkFromRaw(sequential([0, 0]), 'x');
    expect([net.decoder, net.encoder, net.n, net.n2, net.hasB3, net.b3Nonzero]).toEqual([
      'two-layer',
      'linear',
      2,
      3,
      true,
      false,
    ]);
    expect(net.tensors.W3?.exact.map(String)).toEqual(['1', '0', '2', '-4', '2', '1']);
  });

  it('infers the sigmoid one-layer decoder from keys 0 and 1 only', () => {
    const net = networkFromRaw(
      raw({
        '0.weight': [
          [1, 3],
          [1, 1, 1],
        ],
        '0.bias': [[1], [0]],
        '1.weight': [
          [3, 1],
          [1, 2, 3],
        ],
        '1.bias': [[3], [0, 0, 0]],
      }),
      'x',
    );
    expect([net.decoder, net.n, net.n2]).toEqual(['one-layer', 3, 3]);
  });

  it.each([
    ['W1=enc.weight,b1=enc.bias', { W1: 'enc.weight', b1: 'enc.bias' }],
    [' W2 = dec.0.weight , b3=dec.2.bias ', { W2: 'dec.0.weight', b3: 'dec.2.bias' }],
  ])('parseKeys(%s)', (text, expected) => {
    expect(parseKeys(text)).toEqual(expected);
  });

  it.each([
    ['W4=x', /unknown tensor 'W4'/],
    ['W1=a,W1=b', /W1 given twice/],
    ['W1=a,b1=a', /key a given for two tensors/],
    ['W1=', /no key for W1/],
    ['', /empty/],
  ])('parseKeys refuses %j', (text, re) => {
    expectError(() => parseKeys(text), 'E_WEIGHTS_KEYS', re);
  });

  it('reads named keys through an explicit mapping, other tensors listed as unused', () => {
    const r = sequential([1, 2]);
    const renamed: RawWeights = {
      ...r,
      tensors: new Map([...r.tensors].map(([k, v]) => [k.replace(/^0\./, 'enc.').replace(/^([13])\./, 'dec.$1.'), v])),
    };
    renamed.tensors.set('extra', { shape: [1], dtype: 'float32', data: Float64Array.from([0]) });
    const keys = parseKeys('W1=enc.weight,b1=enc.bias,W2=dec.1.weight,b2=dec.1.bias,W3=dec.3.weight,b3=dec.3.bias');
    const net = networkFromRaw(renamed, 'x', keys);
    expect([net.n, net.n2, net.b3Nonzero, net.unused]).toEqual([2, 3, true, ['extra']]);
    expectError(
      () => networkFromRaw(renamed, 'x'),
      'E_WEIGHTS_KEYS',
      /enc\.weight, .* are not part of the deck's layouts.*--keys/,
    );
    expectError(
      () => networkFromRaw(renamed, 'x', parseKeys('W1=enc.weight,W2=nope')),
      'E_WEIGHTS_KEYS',
      /key nope \(given for W2\) is not in the file/,
    );
  });

  it.each([
    ['an extra tensor under the default keys', { '5.weight': [[1], [0]] }, 'E_WEIGHTS_KEYS', /5\.weight are not part/],
    [
      'a W3 of the wrong shape',
      {
        '3.weight': [
          [3, 2],
          [1, 0, 2, -4, 2, 1],
        ],
      },
      'E_WEIGHTS_SHAPE',
      /3\.weight \(W3\) is 3 x 2; accepted: 2 x 3/,
    ],
    [
      'a b2 of the wrong length',
      { '1.bias': [[2], [1, 2]] },
      'E_WEIGHTS_SHAPE',
      /1\.bias \(b2\) has shape 2; accepted: a vector of 3/,
    ],
    [
      'a W1 that is a vector',
      { '0.weight': [[2], [1, 2]] },
      'E_WEIGHTS_SHAPE',
      /0\.weight \(W1\) is 2; accepted: a matrix 1 x cols/,
    ],
    [
      'W1 and stepae name W1 both',
      {
        W1: [
          [1, 2],
          [1, 1],
        ],
      },
      'E_WEIGHTS_KEYS',
      /both 0\.weight and W1/,
    ],
    ['a NaN', { '0.bias': [[1], [NaN]] }, 'E_WEIGHTS_VALUE', /0\.bias\[0\] is NaN/],
  ] as [string, Record<string, [number[], number[]]>, string, RegExp][])('refuses %s', (_, change, code, re) => {
    const r = sequential([0, 0]);
    for (const [k, v] of raw(change).tensors) r.tensors.set(k, v);
    expectError(() => networkFromRaw(r, 'x'), code, re);
  });
});

describe('checkCompatible: a file never silently changes the run', () => {
  const free = (b3: boolean, n = 2, n2 = 3): ModelSpec => ({ experiment: 'free', n, n2, b3, C: 1 });
  it.each([
    ['nonzero b3, run without b3', [1, 0], free(false), 'E_WEIGHTS_B3', /nonzero layer-3 bias \(3\.bias\).*add --b3/],
    [
      'no b3, run with b3',
      undefined,
      free(true),
      'E_WEIGHTS_B3',
      /the run has a layer-3 bias \(--b3\) but the file has none/,
    ],
    ['another n', [0, 0], free(false, 3), 'E_WEIGHTS_SHAPE', /the file has n = 2, the run has n = 3/],
    ['another n2', [0, 0], free(false, 2, 4), 'E_WEIGHTS_SHAPE', /n2 = 3, the run has n2 = 4/],
    [
      'the sigmoid experiment',
      [0, 0],
      { ...free(false), experiment: 'sigmoid' },
      'E_WEIGHTS_LAYOUT',
      /two-layer network/,
    ],
    [
      'the constrained experiment with a non-constant W1',
      [0, 0],
      { ...free(false), experiment: 'constrained' },
      'E_WEIGHTS_LAYOUT',
      /W1 = w 1/,
    ],
  ] as [string, number[] | undefined, ModelSpec, string, RegExp][])('refuses %s', (_, b3, spec, code, re) => {
    const W1 = spec.experiment === 'constrained' ? [1, 2] : [-1, -1];
    expectError(() => checkCompatible(spec, networkFromRaw(sequential(b3, W1), 'x')), code, re);
  });

  it('accepts b3 = 0 in the file for a run without b3, and b3 for a run with b3', () => {
    const zero = networkFromRaw(sequential([0, 0]), 'x');
    expect(() => checkCompatible(free(false), zero)).not.toThrow();
    expect(networkToParams(free(false), zero).length).toBe(2 + 1 + 3 + 3 + 6);
    const p = networkToParams(free(true), networkFromRaw(sequential([1, 2]), 'x'));
    expect([...p.slice(-2)]).toEqual([1, 2]);
  });

  it('specFromNetwork: the sizes from the file, b3 from the stepae metadata when present', () => {
    const net = networkFromRaw(sequential([0, 0]), 'x');
    expect(specFromNetwork(net, 1)).toEqual({ experiment: 'free', n: 2, n2: 3, b3: true, C: 1 });
    expect(specFromNetwork({ ...net, metadata: { b3: 'false' } }, 1).b3).toBe(false);
  });
});

describe('writing and reading back', () => {
  const n = 5;
  const c = buildDecoder({ n, C: Q.ONE, encoder: linearEncoder(n, Q.ONE) });
  if (!c.ok) throw new Error(c.reason);
  const w = c.construction.weights;

  it.each(['pt', 'safetensors', 'json'] as const)(
    '%s: the construction comes back with the same exact values, b3 = 0 written explicitly',
    (format) => {
      const { net, changed } = networkFromExact(w);
      expect(changed).toEqual([]); // the linear construction's entries are dyadic: float32 holds them exactly
      const file = join(dir, `c5.${format}`);
      writeFileSync(file, encodeNetwork(net, format, { experiment: 'free', n, n2: n, seed: 1 }));
      const back = readNetwork(file);
      expect([back.n, back.n2, back.hasB3, back.b3Nonzero, back.metadata.b3, back.metadata.seed]).toEqual([
        n,
        n,
        true,
        false,
        'false',
        '1',
      ]);
      for (const name of ['W1', 'b1', 'W2', 'b2', 'W3'] as const)
        expect(back.tensors[name]?.exact.map(String)).toEqual(net.tensors[name]?.exact.map(String));
      // The run without b3 reads it back: the explicit zero b3 is accepted.
      const spec: ModelSpec = { experiment: 'free', n, n2: n, b3: false, C: 1 };
      expect(readWeights(file, spec)).toEqual(networkToParams(spec, net));
    },
  );

  it('JSON keeps a construction exact when not rounded, and lists what float32 would change', () => {
    const W1 = [[Q.of(1n, 3n), Q.of(-1n, 3n)]];
    const { net, changed } = networkFromExact(
      {
        W1,
        b1: [Q.ONE],
        W2: [[Q.ONE], [Q.ONE]],
        b2: [Q.ZERO, Q.ZERO],
        W3: [
          [Q.ONE, Q.ONE],
          [Q.ONE, Q.ONE],
        ],
      },
      { round: false },
    );
    expect(changed.map((x) => `${x.tensor}[${x.index}]`)).toEqual(['W1[0]', 'W1[1]']);
    const file = join(dir, 'third.json');
    writeFileSync(file, encodeNetwork(net, 'json'));
    expect(readNetwork(file).tensors.W1?.exact.map(String)).toEqual(['1/3', '-1/3']);
  });

  it('trainer parameters round-trip through every format (constrained encoder as alpha, beta)', () => {
    const spec: ModelSpec = { experiment: 'constrained', n: 3, n2: 4, b3: true, C: 1 };
    const p = Float32Array.from({ length: 2 + 4 + 4 + 12 + 3 }, (_, k) => Math.fround((k - 7) / 3));
    const net = networkFromParams(spec, p);
    for (const format of ['pt', 'safetensors', 'json'] as const) {
      const file = join(dir, `p.${format}`);
      writeFileSync(file, encodeNetwork(net, format));
      const back = readNetwork(file);
      expect(back.encoder).toBe('constrained');
      expect(networkToParams(spec, back)).toEqual(p);
    }
  });

  it('the format comes from the extension or --format', () => {
    expect(['a.pt', 'a.PTH', 'a.safetensors', 'a.json'].map((f) => formatFromPath(f))).toEqual([
      'pt',
      'pt',
      'safetensors',
      'json',
    ]);
    expect(formatFromPath('weights.bin', 'safetensors')).toBe('safetensors');
    expectError(() => formatFromPath('weights.bin'), 'E_WEIGHTS_FORMAT', /cannot tell the weights format/);
    expectError(() => formatFromPath('a.pt', 'onnx'), 'E_WEIGHTS_FORMAT', /--format onnx: unknown format/);
  });

  it('an unreadable tensor in a safetensors file is an InputError naming the key', () => {
    const file = join(dir, 'f16ish.safetensors');
    writeFileSync(
      file,
      writeSafetensors([
        { key: '0.weight', shape: [1, 2], data: new Float32Array(2) },
        { key: '0.bias', shape: [1], data: new Float32Array(1) },
        { key: '1.weight', shape: [2, 2], data: new Float32Array(4) },
      ]),
    );
    const e = errorOf(() => readNetwork(file)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/1\.weight \(W2\) is 2 x 2; accepted: 2 x 1/);
  });
});
