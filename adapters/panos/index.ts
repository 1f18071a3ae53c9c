/**
 * Palo Alto Networks PAN-OS adapter: the running configuration as XML (`show config running`,
 * an exported running-config.xml, a Panorama export with templates) or in the set form
 * (`set cli config-output-format set`). What it reads, units, defaults and what it cannot see:
 * README.md beside this file.
 */
import type { Adapter } from '../../src/model/adapter.js';
import { fixPanos } from './fix.js';
import { live } from './live.js';
import { parsePanos, VENDOR } from './parse.js';
import { panosState } from './state.js';

const DETECT_WINDOW = 64 * 1024;

const CERTAIN = /<config\s[^>]*urldb="paloaltonetworks"/;

export function detectPanos(text: string, _fileName: string): number {
  const head = text.length > DETECT_WINDOW ? text.slice(0, DETECT_WINDOW) : text;
  // <config version="10.0.0" urldb="paloaltonetworks"> (firewall and Panorama, any attribute order)
  if (CERTAIN.test(head)) return 1;
  if (/<config[\s>]/.test(head) && /<devices>\s*<entry name="localhost\.localdomain"/.test(head)) return 0.95;
  // set form: the PAN-OS top-level words, with PAN-OS's own paths below them
  if (
    /^[ \t]*set (?:network (?:ike|tunnel ipsec|interface (?:ethernet|tunnel|loopback|aggregate-ethernet)|virtual-router)|template \S+ config network) /m.test(
      head,
    )
  )
    return 0.95;
  if (/^[ \t]*set (?:deviceconfig system|mgt-config users|shared (?:address|log-settings)|vsys vsys\d+ |rulebase security rules) /m.test(head)) return 0.9;
  // the default form (RANCID, Oxidized): PAN-OS's own block names
  if (/^[ \t]*(?:deviceconfig|localhost\.localdomain) \{\s*$/m.test(head)) return 0.9;
  if (/^[ \t]*network \{\s*$/m.test(head) && /^[ \t]*(?:ike|virtual-router|interface) \{\s*$/m.test(head)) return 0.9;
  return 0;
}

export const adapter: Adapter = {
  id: VENDOR,
  label: 'Palo Alto Networks PAN-OS (running config XML or set form, Panorama templates)',
  detect: detectPanos,
  // detectPanos returns 1 only from its first test
  detectBelowCertain: 0.95,
  detectCertain: (text) => CERTAIN.test(text.length > DETECT_WINDOW ? text.slice(0, DETECT_WINDOW) : text),
  parse: parsePanos,
  fix: fixPanos,
  live,
  state: panosState,
};
