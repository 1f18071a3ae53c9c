/**
 * The effect of the netsh / NetSecurity change commands in a transcript (windows-common/changes.ts
 * parses them) on the objects read before them:
 * - `netsh advfirewall consec set rule name="X" new k=v …` sets the rule's lines, as `consec show
 *   rule` would print them afterwards (`qmsecmethods` → QuickModeSecMethods, `qmpfs` →
 *   QuickModePFS, `enable` → Enabled, the others under their own name); on a rule only
 *   Get-NetIPsecRule showed (same store, netsh names it by its DisplayName), the same values
 *   override what the cmdlets showed;
 * - `netsh advfirewall set global mainmode|ipsec …` sets the machine settings, and the
 *   MainModeSecMethods / MainModeKeyLifetime lines of the rules already shown (a connection
 *   security rule has no main mode parameter of its own: `consec add rule` help);
 * - `Set-NetIPsecRule -DisplayName "X" -KeyModule …` sets the key module of rule X.
 */
import type { ChangeArg } from './changes.js';
import { note, warn, type ReadContext } from './context.js';
import { upsertField } from './psrecord.js';
import { explicit } from '../../src/model/setting.js';
import { isUnset, mainModeLifetime, mainModeProposals, nattFromThroughNat, type ConsecField, type ConsecRule } from './netsh-read.js';
import type { NetshInputs } from './netsh-tunnels.js';

/** netsh `set rule … new` keywords → the label `consec show rule verbose` prints for them. */
const SETTER_LABEL: Record<string, string> = {
  qmsecmethods: 'QuickModeSecMethods',
  qmpfs: 'QuickModePFS',
  enable: 'Enabled',
  endpoint1: 'Endpoint1',
  endpoint2: 'Endpoint2',
  localtunnelendpoint: 'LocalTunnelEndpoint',
  remotetunnelendpoint: 'RemoteTunnelEndpoint',
  auth1: 'Auth1',
  auth1psk: 'Auth1PSK',
  mode: 'Mode',
  protocol: 'Protocol',
  action: 'Action',
  type: 'Type',
  port1: 'Port1',
  port2: 'Port2',
  description: 'Description',
  profile: 'Profiles',
  interfacetype: 'InterfaceTypes',
  auth1ca: 'Auth1CAName',
};

function lastNamed<T extends { name: string }>(items: T[], name: string): T | undefined {
  const n = name.toLowerCase();
  for (let i = items.length - 1; i >= 0; i--) if (items[i].name.toLowerCase() === n) return items[i];
  return undefined;
}

function consecField(label: string, a: ChangeArg, line: number): ConsecField {
  return { key: label, value: a.value ?? '', line, raw: a.raw };
}

export function applyConsecRuleChange(input: NetshInputs, rule: string, args: ChangeArg[], line: number, ctx: ReadContext): void {
  const target: ConsecRule | undefined = lastNamed(input.consec, rule);
  const ps = target ? undefined : lastNamed(input.netIPsecRules, rule);
  if (!target && !ps) {
    warn(ctx, `no connection security rule named "${rule}" was shown before this command: its change is not applied`, line);
    return;
  }
  for (const a of args) {
    if (a.name === 'name') {
      if (target) target.name = a.value ?? target.name;
      else if (ps) ps.name = a.value ?? ps.name;
      continue;
    }
    const label = SETTER_LABEL[a.name];
    if (!label) {
      note(ctx, `${a.name}= is not part of what is compared; not applied`, line);
      continue;
    }
    const f = consecField(label, a, line);
    if (target) target.fields.set(label.toLowerCase(), f);
    else ps!.overrides.set(label.toLowerCase(), f);
  }
}

export function applyGlobalChange(input: NetshInputs, section: 'mainmode' | 'ipsec', a: ChangeArg, line: number, ctx: ReadContext): void {
  const value = a.value ?? '';
  const l = { n: line, text: a.raw };
  if (isUnset(value)) {
    note(ctx, `${a.raw}: the setting goes back to its default, which this transcript does not show; not applied`, line);
    return;
  }
  const label = { mmkeylifetime: 'MainModeKeyLifetime', mmsecmethods: 'MainModeSecMethods' }[a.name];
  if (section === 'mainmode' && label) {
    if (a.name === 'mmkeylifetime') input.globals.push({ line, mmLifetime: mainModeLifetime(value, l, ctx) });
    else input.globals.push({ line, mmProposals: explicit(mainModeProposals(value, l, ctx), a.raw, { file: ctx.file, line }) });
    // the rules shown before print the machine's main mode settings: they change with it
    for (const r of input.consec) r.fields.set(label.toLowerCase(), consecField(label, a, line));
    return;
  }
  if (section === 'ipsec' && a.name === 'ipsecthroughnat') {
    const mode = nattFromThroughNat(value);
    if (!mode) {
      warn(ctx, `expected ipsecthroughnat never, serverbehindnat or serverandclientbehindnat, found "${value}": not applied`, line);
      return;
    }
    input.globals.push({ line, natt: explicit(mode, a.raw, { file: ctx.file, line }) });
    return;
  }
  note(ctx, `\`set global ${a.raw}\` is not part of what is compared; not applied`, line);
}

export function applyNetIPsecRuleChange(input: NetshInputs, rule: string, args: ChangeArg[], line: number, ctx: ReadContext): void {
  const km = args.find((a) => a.name.toLowerCase() === 'keymodule');
  for (const a of args) {
    if (!['keymodule', 'displayname', 'passthru', 'confirm', 'whatif', 'policystore'].includes(a.name.toLowerCase()))
      note(ctx, `Set-NetIPsecRule -${a.name} is not part of what is compared; not applied`, line);
  }
  if (!km?.value) return;
  const f = { name: 'KeyModule', value: km.value, line, raw: km.raw };
  const ps = lastNamed(input.netIPsecRules, rule);
  if (ps) {
    upsertField(ps.record, ['KeyModule'], f);
    return;
  }
  if (lastNamed(input.consec, rule)) {
    input.keyModules.set(rule.toLowerCase(), f);
    return;
  }
  warn(ctx, `no IPsec rule with DisplayName "${rule}" was shown before this command: its change is not applied`, line);
}
