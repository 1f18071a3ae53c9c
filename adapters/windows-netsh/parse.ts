/**
 * netsh advfirewall (and the NetSecurity cmdlets on the same store) → Device. The reading is
 * shared with windows-rras (windows-common/transcript.ts) so that a transcript holding both
 * kinds of output is read whole by whichever adapter detect picked.
 */
import type { Device } from '../../src/model/types.js';
import { parseWindowsTranscript } from '../windows-common/transcript.js';

export function parse(text: string, file: string): Device {
  return parseWindowsTranscript(text, file, 'windows-netsh');
}
