/**
 * FortiGate (FortiOS) adapter: configuration backups, `show` and `show full-configuration` output.
 * What it reads, units, defaults and what it cannot see: README.md beside this file.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { fixFortiGate } from './fix.js';
import { live } from './live.js';
import { parseFortiGate, VENDOR } from './parse.js';
import { fortigateState } from './state.js';

/** How much of a file detect looks at: headers and the first blocks are enough. */
const DETECT_WINDOW = 64 * 1024;

export function detectFortiGate(text: string, _fileName: string): number {
  const head = text.length > DETECT_WINDOW ? text.slice(0, DETECT_WINDOW) : text;
  // backup header: #config-version=FGT60F-7.2.5-… (FortiWiFi: FWF…, VM: FGVM…)
  if (/^#config-version=F[GW]/m.test(head)) return 1;
  if (/^[ \t]*config vpn ipsec (?:phase1|phase2)(?:-interface)?\s*$/m.test(head)) return 0.95;
  if (/^[ \t]*config vpn ipsec\s*$/m.test(head) && /^[ \t]*config phase[12]\s*$/m.test(head)) return 0.9;
  const fortiBlocks = /^[ \t]*config (?:system (?:global|interface|settings)|firewall (?:address|addrgrp|policy)|router static)\s*$/m.test(head);
  const fortiShape = /^[ \t]*edit \S/m.test(head) && /^[ \t]*next\s*$/m.test(head) && /^[ \t]*set \S/m.test(head);
  if (fortiBlocks && fortiShape) return 0.7;
  if (fortiBlocks) return 0.5;
  return 0;
}

export const adapter: Adapter = {
  id: VENDOR,
  label: 'FortiGate (FortiOS config backup / show output)',
  detect: detectFortiGate,
  parse: parseFortiGate,
  live,
  fix: fixFortiGate,
  state: fortigateState,
};
