import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { HardwareFamilies, HardwareRecord } from './domain/hardware.types';

let root: string | null = null;

/** The project root (the folder with package.json), found from this file: works from src/ (Jest) and dist/ (node). */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seed'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root (package.json + seed/) above ${__dirname}`);
    dir = parent;
  }
}

function readSeedJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(projectRoot(), 'seed', file), 'utf8')) as T;
}

/** The curated catalog shipped with the code: seed/hardware.json (accelerators) + seed/cpus.json. */
export function loadSeedHardware(): HardwareRecord[] {
  return [...readSeedJson<HardwareRecord[]>('hardware.json'), ...readSeedJson<HardwareRecord[]>('cpus.json')];
}

/** seed/hardware-families.json: bare family name -> documented default variant. */
export function loadHardwareFamilies(): HardwareFamilies {
  return readSeedJson<HardwareFamilies>('hardware-families.json');
}
