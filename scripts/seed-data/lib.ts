/**
 * What the seed-data builders share: where the repository and the reference datasets are, the
 * `--check` mode, collecting problems before anything is written, and writing (or, with --check,
 * comparing) the generated files. Every builder is deterministic, so `--check` proves the committed
 * seed files are exactly what the sources give.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');
export const checkOnly = process.argv.includes('--check');

/** The public datasets copied into the repository: reference-data/ (or REFERENCE_DATA_DIR); exits 1 when missing. */
export function referenceDataDir(): string {
  const dir = path.resolve(repoRoot, process.env.REFERENCE_DATA_DIR ?? 'reference-data');
  if (!existsSync(dir)) {
    console.error(`reference data not found at ${dir} (set REFERENCE_DATA_DIR)`);
    process.exit(1);
  }
  return dir;
}

/** Problems found while building; `exitOnProblems()` stops before anything is written. */
export const problems: string[] = [];
export const fail = (msg: string): void => {
  problems.push(msg);
};
export function exitOnProblems(): void {
  if (problems.length === 0) return;
  console.error(problems.map((p) => `  - ${p}`).join('\n'));
  console.error(`${problems.length} problem(s); nothing written`);
  process.exit(1);
}

/**
 * Writes `{ relative path: content }` under the repository (only files whose content changes), or with
 * --check reports each file that would change. Returns how many differ; with --check, a difference
 * sets the exit code to 1.
 */
export function writeOutputs(outputs: Record<string, string>): number {
  let changed = 0;
  for (const [rel, content] of Object.entries(outputs)) {
    const file = path.join(repoRoot, rel);
    const before = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (before === content) continue;
    changed++;
    if (checkOnly) console.error(`${rel} is out of date`);
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  if (checkOnly && changed > 0) process.exitCode = 1;
  return changed;
}
