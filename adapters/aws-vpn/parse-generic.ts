/**
 * The "Generic" configuration text AWS offers for download (console: Download configuration,
 * vendor Generic), modelled on the examples in the AWS VPC Network Administrator Guide
 * (GenericConfig.md / GenericConfigNoBGP.md). It is AWS's *sample for the customer gateway*:
 * addresses, inside /30s and the pre-shared key are the tunnel's; the IKE/IPsec lines are the
 * minimum AWS suggests ("these sample configurations are for the minimum requirement of AES128,
 * SHA1, and DH Group 2"), not what the AWS end accepts — that is AWS's default set unless the
 * tunnel options were customized, which this text does not show (README.md).
 */
import { ParseError } from '../../src/model/errors.js';
import { isIpAddress } from '../../src/model/net.js';
import { pskFingerprint } from '../../src/model/secrets.js';
import type { Device, Diagnostic, InterfaceAddress } from '../../src/model/types.js';
import { type AwsTunnel, buildTunnel, tunnelName } from './build.js';

const FIELD = /^\s*-\s+([A-Za-z][A-Za-z0-9 ()-]*?)\s*:+\s*(.*?)\s*$/;

/** Generic text, not one of AWS's vendor samples (those prefix every line with `!` or `#`). */
export function looksGeneric(text: string): boolean {
  const head = text.slice(0, 32768);
  return (
    /^[ \t]*Your VPN Connection ID\s*:/m.test(head) &&
    /^[ \t]*IPSec Tunnel #1/m.test(head) &&
    /^[ \t]*-[ \t]+(Pre-Shared Key|Authentication Method)[ \t]*:/m.test(head)
  );
}

export function parseGeneric(text: string, file: string): Device {
  const lines = text.split('\n');
  let connectionId: string | undefined;
  const tunnels: AwsTunnel[] = [];
  let cur: AwsTunnel | undefined;
  let section: 'ike' | 'ipsec' | 'addresses-outside' | 'addresses-inside' | 'other' = 'other';
  const diagnostics: Diagnostic[] = [];
  lines.forEach((line, i) => {
    const at = { file, line: i + 1 };
    const id = /^\s*Your VPN Connection ID\s*:\s*(\S+)/.exec(line);
    if (id) connectionId = id[1];
    const tunnel = /^\s*IPSec Tunnel #(\d+)/i.exec(line);
    if (tunnel) {
      if (!connectionId) throw new ParseError(file, i + 1, 'expected "Your VPN Connection ID : vpn-…" before the first tunnel');
      cur = { connectionId, index: Number(tunnel[1]), at, enabled: true, outsideIp: { value: '', raw: '', origin: 'inferred' } };
      tunnels.push(cur);
      section = 'other';
      return;
    }
    if (/^\s*#1: Internet Key Exchange/i.test(line)) section = 'ike';
    else if (/^\s*#2: IPSec Configuration/i.test(line)) section = 'ipsec';
    else if (/^\s*Outside IP Addresses/i.test(line)) section = 'addresses-outside';
    else if (/^\s*Inside IP Addresses/i.test(line)) section = 'addresses-inside';
    else if (/^\s*#\d+:/.test(line)) section = 'other';
    const f = FIELD.exec(line);
    if (!f || !cur) return;
    const [, key, value] = f;
    const raw = line.trim();
    const read = <T>(v: T) => ({ value: v, raw, at, origin: 'inferred' as const });
    const seconds = () => {
      const m = /^(\d+)\s*seconds$/.exec(value);
      if (!m) throw new ParseError(file, i + 1, `expected "Lifetime : N seconds", found "${value}"`);
      return Number(m[1]);
    };
    if (key === 'IKE version') {
      const v = /^IKEv([12])$/.exec(value);
      if (!v) throw new ParseError(file, i + 1, `expected "IKE version : IKEv1" or "IKEv2", found "${value}"`);
      cur.sampleIkeVersion = read(Number(v[1]) as 1 | 2);
    } else if (key === 'Pre-Shared Key') {
      // the secret stops here: only its fingerprint and a redacted raw go on
      cur.psk = { value: pskFingerprint(value), raw: '- Pre-Shared Key           : <redacted>', at, origin: 'inferred' };
    } else if (key === 'Lifetime' && section === 'ike') cur.phase1Lifetime = read(seconds());
    else if (key === 'Lifetime' && section === 'ipsec') cur.phase2Lifetime = read(seconds());
    else if (key === 'Phase 1 Negotiation Mode' && (value === 'main' || value === 'aggressive')) cur.exchangeMode = read(value);
    else if (section === 'addresses-outside' && /^Customer Gateway/.test(key)) {
      if (isIpAddress(value)) cur.customerGatewayIp = read(value);
      else diagnostics.push({ level: 'warning', message: `customer gateway address "${value}" is a placeholder: pairing by address needs the real one`, at });
    } else if (section === 'addresses-outside' && /^(Virtual Private Gateway|VPN Gateway)/.test(key)) {
      if (!isIpAddress(value)) throw new ParseError(file, i + 1, `expected the AWS outside IP address, found "${value}"`);
      cur.outsideIp = read(value);
    }
  });
  if (!tunnels.length) throw new ParseError(file, 1, 'expected "IPSec Tunnel #1" sections of an AWS Generic configuration');
  for (const t of tunnels) {
    if (!t.outsideIp.value)
      throw new ParseError(file, t.at?.line ?? 1, `expected "Outside IP Addresses: … Virtual Private Gateway : <address>" in IPSec Tunnel #${t.index}`);
  }
  diagnostics.push({
    level: 'info',
    message:
      "AWS Generic configuration: its IKE/IPsec lines are AWS's sample for the customer gateway; the AWS end is taken to accept AWS's default algorithm sets (export `aws ec2 describe-vpn-connections` to read customized tunnel options)",
    at: tunnels[0].at,
  });
  const names = tunnels.map((t) => tunnelName(t.connectionId, t.index));
  const interfaces: InterfaceAddress[] = tunnels.map((t) => ({
    name: tunnelName(t.connectionId, t.index),
    address: t.outsideIp.value,
    ...(t.outsideIp.at ? { at: t.outsideIp.at } : {}),
  }));
  return { vendor: 'aws-vpn', hostname: connectionId ?? 'aws', origin: file, interfaces, tunnels: tunnels.map((t) => buildTunnel(t, names)), diagnostics };
}
