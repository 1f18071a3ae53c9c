/**
 * Calling an adapter's parse on a text nobody vouches for. Whatever the adapter does, the caller
 * gets a Device or a ParseError naming the file — never another exception, never a stack — and
 * the error never quotes a file that is not a configuration: when the vendor was forced
 * (`--vendor`, an inventory `vendor:`) on a text its adapter does not recognise, the error says
 * where reading stopped and nothing of what is there (the text may be /etc/passwd or a token).
 */
import type { Adapter } from '../model/adapter.js';
import { ParseError } from '../model/errors.js';
import type { Device } from '../model/types.js';

import { DETECT_THRESHOLD, detectHead } from './detect.js';

/** The adapter's own error (excerpts capped by ParseError), or one that says no more than where. */
export function guardedParse(adapter: Adapter, text: string, file: string, companions: Record<string, string> | undefined, forced: boolean): Device {
  try {
    return adapter.parse(text, file, companions);
  } catch (e) {
    if (e instanceof ParseError) {
      if (forced && !recognises(adapter, text, file))
        throw new ParseError(
          e.file,
          e.line,
          `not readable as ${adapter.label}, and its content does not look like one (the vendor was named, not detected): nothing of it is quoted`,
        );
      return rethrow(e);
    }
    // a RangeError from a recursion that went too deep, or a bug: either way no message of a
    // runtime's may carry a piece of the input out (JSON.parse's quotes the text it choked on)
    const what =
      e instanceof RangeError && /call stack/i.test(e.message)
        ? 'nested too deeply to read'
        : `the ${adapter.label} reader failed (${(e as Error)?.name ?? 'error'}); please report it`;
    throw new ParseError(file, undefined, `could not be read as ${adapter.label}: ${what}`);
  }
}

function rethrow(e: ParseError): never {
  throw e;
}

function recognises(adapter: Adapter, text: string, file: string): boolean {
  try {
    return adapter.detect(detectHead(text), file) >= DETECT_THRESHOLD;
  } catch {
    return false;
  }
}

/** A path outside the audited tree that a file named: where it was named, and the path. */
export interface OutsideRef {
  /** the file that named it, and the line (the adapter's note about the missing include, else 1) */
  file: string;
  line: number;
  path: string;
}

/** Refused companions as the user sees their paths. */
export function outsideRefs(refused: ReadonlyArray<{ path: string; file: string; line: number }>, shown: (p: string) => string): OutsideRef[] {
  return refused.map((r) => ({ file: shown(r.file), line: r.line, path: shown(r.path) }));
}
