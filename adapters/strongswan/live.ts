/**
 * strongSwan live: no configuration is pulled (a host's configuration is several files holding
 * secrets in clear: copy them), but its runtime state is read over SSH exec with
 * `swanctl --list-sas` (adapters/strongswan/state.ts), which prints SPIs and never keys.
 */
import type { Live } from '../../src/model/live.js';

export const live: Live = {
  commands: [],
  dialect: {
    kind: 'exec',
    // swanctl's own refusals: no vici socket, no permission
    errorLine: /^(Error: .*|connecting to '.*' failed.*|swanctl: .*)$/,
    plan: (commands) => commands.map((c) => [c]),
  },
  snapshot: { extension: '.txt', redact: [], volatile: [] },
};
