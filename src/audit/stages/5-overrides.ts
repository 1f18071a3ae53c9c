/**
 * Stage 5 — the inventory's say: severity overrides (or `off`), then ignores. An ignore is checked
 * like a pair (a rule or tunnel that does not exist would silently ignore nothing); an expired
 * ignore suppresses nothing and is itself reported.
 */
import { ParseError } from '../../model/errors.js';
import type { Device } from '../../model/types.js';
import { ruleById } from '../../compare/rules/index.js';
import type { Severity } from '../../compare/types.js';
import type { ReportFinding } from '../../report/report.js';
import type { Inventory } from '../inventory.js';
import { resolveEnd } from './3-pair.js';

export interface Ignore {
  rule: string;
  reason: string;
  expires?: string;
  /** the tunnel end the ignore is limited to (resolved from `tunnel:`), as reports name it */
  end?: { device: string; tunnel: string };
}

export function resolveIgnores(inv: Inventory | undefined, byName: Map<string, Device>): Ignore[] {
  return (inv?.ignore ?? []).map((ig) => {
    if (ig.rule !== '*' && !ruleById(ig.rule))
      throw new ParseError(inv!.file, ig.line, `ignore: unknown rule "${ig.rule}" (ipsec-drift rules lists them; * for any)`);
    const out: Ignore = { rule: ig.rule, reason: ig.reason, expires: ig.expires };
    if (ig.tunnel) {
      const e = resolveEnd(ig.tunnel, byName, inv!, ig.line);
      out.end = { device: e.device.origin, tunnel: e.tunnel.name };
    }
    return out;
  });
}

function overrideSeverity(f: ReportFinding, inv: Inventory | undefined): ReportFinding | undefined {
  const o = inv?.rules[f.rule];
  if (!o) return f;
  if (o === 'off') return undefined;
  return { ...f, severity: o as Severity };
}

function matchesIgnore(f: ReportFinding, ig: Ignore): boolean {
  if (ig.rule !== f.rule && ig.rule !== '*') return false;
  if (!ig.end) return true;
  return [f.a?.end, f.b?.end].some((e) => e && e.device === ig.end!.device && e.tunnel === ig.end!.tunnel);
}

export interface Judged {
  kept: ReportFinding[];
  suppressed: Array<{ finding: ReportFinding; reason: string }>;
}

export function applyInventory(findings: ReportFinding[], inv: Inventory | undefined, ignores: Ignore[], now: Date, titleOf: (rule: string) => string): Judged {
  const today = now.toISOString().slice(0, 10);
  const suppressed: Judged['suppressed'] = [];
  const kept: ReportFinding[] = [];
  const active = ignores.filter((ig) => !ig.expires || ig.expires >= today);
  for (const f0 of findings) {
    const f = overrideSeverity(f0, inv);
    if (!f) continue;
    const ig = active.find((i) => matchesIgnore(f, i));
    if (ig) suppressed.push({ finding: f, reason: ig.reason });
    else kept.push(f);
  }
  for (const ig of inv?.ignore ?? []) {
    if (!ig.expires || ig.expires >= today) continue;
    kept.push({
      rule: 'expired-ignore',
      severity: 'warning',
      title: titleOf('expired-ignore'),
      message: `The ignore of ${ig.rule}${ig.tunnel ? ` on ${ig.tunnel}` : ''} expired on ${ig.expires} ("${ig.reason}")`,
      effect: 'The findings it suppressed are reported again.',
      setting: `ignore:${ig.rule}:${ig.tunnel ?? '*'}`,
      a: {
        end: { device: inv!.file, vendor: 'inventory', tunnel: ig.tunnel ?? '*' },
        setting: { value: ig.expires, raw: `expires: ${ig.expires}`, origin: 'explicit', at: { file: inv!.file, line: ig.line } },
      },
    });
  }
  return { kept, suppressed };
}
