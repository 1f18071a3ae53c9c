/**
 * Reading what charon did: `swanctl --list-sas --pretty` (the vici response as nested blocks) and
 * charon's log (the notifies and the responder's reasons), and the class of a whole run. Pure.
 */
import type { ChildResult, DirectionResult, LabClass } from './types.js';

/** A vici message as swanctl --pretty prints it: sections, key = value, key = [ list ]. */
export type ViciValue = string | string[] | ViciSection;
export interface ViciSection {
  [key: string]: ViciValue;
}

/** `list-sa event { lab { … } }` blocks (one per IKE_SA) → the sections they hold. */
export function parsePretty(text: string): Array<{ event: string; body: ViciSection }> {
  const out: Array<{ event: string; body: ViciSection }> = [];
  const stack: ViciSection[] = [];
  let list: string[] | undefined;
  let top: { event: string; body: ViciSection } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (list) {
      if (line === ']') list = undefined;
      else list.push(line);
      continue;
    }
    const open = /^(.+?) \{$/.exec(line);
    if (open) {
      const section: ViciSection = {};
      if (stack.length === 0) {
        top = { event: open[1], body: section };
        out.push(top);
      } else stack[stack.length - 1][open[1]] = section;
      stack.push(section);
      continue;
    }
    if (line === '}') {
      stack.pop();
      continue;
    }
    const kv = /^(\S+) = (.*)$/.exec(line);
    if (kv && stack.length) {
      if (kv[2] === '[') {
        list = [];
        stack[stack.length - 1][kv[1]] = list;
      } else stack[stack.length - 1][kv[1]] = kv[2];
    }
  }
  return out;
}

export interface ChildSa {
  name: string;
  uniqueid: number;
  state: string;
  proposal: string;
  dhGroup?: string;
  localTs: string[];
  remoteTs: string[];
}

export interface IkeSa {
  name: string;
  uniqueid: number;
  state: string;
  version: number;
  initiator: boolean;
  proposal: string;
  children: ChildSa[];
}

