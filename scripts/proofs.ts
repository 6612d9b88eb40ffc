/**
 * `npm run proofs` writes proofs/<id>.md for every registered claim and
 * proofs/README.md (the atlas), from the default options: deterministic.
 * `npm run proofs:check` regenerates into a temporary directory and fails
 * on any difference with proofs/.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLAIMS } from '../src/claims/registry.js';
import { resolveClaimOptions, runClaim } from '../src/claims/options.js';
import { renderAtlasMarkdown, renderVerdictMarkdown } from '../src/render/verdict.js';
import { VERSION } from '../src/version.js';

function generate(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const results = CLAIMS.map((claim) => {
    const verdict = runClaim(claim, resolveClaimOptions(claim, {}));
    const text = renderVerdictMarkdown(claim, verdict, VERSION);
    const file = join(dir, `${claim.id}.md`);
    writeFileSync(file + '.tmp', text);
    renameSync(file + '.tmp', file);
    return { claim, verdict };
  });
  const atlas = join(dir, 'README.md');
  writeFileSync(atlas + '.tmp', renderAtlasMarkdown(results, VERSION));
  renameSync(atlas + '.tmp', atlas);
}

function main(): void {
  const check = process.argv.includes('--check');
  if (!check) {
    generate('proofs');
    process.stdout.write(`wrote proofs/ for ${CLAIMS.length} claims\n`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'stepae-proofs-'));
  try {
    generate(tmp);
    const want = readdirSync(tmp).sort();
    let have: string[] = [];
    try {
      have = readdirSync('proofs').sort();
    } catch {
      have = [];
    }
    const problems: string[] = [];
    for (const f of want) {
      if (!have.includes(f)) problems.push(`missing proofs/${f}`);
      else if (readFileSync(join('proofs', f), 'utf8') !== readFileSync(join(tmp, f), 'utf8')) {
        problems.push(`proofs/${f} differs from what the code finds`);
      }
    }
    for (const f of have) if (!want.includes(f)) problems.push(`proofs/${f} has no claim`);
    if (problems.length > 0) {
      process.stderr.write(problems.join('\n') + '\nrun `npm run proofs` and commit proofs/\n');
      process.exitCode = 1;
    } else {
      process.stdout.write(`proofs/ is up to date (${want.length} files)\n`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main();
