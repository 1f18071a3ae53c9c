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

export function pickAdapter(text: string, file: string, vendor?: string): Adapter {
  if (vendor) {
    const a = adapterById(vendor);
    if (!a) throw new UsageError(`--vendor ${vendor}: unknown vendor; expected one of: ${adapters.map((x) => x.id).join(', ')}`);
    return a;
  }
  const best = detectAll(text, basename(file))[0];
  if (!best || best.confidence < DETECT_THRESHOLD) {
    throw new ParseError(
      file,
      1,
      `unknown format: expected a configuration or command output of one of: ${adapters.map((x) => x.label).join(', ')} (or name it with --vendor)`,
    );
  }
  return best.adapter;
}