function str(v: ViciValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function arr(v: ViciValue | undefined): string[] {
  return Array.isArray(v) ? v : [];
}

function alg(s: ViciSection, withPrf: boolean): string {
  const enc = str(s['encr-alg']);
  const size = str(s['encr-keysize']);
  const parts = [enc ? (size ? `${enc}-${size}` : enc) : undefined, str(s['integ-alg']), withPrf ? str(s['prf-alg']) : undefined, str(s['dh-group'])];
  return parts.filter(Boolean).join('/');
}

/** The IKE_SAs (with their CHILD_SAs) of a `swanctl --list-sas --pretty` output. */
export function parseListSas(text: string): IkeSa[] {
  const out: IkeSa[] = [];
  for (const ev of parsePretty(text)) {
    if (ev.event !== 'list-sa event') continue;
    for (const [name, v] of Object.entries(ev.body)) {
      if (typeof v !== 'object' || Array.isArray(v)) continue;
      const children: ChildSa[] = [];
      const cs = v['child-sas'];
      if (cs && typeof cs === 'object' && !Array.isArray(cs)) {
        for (const c of Object.values(cs)) {
          if (typeof c !== 'object' || Array.isArray(c)) continue;
          const protocol = str(c.protocol) ?? 'ESP';
          children.push({
            name: str(c.name) ?? '',
            uniqueid: Number(str(c.uniqueid) ?? 0),
            state: str(c.state) ?? '',
            proposal: `${protocol}:${alg(c, false)}`,
            dhGroup: str(c['dh-group']),
            localTs: arr(c['local-ts']),
            remoteTs: arr(c['remote-ts']),
          });
        }
      }
      out.push({
        name,
        uniqueid: Number(str(v.uniqueid) ?? 0),
        state: str(v.state) ?? '',
        version: Number(str(v.version) ?? 0),
        initiator: str(v.initiator) === 'yes',
        proposal: alg(v, true),
        children,
      });
    }
  }
  return out;
}

/** Error notifies that decide an outcome (INVALID_KE_PAYLOAD included: it is reported, though a
 *  responder's INVALID_KE_PAYLOAD in IKE_SA_INIT is normally followed by a retry that succeeds). */
const NOTIFY =
  /\b(NO_PROPOSAL_CHOSEN|AUTHENTICATION_FAILED|TS_UNACCEPTABLE|INVALID_KE_PAYLOAD|INVALID_ID_INFORMATION|INVALID_MAJOR_VERSION|INVALID_SYNTAX|SINGLE_PAIR_REQUIRED|NO_ADDITIONAL_SAS|INTERNAL_ADDRESS_FAILURE|FAILED_CP_REQUIRED|INVALID_KEY_INFORMATION|INVALID_HASH_INFORMATION|INVALID_PAYLOAD_TYPE|PAYLOAD_MALFORMED|ATTRIBUTES_NOT_SUPPORTED|INVALID_EXCHANGE_TYPE|UNSUPPORTED_CRITICAL_PAYLOAD)\b/;

/** Every error notify a log mentions as received or sent, in order of first appearance. */
export function notifiesIn(log: string): string[] {
  const out: string[] = [];
  for (const line of log.split('\n')) {
    if (!/(received|sending|generating|parsed)/.test(line)) continue;
    const m = NOTIFY.exec(line);
    // "N(NO_PROP)" in an [ENC] summary is charon's short form: map the common ones
    const short = /N\((NO_PROP|AUTH_FAILED|TS_UNACCEPT|INVAL_KE|INVAL_ID|INVAL_SYN)\)/.exec(line);
    const name = m?.[1] ?? (short ? SHORT_NOTIFY[short[1]] : undefined);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

const SHORT_NOTIFY: Record<string, string> = {
  NO_PROP: 'NO_PROPOSAL_CHOSEN',
  AUTH_FAILED: 'AUTHENTICATION_FAILED',
  TS_UNACCEPT: 'TS_UNACCEPTABLE',
  INVAL_KE: 'INVALID_KE_PAYLOAD',
  INVAL_ID: 'INVALID_ID_INFORMATION',
  INVAL_SYN: 'INVALID_SYNTAX',
};

/** Lines in which charon says why something was refused (either end), without timestamps. */
const REASON =
  /(no acceptable proposal found|no proposal found|no matching proposal found|no IKE config found[^\n]*|no peer config found|no matching peer config found|no matching CHILD_SA config found|MAC mismatched|tried \d+ shared key[^\n]*|traffic selectors [^\n]*unacceptable|selecting traffic selectors[^\n]*failed|received proposals: [^\n]*|configured proposals: [^\n]*|giving up after \d+ retransmits|peer not responding|establishing IKE_SA failed[^\n]*|establishing CHILD_SA[^\n]*failed|unable to install[^\n]*|DH group [^\n]* unacceptable[^\n]*|peer didn't accept DH group[^\n]*|invalid DH group|no shared key found[^\n]*|message parsing failed|integrity check failed|received (?:NO_PROPOSAL_CHOSEN|AUTHENTICATION_FAILED|TS_UNACCEPTABLE|INVALID_KE_PAYLOAD|INVALID_ID_INFORMATION|INVALID_SYNTAX|SINGLE_PAIR_REQUIRED|NO_ADDITIONAL_SAS|INVALID_KEY_INFORMATION|INVALID_HASH_INFORMATION|PAYLOAD_MALFORMED) (?:error )?notify[^\n]*|received INVALID_MAJOR_VERSION[^\n]*|unsupported IKE version[^\n]*)/;

export function reasonsIn(log: string, max = 8): string[] {
  const out: string[] = [];
  for (const line of log.split('\n')) {
    const m = REASON.exec(line);
    if (!m) continue;
    const text = m[0].trim();
    if (!out.includes(text)) out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

/** Did the CHILD_SA come up with the selectors the initiator asked for? Order-insensitive. */
export function isNarrowed(configured: { local: string[]; remote: string[] }, installed: { local: string[]; remote: string[] }): boolean {
  const norm = (xs: string[]) =>
    xs
      .map((x) => x.replace(/\[.*\]$/, ''))
      .sort()
      .join(',');
  return norm(configured.local) !== norm(installed.local) || norm(configured.remote) !== norm(installed.remote);
}

/** A direction came up when its IKE_SA and every CHILD_SA it initiated are established. */
export function directionUp(d: DirectionResult): boolean {
  return d.ikeEstablished && d.children.length > 0 && d.children.every((c: ChildResult) => c.established);
}

/** The class of a run over the directions tried (see LabClass). */
export function classify(directions: DirectionResult[]): LabClass {
  const up = directions.filter(directionUp);
  if (up.length === 0) return 'fails-at-setup';
  if (up.length < directions.length) return 'one-way';
  if (up.some((d) => d.rekeys.some((r) => !r.ok))) return 'breaks-at-rekey';
  return 'works';
}
