/**
 * Phase 2 from `/ip ipsec policy`: the selectors and mode of the policy, the algorithms, PFS
 * group and lifetime of the `/ip ipsec proposal` it names. A template (`template=yes`, and the
 * built-in `*0`) is not a policy of its own: it bounds what a peer with `generate-policy`
 * accepts, so it becomes a phase 2 entry only through such a peer, with inferred selectors.
 */
import { ParseError } from '../../src/model/errors.js';
import { byDefault, explicit, inferred } from '../../src/model/setting.js';
import type { ChildProposal, Phase2 } from '../../src/model/types.js';
import { isAead } from '../../src/model/vocab.js';
import { BUILT_IN_TEMPLATE, POLICY_DEFAULTS, PROPOSAL_DEFAULTS } from './defaults.js';
import { byName, type Item } from './items.js';
import { MENU, note, selectorOf, warn, type Ctx } from './context.js';
import { prop, readDhGroups, readEncryption, readIntegrity, readTime, readYesNo, settingOf, settingOfAll, type Prop } from './read.js';
import { rememberPhase2 } from './refs.js';
import { protocolNumber, selectorCidr, templateSelectors } from './selectors.js';

export function policyIsTemplate(p: Item): boolean {
  return p.builtIn || p.args.get('template')?.value === 'yes';
}

function policyDefaults(p: Item): Record<string, string> {
  return p.builtIn ? BUILT_IN_TEMPLATE : POLICY_DEFAULTS;
}

/** The proposal a policy or template names; an undefined name is said, and the default used. */
export function proposalItem(ctx: Ctx, policy: Item, report = true): Item {
  const name = prop(policy, 'proposal', policyDefaults(policy), ctx.file);
  const found = byName(ctx.items, MENU.proposal, name.value);
  if (found) return found;
  if (report)
    warn(
      ctx,
      `policy at line ${policy.line} uses proposal "${name.value}", which this export does not define; the default proposal is assumed`,
      name.at?.line ?? policy.line,
    );
  return byName(ctx.items, MENU.proposal, 'default')!;
}

function selector(ctx: Ctx, p: Prop, line: number | undefined): string {
  const c = selectorCidr(p.value);
  if (c === undefined)
    throw new ParseError(ctx.file, p.at?.line ?? line, `expected an IP prefix (10.1.0.0/24, 2001:db8::/32) for ${p.key}, found "${p.value}"`);
  return c;
}

/** ESP (or AH) with the proposal's algorithms; AEAD-only ESP needs no integrity. */
function childProposalsOf(ctx: Ctx, proposal: Item, policy: Item): { props: Prop[]; value: ChildProposal[] } {
  const enc = prop(proposal, 'enc-algorithms', PROPOSAL_DEFAULTS, ctx.file);
  const auth = prop(proposal, 'auth-algorithms', PROPOSAL_DEFAULTS, ctx.file);
  const protocols = prop(policy, ['ipsec-protocols', 'ipsec-protocol'], policyDefaults(policy), ctx.file);
  const integrity = readIntegrity(auth, ctx.file);
  if (protocols.value === 'ah') return { props: [auth, protocols], value: [{ protocol: 'ah', encryption: [], integrity }] };
  if (protocols.value !== 'esp') warn(ctx, `ipsec-protocols=${protocols.value}: only ESP is compared`, protocols.at?.line);
  const encryption = readEncryption(enc, ctx.file);
  return { props: [auth, enc], value: [{ protocol: 'esp', encryption, integrity: encryption.every(isAead) ? [] : integrity }] };
}

/** The proposal's part of a phase 2 entry: algorithms, PFS, lifetimes. */
function cryptoOf(ctx: Ctx, proposal: Item, policy: Item): Pick<Phase2, 'proposals' | 'pfsGroups' | 'lifetimeSeconds' | 'lifetimeKilobytes'> {
  const child = childProposalsOf(ctx, proposal, policy);
  const pfs = prop(proposal, 'pfs-group', PROPOSAL_DEFAULTS, ctx.file);
  const life = prop(proposal, 'lifetime', PROPOSAL_DEFAULTS, ctx.file);
  const bytes = proposal.args.get('lifebytes');
  let lifetimeKilobytes: Phase2['lifetimeKilobytes'];
  if (bytes) {
    const n = /^\d+$/.test(bytes.value) ? Number(bytes.value) : NaN;
    if (!Number.isSafeInteger(n)) throw new ParseError(ctx.file, bytes.line, `expected a number of bytes for lifebytes, found "${bytes.value}"`);
    lifetimeKilobytes = explicit(Math.floor(n / 1024), bytes.raw, { file: ctx.file, line: bytes.line }, 'bytes');
  } else {
    // 6.44+ and v7 proposals have no lifebytes property: phase 2 SAs have no data limit
    lifetimeKilobytes = byDefault(0, '(no lifebytes on /ip ipsec proposal: no data limit)');
  }
  return {
    proposals: settingOfAll(child.props, child.value),
    pfsGroups: settingOf(pfs, readDhGroups(pfs, ctx.file)),
    lifetimeSeconds: settingOf(life, readTime(life, ctx.file), 'time-string'),
    lifetimeKilobytes,
  };
}

