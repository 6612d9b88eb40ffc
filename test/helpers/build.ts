/**
 * vitest global setup: compiles the binary before every test run, so the
 * tests that spawn it never test a stale dist/.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
