import type { EndRule, Severity } from '../types.js';
import { side } from '../finding.js';
import { weakness } from '../../model/vocab.js';
import { S } from './symptoms.js';

export const rule: EndRule = {
  id: 'weak-crypto',
  title: 'Weak or deprecated algorithms are offered',
  severity: 'info',
  scope: 'end',
  symptoms: ['Compliance scans (PCI, BSI TR-02102, NIST SP 800-77r1) flag the tunnel', `${S.ATTRIB_FAIL} after a peer upgrade drops legacy algorithms`],
  explain:
    'Per RFC 8247 (IKEv2 algorithms) and RFC 8221 (ESP algorithms): DES, NULL encryption, HMAC-MD5 and DH group 1 are broken (warning); 3DES, Blowfish, HMAC-SHA1 and DH groups 2 and 5 are legacy (info). Offering them keeps the tunnel up with peers that choose them and fails when a peer upgrade removes them.',
  check(end) {
    const broken = new Set<string>();
    const legacy = new Set<string>();
    const note = (kind: 'encryption' | 'integrity' | 'dh', name: string | number, where: string) => {
      const w = weakness(kind, name);
      if (!w) return;
      (w.level === 'broken' ? broken : legacy).add(`${where} ${kind === 'dh' ? `DH group ${name}` : name}`);
    };
    for (const p of end.tunnel.phase1.proposals.value) {
      for (const e of p.encryption) note('encryption', e, 'phase 1');
      for (const i of p.integrity) note('integrity', i, 'phase 1');
      for (const g of p.dhGroups) note('dh', g, 'phase 1');
    }
    for (const p2 of end.tunnel.phase2) {
      for (const p of p2.proposals.value) {
        for (const e of p.encryption) note('encryption', e, 'phase 2');
        for (const i of p.integrity) note('integrity', i, 'phase 2');
      }
      for (const g of p2.pfsGroups.value) if (g > 0) note('dh', g, 'PFS');
    }
    if (!broken.size && !legacy.size) return [];
    const severity: Severity = broken.size ? 'warning' : 'info';
    const items = [...broken, ...legacy];
    return [
      {
        rule: 'weak-crypto',
        severity,
        setting: 'crypto',
        message: `${end.tunnel.name} offers ${broken.size ? 'broken' : 'legacy'} algorithms: ${items.join(', ')}`,
        effect: broken.size
          ? 'Confidentiality or integrity of the tunnel is not assured if these are chosen.'
          : 'Works, but falls short of current guidance (RFC 8247 / RFC 8221).',
        a: side(end, end.tunnel.phase1.proposals, items.join(', ')),
      },
    ];
  },
};
