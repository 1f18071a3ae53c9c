/**
 * RRAS / Windows VPN client PowerShell output → Device. The reading is shared with
 * windows-netsh (windows-common/transcript.ts): a transcript that also holds netsh output is
 * read whole.
 */
import type { Device } from '../../src/model/types.js';
import { parseWindowsTranscript } from '../windows-common/transcript.js';

export function parse(text: string, file: string): Device {
  return parseWindowsTranscript(text, file, 'windows-rras');
}
