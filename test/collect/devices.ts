/**
 * What the emulated devices print, built from the repo's own fixtures: an ASA and an IOS router
 * answer `show running-config …` from a running config (with their keyword and `| section` /
 * `| include` filters), a FortiGate and a Windows box replay a saved session command by command,
 * and a RouterOS answers API `print`s from entries written here.
 */
import { fixturePath, readText } from '../helpers.js';
import type { DeviceScript, RouterOsScript } from './emulators.js';

/** Top-level blocks of a Cisco config: a line at column 0 and the indented lines under it. */
function blocks(config: string): string[][] {
  const out: string[][] = [];
  for (const line of config.split('\n')) {
    if (line.trim() === '' || line.trim() === '!' || line.startsWith(':')) continue;
    if (/^\s/.test(line) && out.length) out[out.length - 1].push(line);
    else out.push([line]);
  }
  return out;
}

/** ASA `show running-config [all] KEYWORD…`: the blocks whose first line starts with the keywords. */
export function asaAnswer(config: string): (cmd: string) => string | undefined {
  const bs = blocks(config);
  return (cmd) => {
    const m = /^show running-config(?: all)?(?: (.+))?$/.exec(cmd);
    if (!m) return undefined;
    if (!m[1]) return bs.map((b) => b.join('\n')).join('\n');
    const kw = m[1].trim();
    return bs
      .filter((b) => b[0] === kw || b[0].startsWith(`${kw} `))
      .map((b) => b.join('\n'))
      .join('\n');
  };
}

/** IOS `show running-config | section RE` / `| include RE`. */
export function iosAnswer(config: string): (cmd: string) => string | undefined {
  const bs = blocks(config);
  return (cmd) => {
    const m = /^show running-config(?: \| (section|include) (.+))?$/.exec(cmd);
    if (!m) return undefined;
    if (!m[1]) return config;
    const re = new RegExp(m[2]);
    if (m[1] === 'include')
      return config
        .split('\n')
        .filter((l) => re.test(l))
        .join('\n');
    return bs
      .filter((b) => re.test(b[0]))
      .map((b) => b.join('\n'))
      .join('\n');
  };
}

/** A saved session → command → output, cut at the prompt lines. */
export function sessionMap(text: string, prompt: RegExp): Map<string, string> {
  const map = new Map<string, string>();
  let cmd: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (cmd) map.set(cmd, lines.join('\n').replace(/\n+$/, ''));
  };
  for (const line of text.split('\n')) {
    const m = prompt.exec(line);
    if (m) {
      flush();
      cmd = m[1].trim();
      lines = [];
    } else lines.push(line);
  }
  flush();
  return map;
}

export const ASA_CONFIG = readText(fixturePath('asa', 'asa-hq-running-config.txt'));
export const IOS_CONFIG = readText(fixturePath('ios', 'br1-rtr-running-config.cfg'));
export const FGT_SESSION = readText(fixturePath('fortigate', 'hq-show-full-session.txt'));
export const WIN_SESSION = `${readText(fixturePath('windows-netsh', 'gateway-transcript.txt'))}\n${readText(fixturePath('windows-netsh', 'netipsec-powershell.txt'))}`;

export function asaScript(over: Partial<DeviceScript> = {}): DeviceScript {
  return {
    vendor: 'asa',
    hostname: 'asa-hq',
    user: 'netops',
    password: 'Lab-Login-Pw-1',
    enablePassword: 'Lab-Enable-Pw-1',
    answer: asaAnswer(ASA_CONFIG),
    pageLines: 20,
    ...over,
  };
}

export function iosScript(over: Partial<DeviceScript> = {}): DeviceScript {
  return {
    vendor: 'ios',
    hostname: 'br1-rtr',
    user: 'netops',
    password: 'Lab-Login-Pw-1',
    enablePassword: 'Lab-Enable-Pw-1',
    answer: iosAnswer(IOS_CONFIG),
    pageLines: 20,
    ...over,
  };
}

