/**
 * `npm run proofs` writes proofs/<id>.md for every registered claim, their
 * figures as proofs/figures/*.svg, and proofs/README.md (the atlas), from the
 * default options: deterministic. `npm run proofs:check` regenerates into a
 * temporary directory and fails on any difference with proofs/, figures
 * included.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveClaimOptions, runClaim } from '../src/claims/options.js';
import { CLAIMS } from '../src/claims/registry.js';
import { figureSvg } from '../src/render/figure.js';
import { renderAtlasMarkdown, renderVerdictMarkdown } from '../src/render/verdict.js';
import { VERSION } from '../src/version.js';

function write(file: string, text: string): void {
  writeFileSync(file + '.tmp', text);
  renameSync(file + '.tmp', file);
}

/** Every file of the atlas, relative to its directory (figures/ included). */
function listing(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

async function generate(dir: string): Promise<void> {
  mkdirSync(join(dir, 'figures'), { recursive: true });
  const results = [];
  for (const claim of CLAIMS) {
    const verdict = runClaim(claim, resolveClaimOptions(claim, {}));
    write(join(dir, `${claim.id}.md`), renderVerdictMarkdown(claim, verdict, VERSION));
    for (const s of verdict.sections)
      if (s.figure) write(join(dir, 'figures', s.figure.file), await figureSvg(s.figure.spec));
    results.push({ claim, verdict });
  }
  write(join(dir, 'README.md'), renderAtlasMarkdown(results, VERSION));
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  if (!check) {
    rmSync(join('proofs', 'figures'), { recursive: true, force: true });
    await generate('proofs');
    process.stdout.write(`wrote proofs/ for ${CLAIMS.length} claims\n`);
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'stepae-proofs-'));
  try {
    await generate(tmp);
    const want = listing(tmp);
    const have = listing('proofs');
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

await main();
