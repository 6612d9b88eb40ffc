import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../src/errors.js';
import { Q } from '../../src/kernel/rational.js';
import { readRegularFile } from '../../src/weights/file.js';
import { readJsonWeights } from '../../src/weights/json.js';
import { pickleStateDict, unpickle } from '../../src/weights/pickle.js';
import { readSafetensors, writeSafetensors } from '../../src/weights/safetensors.js';
import { readTorch, writeTorch } from '../../src/weights/torch.js';
import { readZip, writeZip } from '../../src/weights/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'stepae-weights-'));

/** The error a call throws (or undefined). */
function errorOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

/** Asserts an InputError with the code, a one-line message matching `re`. */
function expectInputError(f: () => unknown, code: string, re: RegExp): void {
  const e = errorOf(f);
  expect(e).toBeInstanceOf(InputError);
  expect(e).toBeInstanceOf(UsageError); // exit 2 in the CLI
  const err = e as InputError;
  expect(err.code).toBe(code);
  expect(err.message).not.toContain('\n');
  expect(err.message).toMatch(re);
}

const enc = (s: string) => new TextEncoder().encode(s);

const tensors = [
  { key: '0.weight', shape: [1, 3], data: Float32Array.from([0.5, -1.25, 3]) },
  { key: '0.bias', shape: [1], data: Float32Array.from([1 / 3]) },
];

describe('safetensors', () => {
  it('round trip: same keys, shapes, float32 bits and metadata; header padded to 8 bytes', () => {
    const b = writeSafetensors(tensors, { experiment: 'free' });
    const n = new DataView(b.buffer).getUint32(0, true);
    expect((8 + n) % 8).toBe(0);
    const r = readSafetensors(b, 'x');
    expect([...r.tensors.keys()]).toEqual(['0.weight', '0.bias']);
    const t = r.tensors.get('0.bias');
    expect(t?.shape).toEqual([1]);
    // 1/3 rounded to float32 is 11184811 / 2^25 (0x3EAAAAAB): the bits survive the round trip.
    expect(t?.dtype === 'float32' && Q.fromFloat64(t.data[0] as number).equals(Q.of(11184811n, 2n ** 25n))).toBe(true);
    expect(r.metadata).toEqual({ experiment: 'free' });
  });

  /** A safetensors file from a header object and data bytes. */
  function file(header: unknown, data: Uint8Array, headerLength?: number): Uint8Array {
    const h = enc(JSON.stringify(header));
    const out = new Uint8Array(8 + h.length + data.length);
    new DataView(out.buffer).setUint32(0, headerLength ?? h.length, true);
    out.set(h, 8);
    out.set(data, 8 + h.length);
    return out;
  }
  const f32 = (k: number) => new Uint8Array(4 * k);

  it.each([
    ['a 2 GB header length, before any allocation', () => file({}, f32(1), 2 ** 31), /over the limit/],
    ['a header running past the end', () => file({}, f32(0), 1000), /runs past the end/],
    [
      'offsets past the data',
      () => file({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, f32(1)),
      /run past the data/,
    ],
    [
      'a shape that does not fit the offsets',
      () => file({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, f32(2)),
      /needs 12 bytes/,
    ],
    [
      'overlapping tensors',
      () =>
        file(
          {
            a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
            b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
          },
          f32(3),
        ),
      /overlap/,
    ],
    ['reversed offsets', () => file({ a: { dtype: 'F32', shape: [0], data_offsets: [8, 0] } }, f32(2)), /begin, end/],
    ['a header that is not JSON', () => Uint8Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0x7b, 0x7b]), /not valid JSON/],
    ['a truncated file', () => Uint8Array.from([1, 2, 3]), /truncated/],
    ['non-string metadata', () => file({ __metadata__: { a: 1 } }, f32(0)), /not a string/],
  ])('refuses %s', (_, make, re) => {
    expectInputError(() => readSafetensors(make(), 'x'), 'E_WEIGHTS_SAFETENSORS', re);
  });

  it('refuses another dtype with E_WEIGHTS_DTYPE', () => {
    const b = file({ a: { dtype: 'F16', shape: [2], data_offsets: [0, 4] } }, f32(1));
    expectInputError(() => readSafetensors(b, 'x'), 'E_WEIGHTS_DTYPE', /dtype F16; accepted: F32 or F64/);
  });

  it('reads F64 exactly', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setFloat64(0, 0.1, true);
    const r = readSafetensors(file({ a: { dtype: 'F64', shape: [], data_offsets: [0, 8] } }, data), 'x');
    const t = r.tensors.get('a');
    expect(t?.dtype === 'float64' && t.data[0] === 0.1 && t.shape.length === 0).toBe(true);
  });
});

