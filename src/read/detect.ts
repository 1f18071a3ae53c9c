/** Which adapter reads a text: each adapter says how sure it is from the content (or `--vendor` names it). */
import { basename } from 'node:path';
import { adapters, adapterById } from '../../adapters/index.js';
import type { Adapter } from '../model/adapter.js';
import { ParseError, UsageError } from '../model/errors.js';

/** Below this confidence no adapter claims the file. */
export const DETECT_THRESHOLD = 0.5;

export interface Detection {
  adapter: Adapter;
  confidence: number;
}

/** What detection looks at: every vendor announces itself near the top (a header, the root element, the first sections). */
export function detectHead(text: string): string {
  return text.length > 65536 ? text.slice(0, 65536) : text;
}

/** Adapters ranked by how sure each is that the text is theirs. */
export function detectAll(text: string, fileName: string): Detection[] {
  const head = detectHead(text);
  return adapters
    .map((adapter) => ({ adapter, confidence: adapter.detect(head, fileName) }))
    .filter((d) => d.confidence > 0)
    .sort((x, y) => y.confidence - x.confidence);
}

/** How much of the text `announcedBy` looks at. */
const START = 512;

/**
 * The adapter `detectAll` ranks first, asking as few adapters as it can: an adapter certain of
 * the text (confidence 1, the most there is) ends the search — adapters whose `announcedBy`
 * matches the start of the text are asked first — and otherwise every adapter is asked and the
 * first of the highest confidence wins, as in `detectAll` (its sort is stable).
 */
export function detectBest(text: string, fileName: string): Detection | undefined {
  const head = detectHead(text);
  const start = head.length > START ? head.slice(0, START) : head;
  for (const adapter of adapters) {
    if (!adapter.announcedBy?.(start)) continue;
    const confidence = adapter.detect(head, fileName);
    if (confidence >= 1) return { adapter, confidence };
  }
  let best: Detection | undefined;
  for (const adapter of adapters) {
    // a later adapter wins only with a higher confidence: one that never reaches it is not asked
    if (best && (adapter.detectCeiling ?? 1) <= best.confidence) continue;
    // one that can beat it only by being certain is asked just that (a RouterOS or Cisco file is
    // not run through every Junos and PAN-OS pattern)
    if (best && adapter.detectCertain && adapter.detectBelowCertain !== undefined && adapter.detectBelowCertain <= best.confidence) {
      if (adapter.detectCertain(head, fileName)) return { adapter, confidence: 1 };
      continue;
    }
    const confidence = adapter.detect(head, fileName);
    if (confidence >= 1) return { adapter, confidence };
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { adapter, confidence };
  }
  return best;
}

export function pickAdapter(text: string, file: string, vendor?: string): Adapter {
  if (vendor) {
    const a = adapterById(vendor);
    if (!a) throw new UsageError(`--vendor ${vendor}: unknown vendor; expected one of: ${adapters.map((x) => x.id).join(', ')}`);
    return a;
  }
  const best = detectBest(text, basename(file));
  if (!best || best.confidence < DETECT_THRESHOLD) {
    throw new ParseError(
      file,
      1,
      `unknown format: expected a configuration or command output of one of: ${adapters.map((x) => x.label).join(', ')} (or name it with --vendor)`,
    );
  }
  return best.adapter;
}
