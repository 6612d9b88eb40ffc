/**
 * Recorded runs that are too long to repeat on every check: the exhaustive
 * grid counts for n = 1..8 (the n = 8 search takes minutes on two cores)
 * and the classification of every combinatorial type for n = 1..7 (minutes
 * at n = 7). Each file says the command, the date and the machine; the
 * claim that shows them re-computes every n within its range and stops with
 * an internal error when a recorded count differs, so a stale record cannot
 * survive a change to the engines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { InternalError } from '../errors.js';

const readingRow = z.object({
  id: z.string(),
  condition: z.number().int().nonnegative(),
  ifFails: z.number().int().nonnegative(),
  onlyIfFails: z.number().int().nonnegative(),
});

const gridCounts = z.object({
  command: z.string(),
  date: z.string(),
  wallSeconds: z.number(),
  machine: z.object({ cpu: z.string(), cores: z.number().int() }).passthrough(),
  table: z.array(
    z.object({
      n: z.number().int().positive(),
      configurations: z.number().int().nonnegative(),
      fullRank: z.number().int().nonnegative(),
      readings: z.array(readingRow),
    }),
  ),
});

/** The recorded grid counts (src/search/grid-counts.json). */
export type GridCounts = z.infer<typeof gridCounts>;

/**
 * A data file under src/search (e.g. 'grid-counts.json', 'classify/results.json'),
 * found from the sources or the compiled code (dist/src/search is a sibling of src).
 * @throws InternalError when it is missing (a broken installation)
 */
export function searchDataFile(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 6; k++) {
    const p = join(dir, 'src', 'search', name);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  throw new InternalError(`src/search/${name} not found beside the code`);
}

/** The recorded grid counts for n = 1..8. @throws InternalError when the file is missing or malformed (a bug). */
export function loadGridCounts(): GridCounts {
  const parsed = gridCounts.safeParse(JSON.parse(readFileSync(searchDataFile('grid-counts.json'), 'utf8')));
  if (!parsed.success) throw new InternalError(`src/search/grid-counts.json: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
