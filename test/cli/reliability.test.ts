/**
 * Regression tests for bad input, table-driven with the exact inputs of the
 * reliability review: each must exit 2 with one line on stderr, before any
 * work, never a stack trace or a hang.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/files.js';
import { run } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'stepae-rel-'));
const file = (name: string, text: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);

describe('bad input exits 2 with one line', () => {
  it.each([
    // empty paths are errors, not "no file"
    [['construct', '--n', '2', '--latex', ''], /--latex: the path is empty/],
    [['latex', '--n', '2', '--out', ''], /--out: the path is empty/],
    [['train', '--experiment', 'free', '--n', '2', '--epochs', '1', '--save', ''], /--save: the path is empty/],
    [['train', '--experiment', 'free', '--n', '2', '--epochs', '1', '--init', ''], /--init: the path is empty/],
    [['search', 'conjecture', '--n', '1', '--out', ''], /--out: the path is empty/],
    // a value option given twice
    [['dataset', '--n', '2', '--n', '3'], /--n is given 2 times/],
    [['lemma-layer3', '--seed', '1', '--seed=2'], /--seed is given 2 times/],
    [['train', '--experiment', 'free', '--experiment', 'sigmoid'], /--experiment is given 2 times/],
    // bounds
    [
      ['search', 'conjecture', '--n', '2', '--shard', '1/99999999999999999999'],
      /--shard: .* needs 0 <= i < N <= 1000000/,
    ],
    [['train', '--experiment', 'free', '--lr', '1e31'], /--lr 1e31 is out of range; accepted: 1e-30 <= lr <= 1e30/],
    [['train', '--experiment', 'free', '--C', '1e400'], /--C 1e400 is not a positive finite float32/],
    [['construct', '--n', '2000'], /--n 2000: an exact construction of this size takes about 1.4 h/],
    [['lemma-decoder1', '--n-max', '1', '--g', '10^(10^10)'], /more than 4096 bits/],
    [['lemma-decoder1', '--n-max', '1', '--g', '10^1000000000'], /more than 4096 bits/],
    [['train', '--experiment', 'free', '--seed', '4294967295', '--seeds', '2'], /runs past the largest seed/],
    [
      ['lemma-layer3', '--seed', '4294967296'],
      /--seed: 4294967296 is out of range; accepted: an integer from 0 to 4294967295/,
    ],
    // files that are not what they claim, or not files
    [['construct', '--n', '2', '--u3', file('ragged.json', '[[[1],1],[0,1]]')], /--u3 entry \(1, 1\) is \[1\]/],
    [
      ['construct', '--n', '2', '--u3', file('float.json', '[[1,1],[-0.5,1]]')],
      /--u3 entry \(2, 1\) is the number -0.5/,
    ],
    [['construct', '--n', '2', '--u3', '/dev/zero'], /--u3: \/dev\/zero is not a regular file/],
    [['construct', '--n', '2', '--u3', fifo], /--u3: .* is not a regular file/],
    [['search', 'conjecture', '--n', '2', '--codes', '/dev/zero'], /--codes: \/dev\/zero is not a regular file/],
    [['merge', '/dev/zero'], /merge: \/dev\/zero is not a regular file/],
    [['train', '--experiment', 'free', '--init', '/dev/zero'], /--init/],
    // --init entries that are no float32, refused before any training (the JSON text is written raw)
    ...(
      [
        ['"1e400"', /b1\[0\] = about 10\^400 is beyond the float32 range/],
        ['1e39', /b1\[0\] = 10{39} is beyond the float32 range/],
        ['"-1e39"', /b1\[0\] = about -10\^39 is beyond the float32 range/],
        ['null', /b1\[0\] is null; accepted: a finite number or a rational string/],
        ['1e400', /b1\[0\] is Infinity; accepted: a finite number or a rational string/],
      ] as const
    ).map(
      ([entry, why]) =>
        [
          [
            'train',
            '--experiment',
            'free',
            '--n',
            '2',
            '--epochs',
            '2500000',
            '--init',
            file(
              `init-${entry}.json`,
              `{"W1":[[1,2]],"b1":[${entry}],"W2":[[1],[2]],"b2":[0,0],"W3":[[1,0],[0,1]],"b3":[0,0]}`,
            ),
          ],
          why,
        ] as [string[], RegExp],
    ),

    [
      ['search', 'conjecture', '--n', '2', '--codes', file('codes-null.json', '[null, "1"]')],
      /--codes entry 1 is null/,
    ],
    // the second fuzz run (bad input of every command, old build against new)
    // work that would not finish, or not fit: refused with an estimate
    [
      ['search', 'conjecture', '--n', '3', '--workers', '100000'],
      /--workers \(this machine has \d+ CPUs\): 100000 is out of range/,
    ],
    [['search', 'conjecture', '--symbolic', '--n', '10'], /about 12777711870 types \(about \d+ h on 2 cores/],
    [['dataset', '--n', '4096', '--C', '1e400'], /would print about 3390 MB; accepted: at most 200 MB/],
    [
      [
        'search',
        'conjecture',
        '--n',
        '2',
        '--codes',
        file('long.json', JSON.stringify(['1', '2', '3' + '0'.repeat(2000)])),
      ],
      /--codes entry 3 has 2001 characters; accepted: rationals of at most 1000 characters/,
    ],
    [['search', 'conjecture', '--random', '--out', 'r.json'], /--out goes with the grid search, not --random/],
    [['search', 'conjecture', '--random', '--checkpoint', 'c.json'], /--checkpoint goes with the grid search/],
    [['search', 'conjecture', '--random', '--codes', 'missing.json'], /the random search draws its own codes/],
    [['search', 'conjecture', '--path', '1:2'], /--path goes with --random/],
    [['search', 'conjecture', '--random', '--path', 'zz:\x1b'], /--path: .* is not a replay path/],
    [
      ['search', 'conjecture', '--random', '--n', '2', '--runs', '10', '--path', Array(50).fill('1').join(':')],
      /--path 1:1:.*: not a path of this search/,
    ],
    [['lemma-decoder1', '--n', '2', '--g', '1^(10^1000)', '--g', ''], /--g: the expression is empty/],
    [['lemma-decoder1', '--n', '2', '--g', 'import("os")'], /--g: unknown function 'import'/],
    [['lemma-decoder1', '--n', '2', '--g', '"abc"'], /holds a constant that is not a number/],
    [['lemma-decoder1', '--n', '2', '--codes', '1,2'], /--codes gives 2 codes, so n = 1, outside n = 2..2/],
    [['lemma-decoder1', '--n', '2', '--codes', '1,1,2'], /entry 2 \(1\) repeats an earlier code/],
    [['dataset', '--n', '2', '--out', fifo], /--out: .* is not a regular file \(a device, FIFO or socket\)/],
    [
      ['train', '--experiment', 'free', '--n', '2', '--epochs', '1', '--save', '/dev/null'],
      /--save: \/dev\/null is not a regular file/,
    ],
    [
      ['search', 'conjecture', '--n', '2', '--codes', file('deep.json', '['.repeat(100000) + ']'.repeat(100000))],
      /--codes: cannot read .* \(nested deeper than 64 levels\)/,
    ],
  ])('%j', async (args, message) => {
    const r = await run(...args);
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('when the output directory cannot hold files (/proc, as root too) then exit 2 before any work', async () => {
    const r = await run('construct', '--n', '2', '--latex', '/proc/stepae.tex');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--latex: \/proc\/stepae.tex is not writable/);
  });

  it('when a file holds control bytes then the message shows them escaped', async () => {
    const bad = file('binary.json', Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x07, 0x00, 0x41]));
    const r = await run('construct', '--n', '2', '--u3', bad);
    expect(r.code).toBe(2);
    // eslint-disable-next-line no-control-regex -- matching control bytes is the point
    expect(r.err).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it("when an unknown option or choice holds control bytes then commander's message shows them escaped", async () => {
    for (const args of [
      ['dataset', '--n', '2', '--x\x1b[31my'],
      ['construct', '--n', '2', '--encoder', '\x1b[2J'],
      ['frob\x1b]0;pwned\x07'],
    ]) {
      const r = await run(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/\\x1b/);
      // eslint-disable-next-line no-control-regex -- matching control bytes is the point
      expect(r.err).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
  });

  it('when --g raises 0, 1 or -1 to a huge power then it is exact, not a crash', async () => {
    // The claim is refuted as worded whatever --g adds (the built-in activations refute it): exit 1, no error.
    for (const g of ['1^(10^1000)', '0^(10^1000)', 'max(u,0) * (-1)^(10^1000)']) {
      const r = await run('lemma-decoder1', '--n-max', '1', '--g', g, '--json');
      expect(r.code, `${g}: ${r.err}`).toBe(1);
      expect(r.err).toBe('');
      expect(r.out).toContain(`"\`${g}\`"`);
    }
  });

  it('when --g is given twice (it accumulates) then both are checked', async () => {
    const r = await run('lemma-decoder1', '--n-max', '1', '--g', 'max(u,0)', '--g', 'min(max(u,0),1)', '--json');
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).argv).toEqual(expect.arrayContaining(['--g', 'max(u,0)', '--g', 'min(max(u,0),1)']));
  });

  it('when n = 400 then dataset prints X (no stack overflow)', async () => {
    const r = await run('dataset', '--n', '400');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(1 + 401 + 1);
  });
});

describe('atomic writes', () => {
  it('when a killed process left its temporary file then the next write removes it', () => {
    const target = join(dir, 'out.json');
    // pid 2^22 + 1 is above Linux's pid_max default (2^22), so no live process has it.
    const stale = `${target}.stepae-tmp-${2 ** 22 + 1}`;
    writeFileSync(stale, 'half');
    writeAtomic(target, 'whole');
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('out.json'))).toEqual(['out.json']);
  });
});
