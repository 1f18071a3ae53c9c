/** Symptom strings of the state rules: the Windows codes of the config rules, and the platforms' own log lines for an unknown SPI. */
import { S } from '../../compare/rules/symptoms.js';

export const T = {
  ...S,
  IOS_INV_SPI: 'IOS: "%CRYPTO-4-RECVD_PKT_INV_SPI: decaps: rec\'d IPSEC packet has invalid spi"',
  ASA_INV_SPI: 'ASA: "%ASA-4-402114: IPSEC: Received an ESP packet (SPI= …) … with an invalid SPI"',
  REPLAY: 'IOS: "%CRYPTO-4-PKT_REPLAY_ERR: decrypt: replay check failed"',
} as const;
