/**
 * strongSwan: swanctl.conf (the vici/swanctl form) and the legacy ipsec.conf (+ ipsec.secrets),
 * two parse paths under one adapter. The form is told from the content.
 */
import type { Adapter, CompanionRef } from '../../src/model/adapter.js';
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { strongswanFix } from './fix.js';
import { strongswanState } from './state.js';
import { parseIpsecConf } from './ipsec-conf.js';
import { parseSwanctl } from './swanctl.js';
import { ipsecIncludeRefs } from './ipsec-conf.js';
import { swanctlIncludeRefs } from './swanctl-syntax.js';
import { basename, dirname, join } from 'node:path';

export { parseSwanctl } from './swanctl.js';
export { parseIpsecConf, ipsecIncludePatterns, type IpsecConfOptions } from './ipsec-conf.js';
export { swanctlIncludePatterns } from './swanctl-syntax.js';
export { formOf } from './fix.js';

/** Lines without `#` comments, from the first 16 KB: detect looks at structure, not prose. */
function significant(text: string): string {
  return text
    .slice(0, 16384)
    .split('\n')
    .map((l) => l.replace(/(^|\s)#.*$/, ''))
    .join('\n');
}

const SWANCTL_SECTION = /^[ \t]*(connections|secrets)\s*(:[^{\n]*)?\{/m;
const SWANCTL_KEYS = /^[ \t]*(children|local|remote)\s*\{|^[ \t]*(local_ts|remote_ts|remote_addrs|local_addrs|esp_proposals|rekey_time)\s*=/m;
const IPSEC_CONN = /^conn\s+\S+\s*$/m;
const IPSEC_SETUP = /^config\s+setup\s*$/m;
const IPSEC_PARAMS = /^[ \t]+(left|right|leftsubnet|rightsubnet|leftid|rightid|keyexchange|authby|ike|esp|auto|ikelifetime)\s*=/m;

export type StrongswanForm = 'swanctl' | 'ipsec.conf' | 'ipsec.secrets';

function scores(text: string, fileName: string): { swanctl: number; ipsec: number; secrets: boolean } {
  const t = significant(text);
  let swanctl = 0;
  if (SWANCTL_SECTION.test(t)) swanctl = SWANCTL_KEYS.test(t) ? 0.95 : 0.8;
  else if (/swanctl/i.test(fileName) && /^[ \t]*include\s+\S/m.test(t)) swanctl = 0.6;
  let ipsec = 0;
  if (IPSEC_CONN.test(t)) ipsec = IPSEC_PARAMS.test(t) ? (IPSEC_SETUP.test(t) ? 0.95 : 0.9) : 0.5;
  else if (IPSEC_SETUP.test(t)) ipsec = 0.6;
  if (/ipsec\.conf$/i.test(fileName) && ipsec > 0) ipsec = Math.min(1, ipsec + 0.05);
  if (/swanctl\.conf$/i.test(fileName) && swanctl > 0) swanctl = Math.min(1, swanctl + 0.05);
  const secrets = /(^|\s):\s*(PSK|RSA|ECDSA|EAP|XAUTH)\s/m.test(t) && !IPSEC_CONN.test(t) && !SWANCTL_SECTION.test(t);
  return { swanctl, ipsec, secrets };
}

/** Which strongSwan file this is, or undefined when it is none of them. */
export function strongswanForm(text: string, fileName: string): StrongswanForm | undefined {
  const s = scores(text, fileName);
  if (s.swanctl === 0 && s.ipsec === 0) return s.secrets ? 'ipsec.secrets' : undefined;
  return s.swanctl >= s.ipsec ? 'swanctl' : 'ipsec.conf';
}

/**
 * ipsec.secrets lives beside ipsec.conf (/etc/ipsec.conf and /etc/ipsec.secrets). A repository of
 * several hosts names them per host (`moon.ipsec.conf` + `moon.ipsec.secrets`, as strongSwan's own
 * testing tree is often flattened): that name is tried first.
 */
function secretsPathsFor(file: string): string[] {
  const dir = dirname(file);
  const base = basename(file);
  const host = /^(.+)\.ipsec\.conf$/i.exec(base);
  const own = join(dir, 'ipsec.secrets');
  return host ? [join(dir, `${host[1]}.ipsec.secrets`), own] : [own];
}

function companions(text: string, file: string): CompanionRef[] {
  const form = strongswanForm(text, file);
  if (form === 'swanctl') return swanctlIncludeRefs(text, file);
  if (form === 'ipsec.conf') return [...ipsecIncludeRefs(text, file), ...secretsPathsFor(file).map((path) => ({ path }))];
  if (form === 'ipsec.secrets') return ipsecIncludeRefs(text, file);
  return [];
}

function parse(text: string, file: string, extra?: Record<string, string>): Device {
  const form = strongswanForm(text, file);
  if (form === 'swanctl') return parseSwanctl(text, file, extra);
  if (form === 'ipsec.conf') {
    const candidates = secretsPathsFor(file);
    const secretsFile = candidates.find((p) => extra?.[p] !== undefined) ?? candidates[candidates.length - 1];
    return parseIpsecConf(text, file, extra?.[secretsFile], { secretsFile, includes: extra });
  }
  if (form === 'ipsec.secrets') {
    throw new ParseError(file, 1, 'this is an ipsec.secrets file: compare the ipsec.conf (its secrets are read together with it)');
  }
  if (text.trim() === '') throw new ParseError(file, 1, 'expected swanctl.conf or ipsec.conf content, found an empty file');
  throw new ParseError(file, 1, 'expected swanctl.conf "connections { … }" or ipsec.conf "conn NAME" sections, found neither');
}

export const adapter: Adapter = {
  id: 'strongswan',
  label: 'strongSwan (swanctl.conf / ipsec.conf)',
  detect(text, fileName) {
    const s = scores(text, fileName);
    return Math.max(s.swanctl, s.ipsec);
  },
  // 1 only with the file name's 0.05 on a 0.95: every other file is told without reading its text.
  // Short of 1 the most is that 0.05 on a 0.9, added as scores adds it (0.9500000000000001)
  detectBelowCertain: 0.9 + 0.05,
  detectCertain(text, fileName) {
    if (!/(?:ipsec|swanctl)\.conf$/i.test(fileName)) return false;
    const s = scores(text, fileName);
    return Math.max(s.swanctl, s.ipsec) === 1;
  },
  parse,
  companions,
  // Read from files, not collected live: a strongSwan host's configuration is several files
  // (swanctl.conf and its includes, or ipsec.conf + ipsec.secrets) that hold the secrets in clear.
  fix: strongswanFix,
  state: strongswanState,
};

export default adapter;