/** Where each entry's data starts: local header offset + 30 + name + extra (from the local header itself). */
function dataOffsets(zip: Uint8Array): Map<string, number> {
  const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = new Map<string, number>();
  let at = 0;
  while (v.getUint32(at, true) === 0x04034b50) {
    const size = v.getUint32(at + 18, true);
    const nameLen = v.getUint16(at + 26, true);
    const extraLen = v.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLen));
    const data = at + 30 + nameLen + extraLen;
    out.set(name, data);
    at = data + size;
  }
  return out;
}

describe('PyTorch .pt without PyTorch', () => {
  it('round trip; every record starts on a 64-byte boundary, as PyTorch writes them', () => {
    const b = writeTorch(tensors, {
      experiment: 'free',
      epochs: 300,
      lr: 1e-4,
      b3: false,
      big: 2 ** 40,
      neg: -(2 ** 40),
    });
    const offs = dataOffsets(b);
    expect([...offs.keys()]).toEqual([
      'archive/data.pkl',
      'archive/data/0',
      'archive/data/1',
      'archive/version',
      'archive/byteorder',
    ]);
    for (const at of offs.values()) expect(at % 64).toBe(0);
    const r = readTorch(b, 'x');
    expect([...r.tensors.keys()]).toEqual(['0.weight', '0.bias']);
    const t = r.tensors.get('0.weight');
    expect(t?.shape).toEqual([1, 3]);
    expect(t?.dtype === 'float32' && [...t.data]).toEqual([0.5, -1.25, 3]);
    expect(r.metadata).toEqual({
      experiment: 'free',
      epochs: '300',
      lr: '0.0001',
      b3: 'false',
      big: '1099511627776',
      neg: '-1099511627776',
    });
  });

  it('writes the same bytes for the same weights (fixed timestamps)', () => {
    expect(writeTorch(tensors)).toEqual(writeTorch(tensors));
  });

  /** A torch.save-shaped zip around a hand-made data.pkl and storages. */
  function torchZip(pkl: Uint8Array, storages: Record<string, Uint8Array> = {}): Uint8Array {
    return writeZip([
      ['archive/data.pkl', pkl],
      ...Object.entries(storages).map(([k, v]) => [`archive/data/${k}`, v] as [string, Uint8Array]),
      ['archive/version', enc('3\n')],
    ]);
  }
  // Protocol 2: PROTO 2, GLOBAL 'posix system', SHORT_BINUNICODE... as pickle.dumps(os.system('id')) gives.
  const systemPickle = Uint8Array.from([
    0x80,
    2,
    ...enc('cposix\nsystem\n'),
    0x58,
    2,
    0,
    0,
    0,
    ...enc('id'),
    0x85,
    0x52,
    0x2e,
  ]);

  it.each([
    ['a truncated zip', () => writeTorch(tensors).subarray(0, 300), 'E_WEIGHTS_ZIP', /truncated/],
    ['bytes that are no zip', () => enc('hello, not a zip at all'), 'E_WEIGHTS_TORCH', /not a PyTorch zip/],
    [
      'a legacy (non-zip) torch.save file',
      () => Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]),
      'E_WEIGHTS_TORCH',
      /legacy torch\.save file.*default zip format/,
    ],
    [
      'a pickle naming posix.system',
      () => torchZip(systemPickle),
      'E_WEIGHTS_PICKLE',
      /global posix\.system, outside the allow-list.*never runs code/,
    ],
    [
      'a pickle naming builtins.eval',
      () =>
        torchZip(
          Uint8Array.from([0x80, 2, ...enc('cbuiltins\neval\n'), 0x58, 3, 0, 0, 0, ...enc('1+1'), 0x85, 0x52, 0x2e]),
        ),
      'E_WEIGHTS_PICKLE',
      /builtins\.eval/,
    ],
    [
      "a user's own module class",
      () => torchZip(Uint8Array.from([0x80, 2, ...enc('c__main__\nAE\n'), 0x29, 0x81, 0x2e])),
      'E_WEIGHTS_PICKLE',
      /__main__\.AE.*save the state_dict instead/,
    ],
    [
      'a storage entry missing from the archive',
      () => torchZip(pickleStateDict([{ key: '0.weight', shape: [1, 3], storageKey: '0' }])),
      'E_WEIGHTS_TORCH',
      /storage 0 is missing/,
    ],
    [
      'a storage shorter than its id says',
      () => torchZip(pickleStateDict([{ key: '0.weight', shape: [1, 3], storageKey: '0' }]), { 0: new Uint8Array(8) }),
      'E_WEIGHTS_TORCH',
      /holds 8 bytes, its id says 12/,
    ],
    ['a zip without data.pkl', () => writeZip([['archive/version', enc('3\n')]]), 'E_WEIGHTS_TORCH', /data\.pkl/],
    [
      'a pickle that is not a state_dict',
      () => torchZip(Uint8Array.from([0x80, 2, 0x4b, 7, 0x2e])),
      'E_WEIGHTS_TORCH',
      /neither a state_dict nor an nn\.Module/,
    ],
  ])('refuses %s', (_, make, code, re) => {
    expectInputError(() => readTorch(make(), 'x'), code, re);
  });

  it('refuses a compressed entry (torch.save stores them; no zip bombs)', () => {
    const z = zipSync({ 'archive/data.pkl': [new Uint8Array(1000), { level: 6 }] });
    expectInputError(() => readZip(z, 'x'), 'E_WEIGHTS_ZIP', /compressed/);
  });

  it('refuses a forged entry count at once instead of looping over it', () => {
    const z = writeZip([['a', new Uint8Array(4)]]);
    const e = z.length - 22;
    const v = new DataView(z.buffer, z.byteOffset);
    v.setUint16(e + 8, 3000, true);
    v.setUint16(e + 10, 3000, true);
    expectInputError(() => readZip(z, 'x'), 'E_WEIGHTS_ZIP', /central directory/);
    // A zip64 end record claiming 2^32 entries.
    v.setUint16(e + 8, 1, true);
    v.setUint16(e + 10, 1, true);
    const z64 = new Uint8Array(z.length + 76);
    z64.set(z.subarray(0, e));
    const w = new DataView(z64.buffer);
    const rec = e;
    w.setUint32(rec, 0x06064b50, true);
    w.setUint32(rec + 32, 0, true);
    w.setUint32(rec + 36, 1, true); // total entries 2^32
    const loc = rec + 56;
    w.setUint32(loc, 0x07064b50, true);
    w.setUint32(loc + 8, rec, true);
    z64.set(z.subarray(e), loc + 20);
    const t0 = Date.now();
    expectInputError(() => readZip(z64, 'x'), 'E_WEIGHTS_ZIP', /entries, over the limit/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('a pickle with a negative BINBYTES length ends with an error instead of looping', () => {
    // 'B' BINBYTES with length -5 would step back onto itself in pickleparser's own reader.
    const loop = Uint8Array.from([0x80, 2, 0x42, 0xfb, 0xff, 0xff, 0xff, 0x2e]);
    expectInputError(() => unpickle(loop, 'x'), 'E_WEIGHTS_PICKLE', /malformed pickle \(invalid length -5\)/);
  });

  it('a truncated pickle is an error', () => {
    const p = pickleStateDict([{ key: 'a', shape: [2], storageKey: '0' }]);
    expectInputError(() => unpickle(p.subarray(0, p.length - 5), 'x'), 'E_WEIGHTS_PICKLE', /malformed pickle/);
  });
});

describe('stepae JSON', () => {
  it('reads rational strings exactly and numbers as the decimals they print as', () => {
    const r = readJsonWeights(enc(JSON.stringify({ W1: [['1/3', 0.1, '-2']], seed: 3, metadata: { b3: false } })), 'x');
    const t = r.tensors.get('W1');
    expect(t?.shape).toEqual([1, 3]);
    expect(t?.dtype === 'rational' && t.rationals.map(String)).toEqual(['1/3', '1/10', '-2']);
    expect(r.metadata).toEqual({ seed: '3', b3: 'false' });
  });

  it('keeps arrays that are not tensors aside, with the reason', () => {
    const r = readJsonWeights(enc(JSON.stringify({ W1: [['1', '2'], ['3']], b1: ['x'] })), 'x');
    expect(r.tensors.size).toBe(0);
    expect(r.invalid.get('W1')).toMatch(/breaks the shape \[2, 2\]/);
    expect(r.invalid.get('b1')).toMatch(/not a rational number/);
  });

  it('refuses text that is not a JSON object', () => {
    expectInputError(() => readJsonWeights(enc('{"W1": ['), 'x'), 'E_WEIGHTS_JSON', /not valid JSON/);
    expectInputError(() => readJsonWeights(enc('[1, 2]'), 'x'), 'E_WEIGHTS_JSON', /not a JSON object/);
  });
});

describe('reading files', () => {
  it('refuses a directory, a device and a FIFO without blocking', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub);
    expectInputError(() => readRegularFile(sub, 'w'), 'E_WEIGHTS_FILE', /not a regular file/);
    expectInputError(() => readRegularFile('/dev/zero', 'w'), 'E_WEIGHTS_FILE', /not a regular file/);
    const fifo = join(dir, 'fifo');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const t0 = Date.now();
      expectInputError(() => readRegularFile(fifo, 'w'), 'E_WEIGHTS_FILE', /not a regular file/);
      expect(Date.now() - t0).toBeLessThan(1000);
    }
    expectInputError(() => readRegularFile(join(dir, 'missing'), 'w'), 'E_WEIGHTS_FILE', /cannot read/);
  });

  it('refuses a file over the size cap', () => {
    const f = join(dir, 'big.bin');
    writeFileSync(f, new Uint8Array(2000));
    expect(readRegularFile(f, 'w', 2000).length).toBe(2000);
    expectInputError(() => readRegularFile(f, 'w', 1999), 'E_WEIGHTS_FILE', /2000 bytes, over the limit of 1999/);
  });
});
