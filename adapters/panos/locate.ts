/**
 * Where the IPsec configuration sits. A firewall holds it under
 * `/config/devices/entry[@name='localhost.localdomain']/network` (the set form prints that as
 * `set network …`); a Panorama export holds one per template and template stack under
 * `…/template/entry[@name=T]/config/devices/entry/network` (set form: `set template T config
 * network …`, or `… config devices localhost.localdomain network …`). Address objects come from
 * the vsys (`vsys/entry/address`, single-vsys set form `set address …`) and `shared`.
 */
import { child, type PNode } from './tree.js';

export interface DeviceRoot {
  /** '' for the firewall itself, `template T` / `template-stack S` on Panorama */
  label: string;
  /** template or template-stack name, for fix paths */
  template?: { kind: 'template' | 'template-stack'; name: string };
  /** the node holding network, deviceconfig, vsys */
  node: PNode;
  /** address objects: vsys first, then shared */
  addressScopes: PNode[];
  /** Panorama template variables (`$wan-ip`) */
  variables?: PNode;
}

/** The device-level nodes of a `<config>` (XML) or of a set-form root. */
function deviceNodes(config: PNode): PNode[] {
  const devices = child(config, 'devices');
  const out = devices ? [...devices.children] : [];
  // set form: `set network …`, `set template T config …` straight under the root
  if (['network', 'deviceconfig', 'template', 'template-stack', 'vsys'].some((n) => child(config, n))) out.unshift(config);
  return out;
}

function addressScopes(device: PNode, config: PNode): PNode[] {
  const scopes: PNode[] = [];
  for (const v of child(device, 'vsys')?.children ?? []) scopes.push(v);
  if (child(device, 'address')) scopes.push(device); // single-vsys set form: `set address …`
  const shared = child(config, 'shared');
  if (shared) scopes.push(shared);
  return scopes;
}

export function deviceRoots(config: PNode): DeviceRoot[] {
  const roots: DeviceRoot[] = [];
  for (const device of deviceNodes(config)) {
    if (child(device, 'network')) roots.push({ label: '', node: device, addressScopes: addressScopes(device, config) });
    for (const kind of ['template', 'template-stack'] as const) {
      for (const t of child(device, kind)?.children ?? []) {
        const tconfig = child(t, 'config');
        if (!tconfig) continue;
        for (const inner of deviceNodes(tconfig)) {
          if (!child(inner, 'network')) continue;
          roots.push({
            label: `${kind} ${t.name}`,
            template: { kind, name: t.name },
            node: inner,
            addressScopes: addressScopes(inner, tconfig),
            variables: child(t, 'variable'),
          });
        }
      }
    }
  }
  return roots;
}

/** The configured hostname: the firewall's own, or Panorama's. */
export function hostnameOf(config: PNode): string | undefined {
  for (const device of deviceNodes(config)) {
    const h = child(child(child(device, 'deviceconfig'), 'system'), 'hostname')?.values?.[0];
    if (h) return h;
  }
  return undefined;
}