export function fortigateScript(over: Partial<DeviceScript> = {}): DeviceScript {
  const map = sessionMap(FGT_SESSION, /^FGT-HQ-01 # (.*)$/);
  map.set('show system interface', map.get('show system interface wan1') ?? '');
  return {
    vendor: 'fortigate',
    hostname: 'FGT-HQ-01',
    user: 'admin',
    password: 'Lab-Login-Pw-1',
    pageLines: 22,
    // a table the device has no entries in prints an empty config block
    answer: (cmd) =>
      map.get(cmd) ?? (/^show (full-configuration )?([a-z0-9 -]+)$/.test(cmd) ? `config ${cmd.replace(/^show (full-configuration )?/, '')}\nend` : undefined),
    ...over,
  };
}

export function windowsScript(over: Partial<DeviceScript> = {}): DeviceScript {
  const map = sessionMap(WIN_SESSION, /^(?:PS C:\\> |C:\\Windows\\system32>)(.*)$/);
  return { vendor: 'windows', hostname: 'WIN-GW01', user: 'netops', password: 'Lab-Login-Pw-1', answer: (cmd) => map.get(cmd), ...over };
}

/** A RouterOS 7 with one IKEv2 peer; the identity's secret is the fixture secret. */
export const ROUTEROS_SECRET = 'Ros-Api-Psk-9f3b';

export function routerOsScript(over: Partial<RouterOsScript> = {}): RouterOsScript {
  return {
    user: 'api',
    password: 'Lab-Api-Pw-1',
    menus: {
      '/system/resource': [{ '.id': '*0', version: '7.12.1 (stable)', uptime: '3w2d10h', 'board-name': 'RB5009UG+S+' }],
      '/system/identity': [{ name: 'ros-branch' }],
      '/ip/address': [
        { '.id': '*1', address: '203.0.113.2/24', network: '203.0.113.0', interface: 'ether1', disabled: 'false', dynamic: 'false', invalid: 'false' },
      ],
      '/ip/ipsec/profile': [
        {
          '.id': '*0',
          name: 'default',
          'hash-algorithm': 'sha1',
          'enc-algorithm': 'aes-128,3des',
          'dh-group': 'modp2048,modp1024',
          lifetime: '1d',
          'proposal-check': 'obey',
          'nat-traversal': 'true',
          'dpd-interval': '2m',
          'dpd-maximum-failures': '5',
          default: 'true',
        },
        {
          '.id': '*1',
          name: 'ike2-hq',
          'hash-algorithm': 'sha256',
          'enc-algorithm': 'aes-256',
          'dh-group': 'modp2048',
          lifetime: '8h',
          'proposal-check': 'obey',
          'nat-traversal': 'true',
          'dpd-interval': '2m',
          'dpd-maximum-failures': '5',
          'prf-algorithm': 'auto',
          default: 'false',
        },
      ],
      '/ip/ipsec/peer': [
        {
          '.id': '*1',
          name: 'hq',
          address: '198.51.100.7/32',
          'local-address': '203.0.113.2',
          profile: 'ike2-hq',
          'exchange-mode': 'ike2',
          passive: 'false',
          'send-initial-contact': 'true',
          disabled: 'false',
          dynamic: 'false',
          responder: 'false',
        },
      ],
      '/ip/ipsec/identity': [
        { '.id': '*1', peer: 'hq', 'auth-method': 'pre-shared-key', secret: ROUTEROS_SECRET, 'generate-policy': 'no', disabled: 'false', dynamic: 'false' },
      ],
      '/ip/ipsec/proposal': [
        {
          '.id': '*0',
          name: 'default',
          'auth-algorithms': 'sha1',
          'enc-algorithms': 'aes-256-cbc,aes-192-cbc,aes-128-cbc',
          lifetime: '30m',
          'pfs-group': 'modp1024',
          disabled: 'false',
          default: 'true',
        },
        {
          '.id': '*1',
          name: 'p2-hq',
          'auth-algorithms': 'sha256',
          'enc-algorithms': 'aes-256-cbc',
          lifetime: '1h',
          'pfs-group': 'modp2048',
          disabled: 'false',
          default: 'false',
        },
      ],
      '/ip/ipsec/policy': [
        {
          '.id': '*0',
          group: 'default',
          'src-address': '::/0',
          'dst-address': '::/0',
          protocol: 'all',
          template: 'true',
          proposal: 'default',
          disabled: 'false',
          dynamic: 'false',
          invalid: 'false',
          default: 'true',
        },
        {
          '.id': '*1',
          peer: 'hq',
          tunnel: 'true',
          'src-address': '10.20.0.0/16',
          'dst-address': '10.10.0.0/16',
          proposal: 'p2-hq',
          action: 'encrypt',
          level: 'require',
          'ipsec-protocols': 'esp',
          disabled: 'false',
          dynamic: 'false',
          invalid: 'false',
          active: 'true',
          'ph2-count': '1',
          'ph2-state': 'established',
        },
      ],
      '/ip/ipsec/policy/group': [{ '.id': '*0', name: 'default', default: 'true' }],
    },
    ...over,
  };
}

/** Secrets that appear in what the emulated devices print: none may reach a snapshot or any output. */
export const FIXTURE_SECRETS = [
  'Br1-Pre-Shared-Key-2024', // ASA ikev1 pre-shared-key
  'aws.Tunnel1.Key_x7Q',
  'Dyn-Default-L2L-Key',
  'Partner-Key-Branch1', // IOS keyring
  'Br4nch-07!shared', // Windows Auth1PSK
  ROUTEROS_SECRET,
  '5fH0kR2pZ2xIbWc4dUR6b0JjV1pGdmJ5Q0x0a3ZKc3p6bW9sY0VxR1JlWkpnS2lzT1NqZ0VnPT0=', // FortiGate ENC blob
  'Lab-Login-Pw-1',
  'Lab-Enable-Pw-1',
  'Lab-Api-Pw-1',
];
