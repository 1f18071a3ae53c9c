/**
 * FortiOS defaults for what `show` leaves out (it prints only values that differ from the default;
 * `show full-configuration` prints everything). Each default is the value and the line FortiOS
 * would print for it. Sources and confidence are in README.md ("Defaults"); the ones marked
 * ASSUMED there are not confirmed by a Fortinet parameter table.
 */

/** Value ranges FortiOS accepts (CLI reference, `keylife [120 – 172800]` …). */
export const RANGES = {
  keylife: [120, 172800],
  keylifeseconds: [120, 172800],
  keylifekbs: [5120, 4294967295],
  keepalive: [5, 900],
  'dpd-retryinterval': [1, 3600],
  'dpd-retrycount': [0, 10],
  protocol: [0, 255],
} as const satisfies Record<string, readonly [number, number]>;

export const DEFAULTS = {
  phase1: {
    'ike-version': '1',
    type: 'static',
    mode: 'main',
    authmethod: 'psk',
    keylife: 86400,
    // ASSUMED: what FortiOS 6.x/7.x fills in for a new phase1 (see README)
    proposal: 'aes128-sha256 aes256-sha256 aes128-sha1 aes256-sha1',
    dhgrp: '14 5',
    nattraversal: 'enable',
    keepalive: 10,
    dpd: 'on-demand',
    'dpd-retrycount': 3,
    'dpd-retryinterval': 20,
    'local-gw': '0.0.0.0',
    'remote-gw': '0.0.0.0',
    xauthtype: 'disable',
    status: 'enable',
  },
  phase2: {
    // ASSUMED: the initial phase2 list since FortiOS 6.0.1 (see README)
    proposal: 'aes128-sha1 aes256-sha1 aes128-sha256 aes256-sha256 aes128gcm aes256gcm chacha20poly1305',
    pfs: 'enable',
    dhgrp: '14 5',
    'keylife-type': 'seconds',
    keylifeseconds: 43200,
    keylifekbs: 5120,
    encapsulation: 'tunnel-mode',
    protocol: 0,
    'addr-type': 'subnet',
    subnet: '0.0.0.0 0.0.0.0',
    subnet6: '::/0',
  },
} as const;
