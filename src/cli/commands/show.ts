/** `ipsec-drift show FILE`: the normalized device as read — what the comparison will work on. */
import type { Device, Setting, TunnelEnd } from '../../model/types.js';
import { describeOrigin } from '../../model/setting.js';
import { showChildProposals, showIkeProposals, showKilobytes, showPfs, showSeconds, showSelectors } from '../../compare/display.js';
import { loadDevice } from '../../read/load.js';
import { EXIT, type ExitCode, type Io } from '../io.js';
import { parseFormat } from '../options.js';
import { jsonSafe, neutralizeCommands, terminalReport } from '../../report/sanitize.js';
import { UsageError } from '../../model/errors.js';
import { padCells, renderGrid, wrap } from '../../report/text.js';

export interface ShowArgs {
  positionals: string[];
  format?: string;
  vendor?: string[];
  /** a device already collected from a live source, by the text as typed */
  live?: Map<string, Device>;
}

function row(label: string, s: Setting<unknown> | undefined, display: string): string[] {
  if (!s) return [label, '—', '', ''];
  return [label, display, s.raw, describeOrigin(s)];
}

/** Narrower than this, each setting is printed as a few labelled lines rather than a table row. */
const GRID_MIN_WIDTH = 100;

function tunnelRows(t: TunnelEnd): string[][] {
  const rows = [
    row('peer', t.remoteGateway, t.remoteGateway.value),
    row('local gateway', t.localGateway, t.localGateway?.value ?? '—'),
    row('IKE version', t.ikeVersion, `IKEv${t.ikeVersion.value}`),
    row('authentication', t.auth.method, t.auth.method.value),
    row('phase 1 proposals', t.phase1.proposals, showIkeProposals(t.phase1.proposals.value)),
    row('phase 1 lifetime', t.phase1.lifetimeSeconds, showSeconds(t.phase1.lifetimeSeconds.value)),
    row('NAT-T', t.natt.mode, t.natt.mode.value),
    row('NAT-T keepalive', t.natt.keepaliveSeconds, t.natt.keepaliveSeconds ? `${t.natt.keepaliveSeconds.value} s` : '—'),
    row('DPD', t.dpd.mode, `${t.dpd.mode.value}${t.dpd.delaySeconds ? `, ${t.dpd.delaySeconds.value} s` : ''}`),
  ];
  for (const p of t.phase2) {
    rows.push(
      row(`phase 2 ${p.name}: selectors`, p.localSelectors, showSelectors(p.localSelectors.value, p.remoteSelectors.value)),
      row('  proposals', p.proposals, showChildProposals(p.proposals.value)),
      row('  PFS', p.pfsGroups, showPfs(p.pfsGroups.value)),
      row('  lifetime', p.lifetimeSeconds, showSeconds(p.lifetimeSeconds.value)),
      row('  volume lifetime', p.lifetimeKilobytes, showKilobytes(p.lifetimeKilobytes.value)),
    );
  }
  return rows;
}

function tunnelTable(t: TunnelEnd, width: number, color: boolean): string {
  const rows = tunnelRows(t);
  if (width < GRID_MIN_WIDTH) {
    // label, then the value as normalized, as written and where, each wrapped under a margin
    const field = (name: string, text: string) =>
      text ? wrap(text, Math.max(10, width - 17)).map((l, i) => `${i === 0 ? padCells(`    ${name}`, 17) : ' '.repeat(17)}${l}`) : [];
    return rows
      .flatMap(([label, normalized, raw, where]) => [
        ...wrap(label.trim(), width),
        ...field('normalized', normalized),
        ...field('as written', raw),
        ...field('where', where),
      ])
      .join('\n');
  }
  const w = width - 30;
  return renderGrid(rows, {
    head: ['Setting', 'Normalized', 'As written', 'Where'],
    colWidths: [24, Math.floor(w * 0.3), Math.floor(w * 0.38), Math.floor(w * 0.32)],
    color,
  });
}

export function renderDevice(d: Device, width: number, color = false): string {
  const w = Math.max(40, width);
  const lines = (l: string) => wrap(l, w, { hang: '    ' });
  const out = lines(`${d.origin}: ${d.vendor}${d.hostname ? ` (${d.hostname})` : ''}, ${d.tunnels.length} tunnel(s)`);
  if (d.interfaces.length)
    out.push(
      ...lines(`addresses: ${d.interfaces.map((i) => `${i.address}${i.prefixLength !== undefined ? `/${i.prefixLength}` : ''} (${i.name})`).join(', ')}`),
    );
  for (const t of d.tunnels)
    out.push('', ...lines(`tunnel ${t.name}${t.enabled ? '' : ' (disabled)'}${t.at ? ` — ${t.at.file}:${t.at.line}` : ''}`), tunnelTable(t, w, color));
  if (d.diagnostics.length) {
    out.push('', 'diagnostics:');
    for (const g of d.diagnostics) out.push(...lines(`  ${g.at ? `${g.at.file}:${g.at.line}: ` : ''}${g.level}: ${g.message}`));
  }
  return `${out.join('\n')}\n`;
}

export function runShow(args: ShowArgs, io: Io): ExitCode {
  if (args.positionals.length !== 1) throw new UsageError('show takes one input: ipsec-drift show FILE');
  const format = parseFormat(args.format, ['table', 'json'] as const, 'table');
  const device = args.live?.get(args.positionals[0]) ?? loadDevice(args.positionals[0], args.vendor?.[0]);
  io.stdout(
    format === 'json' ? `${jsonSafe(JSON.stringify(device, null, 2))}\n` : neutralizeCommands(renderDevice(terminalReport(device), io.width, io.color)),
  );
  return EXIT.OK;
}
