/**
 * Writes scripts/slurm/search.sbatch, the shipped Slurm script, from
 * SHIPPED_SCRIPT_OPTIONS: `npm run build && node dist/scripts/slurm/generate.js`.
 * test/cluster/slurm-script.test.ts fails when the file and the generator differ.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_SCRIPT_OPTIONS, slurmScript } from '../../src/cluster/slurm-script.js';

/** The shipped script's path, from the repository root. */
export const SHIPPED_SCRIPT = join('scripts', 'slurm', 'search.sbatch');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tmp = `${SHIPPED_SCRIPT}.tmp-${process.pid}`;
  writeFileSync(tmp, slurmScript(SHIPPED_SCRIPT_OPTIONS), { mode: 0o755 });
  renameSync(tmp, SHIPPED_SCRIPT);
  process.stdout.write(`wrote ${SHIPPED_SCRIPT}\n`);
}
