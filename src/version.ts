/** The tool version, read once from package.json (reports and SARIF name it). */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ipsec-drift' && pkg.version) return pkg.version;
    } catch {
      // not at this depth: src/ under tsx, dist/src/ when built
    }
  }
  return '0.0.0';
}

export const VERSION = readVersion();
