/**
 * Error codes users arrive with (Windows event logs and netsh/PowerShell messages), what they
 * point at, and which settings to look at. `ipsec-drift explain CODE` reads this table and the
 * rules' symptoms. Source: Microsoft "System Error Codes (12000-15999)", ntstatus.h.
 */
export interface ErrorCode {
  name: string;
  codes: number[];
  meaning: string;
  check: string[];
}

export const ERROR_CODES: ErrorCode[] = [
  {
    name: 'ERROR_IPSEC_IKE_QM_EXPIRED',
    codes: [13895, 0x3647],
    meaning: 'A quick mode (phase 2) SA expired or was deleted while still in use — the classic drop at the first rekey.',
    check: [
      'Phase 2 lifetime on both ends, in their units: netsh `QuickModeSecMethods … +60min+100000kb` (minutes/KB), RRAS `SALifeTimeSeconds` (seconds), FortiGate `keylifeseconds`, pfSense `<lifetime>` (seconds), ASA `set security-association lifetime seconds`, MikroTik proposal `lifetime=` (time string)',
      'A value typed in minutes on one side and seconds on the other (×60)',
      'PFS: `QuickModePFS` / RRAS `-PfsGroup` vs the other side (a PFS mismatch breaks at the first rekey)',
    ],
  },
  {
    name: 'STATUS_IPSEC_BAD_SPI',
    codes: [0xc0360001],
    meaning:
      'A packet arrived for an SA (SPI) this end no longer has: the other end is still using an SA this end already rekeyed or deleted, or NAT rewrote the flow.',
    check: [
      'Phase 2 lifetimes (seconds and kilobytes) on both ends: the end with the shorter one deletes first',
      "NAT-T: `netsh advfirewall show global` IPsecThroughNAT / registry AssumeUDPEncapsulationContextOnSendRule vs the other end's NAT traversal",
      'DPD: an end with DPD off keeps a dead SA after the other end restarts',
    ],
  },
  {
    name: 'ERROR_IPSEC_BAD_SPI',
    codes: [13910, 0x3656],
    meaning: 'Win32 twin of STATUS_IPSEC_BAD_SPI: traffic on an SA this end no longer has.',
    check: ['As for STATUS_IPSEC_BAD_SPI: phase 2 lifetimes, NAT-T, DPD'],
  },
  {
    name: 'ERROR_IPSEC_IKE_ATTRIB_FAIL',
    codes: [13802, 0x35ea],
    meaning: 'The peer did not accept a proposed attribute (algorithm, group, lifetime).',
    check: ['Phase 1 and phase 2 proposal lists on both ends', 'DH / PFS groups'],
  },
  {
    name: 'ERROR_IPSEC_IKE_POLICY_MATCH',
    codes: [13868, 0x362c],
    meaning: 'No matching policy or proposal: "policy match error".',
    check: [
      'Phase 1 proposals (MainModeSecMethods / RRAS -EncryptionMethod -IntegrityCheckMethod -DHGroup)',
      'Phase 2 proposals and PFS',
      'Authentication method',
    ],
  },
  {
    name: 'ERROR_IPSEC_IKE_NO_POLICY',
    codes: [13825, 0x3601],
    meaning: 'No policy configured for the proposed traffic.',
    check: ["Traffic selectors: Endpoint1/Endpoint2 of the connection security rule vs the other end's local/remote subnets (must be mirror images)"],
  },
  {
    name: 'ERROR_IPSEC_IKE_INVALID_GROUP',
    codes: [13865, 0x3629],
    meaning: 'Invalid Diffie-Hellman group.',
    check: ['DH group of phase 1 and the PFS group of phase 2 on both ends'],
  },
  {
    name: 'ERROR_IPSEC_IKE_INVALID_RESPONDER_LIFETIME_NOTIFY',
    codes: [13879, 0x3637],
    meaning: 'The responder answered with a phase 2 lifetime below the allowed minimum.',
    check: ['Phase 2 lifetime of the other end (a value in seconds typed where minutes were meant, or the reverse)'],
  },
  {
    name: 'ERROR_IPSEC_IKE_MM_EXPIRED',
    codes: [13885, 0x363d],
    meaning: 'The main mode (phase 1) SA expired.',
    check: [
      'Phase 1 lifetime on both ends: netsh KeyLifetime / mmkeylifetime (minutes), RRAS MMSALifeTime (seconds), FortiGate keylife, ASA ikev1 policy lifetime',
    ],
  },
  {
    name: 'ERROR_IPSEC_IKE_SIMULTANEOUS_REKEY',
    codes: [13821, 0x35fd],
    meaning: 'Both ends rekeyed at once.',
    check: ['Lifetimes equal or nearly equal on both ends with no jitter; make one clearly shorter or align exactly'],
  },
  {
    name: 'ERROR_IPSEC_IKE_AUTH_FAIL',
    codes: [13801, 0x35e9],
    meaning: 'IKE authentication failed.',
    check: ['Pre-shared key (Auth1PSK / -SharedSecret) vs the other end', 'Authentication method (PSK vs certificate)', 'Identities'],
  },
  {
    name: 'ERROR_IPSEC_IKE_TIMED_OUT',
    codes: [13805, 0x35ed],
    meaning: 'No answer from the peer.',
    check: ["Peer address (RemoteTunnelEndpoint / -Destination) is the other end's address", 'IKE version', 'NAT-T and UDP 500/4500 reachability'],
  },
];

/** `0x00003647`, `0x3647`, `13895`, `ERROR_IPSEC_IKE_QM_EXPIRED` → the code entry. */
export function lookupCode(text: string): ErrorCode | undefined {
  const t = text.trim();
  if (/^(0x[0-9a-f]+|\d+)$/i.test(t)) {
    const n = Number(t);
    return ERROR_CODES.find((c) => c.codes.includes(n));
  }
  return ERROR_CODES.find((c) => c.name === t.toUpperCase());
}

/** Every numeric code a symptom string mentions (`(13895 / 0x00003647)`). */
export function codesIn(symptom: string): number[] {
  return [...symptom.matchAll(/\b(0x[0-9a-fA-F]+|\d{4,})\b/g)].map((m) => Number(m[1]));
}