function protocolOf(ctx: Ctx, policy: Item): Phase2['ipProtocol'] {
  const p = prop(policy, 'protocol', policyDefaults(policy), ctx.file);
  const n = protocolNumber(p.value);
  if (n === undefined) {
    warn(ctx, `protocol=${p.value}: unknown IP protocol name; the policy is compared as if it carried every protocol`, p.at?.line);
    return undefined;
  }
  for (const key of ['src-port', 'dst-port']) {
    const port = policy.args.get(key);
    if (port && port.value !== 'any' && port.value !== '') note(ctx, `${port.raw}: ports are not compared (the model has no port selectors)`, port.line);
  }
  return settingOf(p, n);
}

export function phase2OfPolicy(ctx: Ctx, policy: Item): Phase2 {
  const d = policyDefaults(policy);
  const src = prop(policy, 'src-address', d, ctx.file);
  const dst = prop(policy, 'dst-address', d, ctx.file);
  for (const p of [src, dst]) {
    if (p.origin === 'default') warn(ctx, `policy has no ${p.key}: RouterOS uses ${p.value}, which matches no real traffic`, policy.line);
  }
  const tunnel = prop(policy, 'tunnel', d, ctx.file);
  const proposal = proposalItem(ctx, policy);
  const entry: Phase2 = {
    name: policy.args.get('comment')?.value || `${src.value} → ${dst.value}`,
    localSelectors: settingOf(src, [selector(ctx, src, policy.line)]),
    remoteSelectors: settingOf(dst, [selector(ctx, dst, policy.line)]),
    mode: settingOf(tunnel, readYesNo(tunnel, ctx.file) ? 'tunnel' : 'transport'),
    ...cryptoOf(ctx, proposal, policy),
  };
  if (policy.line !== undefined) entry.at = { file: ctx.file, line: policy.line };
  const proto = protocolOf(ctx, policy);
  if (proto) entry.ipProtocol = proto;
  rememberPhase2(entry, { policy: `${src.raw} ${dst.raw}`, proposal: selectorOf(proposal) });
  return entry;
}

/**
 * A phase 2 a `generate-policy` peer will accept: selectors bounded by the template (origin
 * inferred), crypto from the template's proposal. The mode follows the initiator; an L2TP peer
 * (exchange-mode=main-l2tp) is transport, anything else is taken as tunnel.
 */
export function phase2OfTemplate(ctx: Ctx, template: Item, generate: Prop, l2tp: boolean): Phase2 {
  const d = policyDefaults(template);
  const src = prop(template, 'src-address', d, ctx.file);
  const dst = prop(template, 'dst-address', d, ctx.file);
  const where = template.line === undefined ? undefined : { file: ctx.file, line: template.line };
  const group = prop(template, 'group', d, ctx.file).value;
  const proposal = proposalItem(ctx, template);
  const entry: Phase2 = {
    name: `template ${src.value} → ${dst.value} (group ${group})`,
    localSelectors: inferred(templateSelectors(selector(ctx, src, template.line)), src.raw, src.at ?? where),
    remoteSelectors: inferred(templateSelectors(selector(ctx, dst, template.line)), dst.raw, dst.at ?? where),
    mode: inferred(l2tp ? 'transport' : 'tunnel', generate.raw, generate.at),
    ...cryptoOf(ctx, proposal, template),
  };
  if (where) entry.at = where;
  const proto = protocolOf(ctx, template);
  if (proto) entry.ipProtocol = proto;
  rememberPhase2(entry, { proposal: selectorOf(proposal) });
  return entry;
}
