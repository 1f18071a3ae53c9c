/**
 * AWS Site-to-Site VPN as a tunnel end: `aws ec2 describe-vpn-connections` JSON and the "Generic"
 * configuration text. Read from exports only: no live collection (README.md).
 */
import type { Adapter } from '../../src/model/adapter.js';
import { ParseError } from '../../src/model/errors.js';
import type { Device } from '../../src/model/types.js';
import { awsFix } from './fix.js';
import { looksGeneric, parseGeneric } from './parse-generic.js';
import { parseDescribeJson } from './parse-json.js';

function looksJson(text: string): boolean {
  const head = text.slice(0, 65536);
  return /^\s*[{[]/.test(head) && /"VpnConnections?"\s*:/.test(head);
}

function parse(text: string, file: string): Device {
  if (looksJson(text)) return parseDescribeJson(text, file);
  if (looksGeneric(text)) return parseGeneric(text, file);
  if (text.trim() === '')
    throw new ParseError(file, 1, 'expected `aws ec2 describe-vpn-connections` JSON or an AWS Generic configuration, found an empty file');
  throw new ParseError(
    file,
    1,
    'expected `aws ec2 describe-vpn-connections` JSON ("VpnConnections") or an AWS Generic configuration ("IPSec Tunnel #1"), found neither',
  );
}

export const adapter: Adapter = {
  id: 'aws-vpn',
  label: 'AWS Site-to-Site VPN (describe-vpn-connections JSON, Generic configuration)',
  detectCeiling: 0.95,
  detect(text) {
    if (looksJson(text)) return 0.95;
    return looksGeneric(text) ? 0.9 : 0;
  },
  parse,
  // No `live`: the AWS end is an API object, not a device; it is read from what `aws ec2
  // describe-vpn-connections` prints (the user runs it with their own credentials), never
  // collected here.
  fix: awsFix,
};

export default adapter;
