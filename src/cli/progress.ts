/** A one-line progress bar with rate and ETA, drawn on a TTY only. */
export function progressBar(write: (s: string) => void, enabled: boolean, label: string) {
  const start = Date.now();
  let last = 0;
  const fmt = (x: number) =>
    x >= 1e6 ? `${(x / 1e6).toFixed(1)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : String(Math.round(x));
  return {
    /** @param note shown after the ETA, e.g. the latest loss */
    update(done: number, total: number, note = '') {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const secs = (now - start) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const eta = rate > 0 ? (total - done) / rate : 0;
      const frac = total > 0 ? done / total : 1;
      const width = 30;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      write(
        `\r${label} [${bar}] ${(frac * 100).toFixed(1)}%  ${fmt(done)}/${fmt(total)}  ${fmt(rate)}/s  ETA ${Math.ceil(eta)}s ${note}`,
      );
    },
    done() {
      if (enabled) write('\n');
    },
  };
}
