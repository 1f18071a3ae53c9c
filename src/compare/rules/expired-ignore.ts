import type { InputRule } from '../types.js';

export const rule: InputRule = {
  id: 'expired-ignore',
  title: 'An ignore in the inventory has expired',
  severity: 'warning',
  scope: 'input',
  symptoms: ['Findings that were accepted for a time are reported again'],
  explain:
    'Ignores in the tunnel inventory carry a reason and may carry an expiry date: the time by which the difference was meant to be fixed. After that date the ignore no longer suppresses anything and is itself reported, so a temporary exception cannot quietly become permanent. Fix the difference, or renew the ignore with a new date and reason.',
};
