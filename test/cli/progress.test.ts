/**
 * Progress lines on a terminal: redrawn in place (return, erase to the end
 * of the line), never wider than the terminal, with elapsed time; the loss
 * note of a training session; and the width tables fit on stdout.
 */
import { describe, expect, it } from 'vitest';
import { stdoutColumns } from '../../src/cli/io.js';
import { CLEAR_LINE, progressBar, redraw, shortSeconds, statusLine } from '../../src/cli/progress.js';
import { lossNote } from '../../src/cli/train.js';

/** A fake clock: `at(ms)` sets the time. */
function clock() {
  let t = 0;
  return { now: () => t, at: (ms: number) => (t = ms) };
}

describe('redraw', () => {
  it('when a line is redrawn then it starts with a return and an erase, so no stale tail stays (…7)7)7))', () => {
    expect(redraw('abc', 80)).toBe(`\r${CLEAR_LINE}abc`);
    expect(CLEAR_LINE).toBe('\x1b[K');
  });

  it('when a line is wider than the terminal then it is cut to one less than the width, ending in …', () => {
    expect(redraw('abcdefghij', 6)).toBe(`\r${CLEAR_LINE}abcd…`);
  });
});

describe('progressBar', () => {
  it('when it is disabled (not a terminal, or --quiet) then it writes nothing', () => {
    const out: string[] = [];
    const bar = progressBar((s) => out.push(s), false, 'free');
    bar.update(1, 2, 'x');
    bar.done();
    expect(out).toEqual([]);
  });

  it('when it draws then every line is cleared first and fits the width; done shows the elapsed time', () => {
    const out: string[] = [];
    const c = clock();
    const bar = progressBar((s) => out.push(s), true, 'free', { width: () => 80, now: c.now });
    c.at(1000);
    bar.update(500, 1000, 'loss best 1.00e-2, worst 3.00e-1 (4 seeds)');
    c.at(2000);
    bar.update(1000, 1000, 'loss best 1.00e-3, worst 2.00e-1 (4 seeds)');
    bar.done();
    expect(out).toHaveLength(3);
    for (const s of out) {
      expect(s.startsWith(`\r${CLEAR_LINE}`)).toBe(true);
      expect(s.slice(`\r${CLEAR_LINE}`.length).trimEnd().length).toBeLessThanOrEqual(79);
    }
    // At 80 columns (79 usable): the note takes 42 characters; with the counts or the rate the bar would be
    // under 10 wide, so both give way: " 50.0%  ETA 1.0 s  " + note is 61, leaving 79 - 4 - 3 - 61 = 11 for the bar.
    expect(out[0]).toBe(
      `\r${CLEAR_LINE}free [######.....] 50.0%  ETA 1.0 s  loss best 1.00e-2, worst 3.00e-1 (4 seeds)`,
    );
    // Done: the elapsed 2.0 s replaces the ETA, " 100.0%  2.0 s  " + note is 58, so the bar is 14 wide.
    expect(out[2]).toBe(
      `\r${CLEAR_LINE}free [##############] 100.0%  2.0 s  loss best 1.00e-3, worst 2.00e-1 (4 seeds)\n`,
    );
  });

  it('when the terminal is wide then the counts and the rate are shown', () => {
    const out: string[] = [];
    const c = clock();
    const bar = progressBar((s) => out.push(s), true, 'n=3 g=2', { width: () => 200, now: c.now });
    c.at(2000);
    bar.update(1500, 3000);
    expect(out[0]).toBe(
      `\r${CLEAR_LINE}n=3 g=2 [${'#'.repeat(15)}${'.'.repeat(15)}] 50.0%  1.5k/3.0k  750/s  ETA 2.0 s`,
    );
  });

  it('when updates come faster than every 100 ms then only the last of them is drawn', () => {
    const out: string[] = [];
    const c = clock();
    const bar = progressBar((s) => out.push(s), true, 'x', { width: () => 80, now: c.now });
    c.at(1000);
    bar.update(1, 10);
    c.at(1050);
    bar.update(2, 10);
    c.at(1100);
    bar.update(3, 10);
    expect(out).toHaveLength(2);
  });
});

describe('statusLine (verify all)', () => {
  it('when a claim starts then the line shows it with the elapsed time; clear erases it', () => {
    const out: string[] = [];
    const c = clock();
    const line = statusLine((s) => out.push(s), true, { width: () => 80, now: c.now });
    c.at(12_300);
    line.show('[16/18] train-sigmoid');
    line.clear();
    expect(out).toEqual([`\r${CLEAR_LINE}[16/18] train-sigmoid  12 s elapsed`, `\r${CLEAR_LINE}`]);
  });
});

describe('shortSeconds', () => {
  it.each([
    [0.42, '0.4 s'],
    [12.3, '12 s'],
    [185, '3 min 05 s'],
  ])('shortSeconds(%d) = %s', (s, text) => {
    expect(shortSeconds(s)).toBe(text);
  });
});

describe('lossNote (the train progress line)', () => {
  it('when one seed trains then its loss and seed are shown', () => {
    expect(lossNote(new Map([[20220227, 0.012345]]), 1)).toBe('loss 1.235e-2 (seed 20220227)');
  });

  it('when several seeds train on workers then the best and the worst loss are shown', () => {
    const losses = new Map([
      [1, 0.5],
      [2, 0.001],
      [3, 0.02],
    ]);
    expect(lossNote(losses, 3)).toBe('loss best 1.00e-3, worst 5.00e-1 (3 seeds)');
    expect(lossNote(losses, 10)).toBe('loss best 1.00e-3, worst 5.00e-1 (3 of 10 seeds started)');
  });
});

describe('stdoutColumns', () => {
  it.each([
    [{ isTTY: true, columns: 132 }, {}, 132],
    [{ isTTY: true, columns: 0 }, { COLUMNS: '100' }, 100],
    [{ isTTY: true }, {}, 80],
    [{ isTTY: false }, {}, undefined],
    [{ isTTY: false }, { COLUMNS: '80' }, 80],
    [{ isTTY: false }, { COLUMNS: 'wide' }, undefined],
  ])('stdoutColumns(%j, %j) = %s', (stream, env, columns) => {
    expect(stdoutColumns(stream, env)).toBe(columns);
  });
});
