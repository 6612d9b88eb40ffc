/**
 * The zip container of PyTorch's torch.save, through fflate (a maintained
 * zip library, chosen over yauzl because it also writes archives and works
 * synchronously on the bytes in memory, which the size cap bounds). fflate trusts the archive's directory: an entry count from a
 * forged zip64 record makes unzipSync loop billions of times, and an offset
 * past the end yields a short entry instead of an error. So the directory is
 * checked here first (end record found, entry count bounded by the bytes
 * the directory occupies), only stored (uncompressed) entries are accepted,
 * as torch.save writes them, and every entry must have the size its header
 * declares. fflate does not check CRCs of stored entries; the tensors read
 * from them are checked against their declared sizes instead.
 */
import { unzipSync, type Zippable, zipSync } from 'fflate';
import { InputError } from '../errors.js';
import { firstLine } from './file.js';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
/** More entries than any weights file of this project's networks holds. */
const MAX_ENTRIES = 4096;

function u16(d: Uint8Array, at: number): number {
  return (d[at] ?? 0) | ((d[at + 1] ?? 0) << 8);
}

function u32(d: Uint8Array, at: number): number {
  return ((d[at] ?? 0) | ((d[at + 1] ?? 0) << 8) | ((d[at + 2] ?? 0) << 16) | ((d[at + 3] ?? 0) << 24)) >>> 0;
}

function u64(d: Uint8Array, at: number): number {
  return u32(d, at) + u32(d, at + 4) * 2 ** 32;
}

/** True when the bytes open with a zip local file header. */
export function isZip(d: Uint8Array): boolean {
  return d.length >= 4 && u32(d, 0) === 0x04034b50;
}

/**
 * The entries of a zip archive, by name.
 * @throws InputError (E_WEIGHTS_ZIP) on a truncated or inconsistent archive, a compressed entry or a duplicate name.
 */
export function readZip(d: Uint8Array, what: string): Map<string, Uint8Array> {
  const fail = (why: string): never => {
    throw new InputError(`${what}: ${why}`, 'E_WEIGHTS_ZIP');
  };
  if (d.length < 22) fail('truncated zip archive (shorter than its end record)');
  let e = -1;
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  for (let at = d.length - 22; at >= Math.max(0, d.length - 22 - 65535); at--) {
    if (u32(d, at) === EOCD) {
      e = at;
      break;
    }
  }
  if (e < 0) fail('truncated zip archive (no end-of-central-directory record)');
  // fflate loops over the count on this disk (e + 8); the total (e + 10) must agree (one disk).
  if (u16(d, e + 8) !== u16(d, e + 10)) fail('multi-disk zip archives are not supported');
  let count = u16(d, e + 10);
  let cdSize = u32(d, e + 12);
  let cdOffset = u32(d, e + 16);
  let cdEnd = e;
  if (e >= 20 && u32(d, e - 20) === ZIP64_LOCATOR) {
    const z = u64(d, e - 12);
    if (!(z + 56 <= e - 20) || u32(d, z) !== ZIP64_EOCD) fail('corrupt zip64 end record');
    count = u64(d, z + 32);
    cdSize = u64(d, z + 40);
    cdOffset = u64(d, z + 48);
    cdEnd = z;
  }
  if (count > MAX_ENTRIES) fail(`${count} entries, over the limit of ${MAX_ENTRIES}`);
  // Each central directory header is at least 46 bytes.
  if (!(cdOffset + cdSize <= cdEnd) || count * 46 > cdSize) fail('truncated or corrupt zip central directory');
  const declared = new Map<string, number>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(d, {
      filter: (f) => {
        if (f.compression !== 0)
          fail(`entry ${f.name} is compressed (method ${f.compression}); torch.save stores entries`);
        if (declared.has(f.name)) fail(`duplicate entry ${f.name}`);
        declared.set(f.name, f.size);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    return fail(`corrupt zip archive (${firstLine(err)})`);
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, size] of declared) {
    const data = files[name];
    if (!data || data.length !== size) fail(`entry ${name} is truncated (${data?.length ?? 0} of ${size} bytes)`);
    out.set(name, data as Uint8Array);
  }
  return out;
}

/** Records start at multiples of this (PyTorch aligns them so that storages can be mapped). */
const ALIGN = 64;
/** The extra-field id PyTorch pads with ("FB"). */
const PAD_ID = 0x4246;
/** A fixed modification time, so that the same weights give the same bytes. */
const MTIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * A zip archive of stored entries, each one's data aligned to 64 bytes by a
 * padding extra field as PyTorch's writer does.
 */
export function writeZip(entries: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const input: Zippable = {};
  let offset = 0;
  for (const [name, data] of entries) {
    const nameLen = new TextEncoder().encode(name).length;
    // Local header (30 bytes), the name, then the extra field (4 bytes + padding).
    const pad = (ALIGN - ((offset + 30 + nameLen + 4) % ALIGN)) % ALIGN;
    input[name] = [data, { level: 0, mtime: MTIME, extra: { [PAD_ID]: new Uint8Array(pad) } }];
    offset += 30 + nameLen + 4 + pad + data.length;
  }
  return zipSync(input);
}
