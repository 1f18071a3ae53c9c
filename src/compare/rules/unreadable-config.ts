import type { InputRule } from '../types.js';

export const rule: InputRule = {
  id: 'unreadable-config',
  title: 'A configuration file in the audited tree could not be read',
  severity: 'error',
  scope: 'input',
  symptoms: ['Tunnels on this device are not checked at all'],
  explain:
    'The file was recognised as a device configuration (or named in the inventory) but could not be parsed: the message gives the line and what was expected. Its tunnels are missing from the audit, so drift against it goes unseen; the rest of the audit still runs. Fix the file (a truncated export, an edit that broke the syntax) or exclude it.',
};
