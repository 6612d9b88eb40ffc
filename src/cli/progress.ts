/**
 * Progress lines on a terminal (stderr): a bar with rate and ETA for long
 * runs, and a status line for `verify all`. Every draw returns to the start
 * of the line and clears it (`\r` then `\x1b[K`, erase to the end of the
 * line), and is cut to the terminal's width: a line that wrapped could not
 * be redrawn in place, and a shorter line would leave the end of the longer
 * one behind.
 */

/** Erase to the end of the line (ANSI EL). */
export const CLEAR_LINE = '\x1b[K';

/** The width of stderr, read at each draw (the terminal may be resized). */
function stderrWidth(): number {
  return process.stderr.columns || 80;
}

/** A count in short form: 950, 12.5k, 2.5M. */
export function shortCount(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : String(Math.round(x));
}

/** Seconds in short form: 0.4 s, 12 s, 3 min 05 s. */
export function shortSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(Math.round(s - 60 * m)).padStart(2, '0')} s`;
}

/** A line redrawn in place: cleared, and cut to one character less than the width (no wrap, no stale tail). */
export function redraw(text: string, width: number): string {
  const room = Math.max(1, width - 1);
  return `\r${CLEAR_LINE}${text.length > room ? text.slice(0, room - 1) + '…' : text}`;
}

/** Options of the progress drawers (tests inject the clock and the width). */
export interface ProgressOptions {
  /** The terminal's width now (default: stderr's columns, else 80). */
  width?: () => number;
  /** Milliseconds now (default: Date.now). */
  now?: () => number;
}

/**
 * A one-line progress bar with rate and ETA, drawn on a TTY only; redrawn at
 * most every 100 ms. The bar narrows (to 10 characters) before the note is cut.
 */
export function progressBar(
  write: (s: string) => void,
  enabled: boolean,
  label: string,
  options: ProgressOptions = {},
) {
  const width = options.width ?? stderrWidth;
  const now = options.now ?? Date.now;
  const start = now();
  let last = -Infinity;
  let state: { done: number; total: number; note: string } | undefined;
  const line = (done: number, total: number, note: string, final: boolean): string => {
    const secs = (now() - start) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const frac = total > 0 ? done / total : 1;
    const tail = final ? `${shortSeconds(secs)}` : `ETA ${rate > 0 ? shortSeconds((total - done) / rate) : '?'}`;
    const pct = `${(frac * 100).toFixed(1)}%`;
    const counts = `${shortCount(done)}/${shortCount(total)}`;
    const speed = `${shortCount(rate)}/s`;
    // On a narrow terminal the counts go first, then the rate; the bar keeps at least 10 characters.
    const variants = [
      [pct, counts, speed, tail],
      [pct, speed, tail],
      [pct, tail],
    ];
    const room = width() - 1;
    for (const [k, parts] of variants.entries()) {
      const rest = ` ${parts.join('  ')}${note ? '  ' + note : ''}`;
      const barWidth = Math.min(30, room - label.length - 3 - rest.length);
      if (barWidth >= 10 || k === variants.length - 1) {
        const w = Math.max(10, barWidth);
        return `${label} [${'#'.repeat(Math.round(frac * w)).padEnd(w, '.')}]${rest}`;
      }
    }
    return label;
  };
  return {
    /** @param note shown after the ETA, e.g. the latest loss */
    update(done: number, total: number, note = '') {
      if (!enabled) return;
      state = { done, total, note };
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      write(redraw(line(done, total, note, false), width()));
    },
    /** The last state with the elapsed time instead of the ETA, and a new line. */
    done() {
      if (!enabled || !state) return;
      write(redraw(line(state.done, state.total, state.note, true), width()) + '\n');
    },
  };
}

/**
 * A status line redrawn in place (e.g. `[3/18] lemma-layer3  12 s`), with
 * the time since it was created; `clear` erases it. Drawn on a TTY only.
 */
export function statusLine(write: (s: string) => void, enabled: boolean, options: ProgressOptions = {}) {
  const width = options.width ?? stderrWidth;
  const now = options.now ?? Date.now;
  const start = now();
  return {
    show(text: string) {
      if (enabled) write(redraw(`${text}  ${shortSeconds((now() - start) / 1000)} elapsed`, width()));
    },
    clear() {
      if (enabled) write(`\r${CLEAR_LINE}`);
    },
  };
}
