/**
 * Both Windows adapters answer fixes for every Windows tunnel end: the syntax follows what the
 * end was read from (windows-common/kind.ts), not which adapter read the file.
 */
import type { FixRequest } from '../../src/model/adapter.js';
import { windowsEndKind } from './kind.js';
import { netshFix } from './netsh-fix.js';
import { rrasFix } from './rras-fix.js';

export function windowsFix(req: FixRequest): string | undefined {
  const kind = windowsEndKind(req.tunnel);
  return kind === 'consec' ? netshFix(req) : rrasFix(req, kind);
}
