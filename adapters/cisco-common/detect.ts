/**
 * ASA or IOS? Both print `crypto map` and `interface`; each has commands the other never has.
 * The score looks at the first 64 KB only (detect must be fast) and returns, per platform, a
 * confidence from 0 to 1 that the other adapter's score can be weighed against.
 */
const ASA_MARKS: RegExp[] = [
  /^ASA Version /m,
  /^: Saved/m,
  /^Cryptochecksum:/m,
  /^[ \t]*nameif \S+/m,
  /^[ \t]*security-level \d+/m,
  /^tunnel-group \S+ (type|ipsec-attributes|general-attributes)/m,
  /^[ \t]*crypto ikev[12] (enable|policy) /im,
  /^[ \t]*crypto ipsec ikev[12] /im,
  /^[ \t]*crypto map \S+ \d+ set ikev[12] /im,
  /^access-list \S+ (line \d+ )?extended /m,
  /^object(-group)? network /m,
  /^same-security-traffic /m,
  /^[ \t]*crypto isakmp nat-traversal/m,
  /<-+ More -+>/,
];

const IOS_MARKS: RegExp[] = [
  /^Building configuration/m,
  /^Current configuration : \d+ bytes/m,
  /^version 1[0-9]\.\d/m,
  /^[ \t]*crypto isakmp (key|profile|keepalive|nat keepalive) /m,
  /^[ \t]*crypto keyring /m,
  /^[ \t]*crypto ikev2 (keyring|profile|proposal) /m,
  /^[ \t]*crypto ipsec transform-set \S+ esp-\S+ (128|192|256)\b/m,
  /^ip access-list (extended|standard) /m,
  /^[ \t]*tunnel protection ipsec profile /m,
  /^crypto map \S+ \d+ ipsec-isakmp\s*$/m,
  /^ip route /m,
  /^router (bgp|ospf|eigrp) /m,
  /^access-list \d+ (permit|deny) /m,
  /^interface (GigabitEthernet|TenGigabitEthernet|FastEthernet|Ethernet|Loopback|Tunnel|Dialer|Cellular)\S*\s*$/m,
];

function hits(text: string, marks: RegExp[]): number {
  return marks.filter((m) => m.test(text)).length;
}

/** Has this text any Cisco crypto/interface structure at all? */
function looksCisco(text: string): boolean {
  return /^[ \t]*(crypto (map|ikev[12]|isakmp|ipsec|dynamic-map|keyring)|tunnel-group |interface |hostname |access-list )/m.test(text);
}

/**
 * Lines only SA listings print (`show crypto ipsec sa`, `show crypto ikev1|ikev2|isakmp sa`,
 * `show crypto session`, `show vpn-sessiondb`): those belong to the state readers. Old ASA
 * `show crypto ipsec sa` even quotes the crypto ACL (`      access-list 2 extended permit …`).
 */
const SA_LISTING =
  /^[ \t]*(#pkts encaps|current_peer|local ident \(addr\/mask\/prot\/port\)|inbound esp sas|Crypto map tag:|IKE Peer:|IKEv[12] SAs:|Tunnel-id Local|Session-id:|Session status:|Active SA: \d|IPv4 Crypto ISAKMP SA|Peer-id\s*:|Index\s*:\s*\d)/m;

/** A top-level configuration command at the left margin: a config (or a session holding one). */
const CONFIG_AT_MARGIN =
  /^(crypto (map \S+ (\d+|interface)|ikev[12] (policy|enable)|isakmp (policy|key)|ipsec (ikev[12] )?(transform-set|ipsec-proposal|profile))|tunnel-group \S+ |interface \S+\s*$|hostname \S+\s*$)/m;

/** How much of the text a platform's header is looked for in (as src/read/detect.ts's `announcedBy`). */
const HEADER_WINDOW = 512;

/**
 * `show running-config` on an ASA prints its `: Saved` / `: Serial Number` comment block, then
 * `ASA Version 9.2(2)4` — a line no other platform prints (FTD says `NGFW Version`, PIX `PIX
 * Version`): the text is an ASA configuration, whatever follows. Real: ../shared/real-configs/asa/
 * azure-asa-9.2-show-running-config-ikev1-crypto-map.txt (a session: the prompt line comes first).
 */
const ASA_HEADER = /^ASA Version \d/m;

/**
 * IOS and IOS-XE `show running-config` start with `Building configuration...`, a blank line and
 * `Current configuration : 1265 bytes` (Packet Tracer and lab write-ups of `show run` on 15.x
 * routers and switches, and netmiko captures of IOS-XE 16/17). IOS-XR prints `!! IOS XR
 * Configuration` instead of the byte count; Ruckus/Brocade `Current configuration:` has no count.
 */
const IOS_HEADER = /^Current configuration : \d+ bytes$/m;

function startOf(text: string): string {
  return text.length > HEADER_WINDOW ? text.slice(0, HEADER_WINDOW) : text;
}

/** Certainly an ASA configuration: its header line near the top. */
export function asaCertain(text: string): boolean {
  return ASA_HEADER.test(startOf(text));
}

/** Certainly an IOS/IOS-XE configuration: its header line near the top (and no ASA header). */
export function iosCertain(text: string): boolean {
  const start = startOf(text);
  return IOS_HEADER.test(start) && !ASA_HEADER.test(start);
}

/** The text last scored and its scores: detection asks the ASA adapter, then the IOS one, about the same text. */
let last: { text: string; scores: { asa: number; ios: number } } | undefined;

export function ciscoScores(text: string): { asa: number; ios: number } {
  if (last?.text === text) return { ...last.scores };
  const scores = score(text);
  // a flat copy (at most 64 KB), not the caller's string: a slice of a file would keep the whole file alive
  const head = text.slice(0, 65536);
  last = head.length === text.length ? { text: ` ${head}`.slice(1), scores } : undefined;
  return { ...scores };
}

function score(text: string): { asa: number; ios: number } {
  const head = text.slice(0, 65536);
  if (!looksCisco(head)) return { asa: 0, ios: 0 };
  if (SA_LISTING.test(head) && !CONFIG_AT_MARGIN.test(head)) return { asa: 0, ios: 0 };
  const a = hits(head, ASA_MARKS);
  const i = hits(head, IOS_MARKS);
  const conf = (mine: number, other: number): number => {
    if (mine === 0 && other === 0) return 0.3; // Cisco-shaped, no flavour: either adapter may take it
    if (mine === 0) return 0.1;
    const base = Math.min(0.95, 0.6 + 0.1 * mine);
    return mine >= other ? base : Math.max(0.2, base - 0.15 * (other - mine));
  };
  const round = (x: number): number => Math.round(x * 100) / 100;
  return { asa: round(conf(a, i)), ios: round(conf(i, a)) };
}
