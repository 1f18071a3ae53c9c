/**
 * The HTML audit report: one self-contained file (inline CSS, no scripts, no requests, a CSP that
 * forbids any) a change board can open, print and attach. A summary with a verdict per tunnel,
 * then per tunnel both ends side by side, the rekey timeline, and every finding with its
 * explanation, symptoms and the fix for each side.
 *
 * Input: the `Report` (what `--format json` prints) plus the devices and tunnel pairs it was built
 * from (for the side-by-side settings and the timeline), so `compare` and `audit` (many tunnels)
 * render through the same function. Every value is escaped by construction (see html/markup.ts);
 * pre-shared keys are never printed, not even their fingerprints.
 */
import { adapterById } from '../../adapters/index.js';
import { ruleById } from '../compare/rules/index.js';
import type { Severity } from '../compare/types.js';
import { pairVersion } from '../compare/negotiation.js';
import type { Device, Setting } from '../model/types.js';
import { defaultLabel, lineLabel } from '../model/setting.js';
import type { Report, ReportEnd, ReportFinding, ReportSide } from './report.js';
import { h, markup, htmlString, withCode, type Html } from './html/markup.js';
import { settingRows, type Cell, type RowStatus, type SettingRow } from './html/rows.js';
import { STYLES } from './html/styles.js';
import { formatClock, timelineOf, timelineSvg, type Timeline, type Track } from './html/timeline.js';
import { groupFindings, VERDICT_MEANING, VERDICT_RANK, VERDICT_TEXT, type ReportSource, type TunnelView, type Verdict } from './html/tunnels.js';
import { formatTimeString } from '../model/units.js';

export type { ReportSource } from './html/tunnels.js';

export interface HtmlOptions {
  /** the document title; default "IPsec tunnel audit" */
  title?: string;
  /** a section after the tunnels (compare --state: the runtime state) */
  appendix?: Html;
  /** its extra style rules (ours, constant) */
  styles?: string;
}

const SEVERITY_TEXT: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };
const VERDICTS: Verdict[] = ['no-start', 'breaks-at-rekey', 'drifts', 'clean'];

/** Names a reader knows a device by: hostname when the config has one, else the file. */
interface Names {
  device(origin: string): string;
  vendor(id: string): string;
}

function namesOf(report: Report): Names {
  const host = new Map(report.inputs.map((i) => [i.origin, i.hostname]));
  return {
    device: (origin) => host.get(origin) ?? origin,
    vendor: (id) => adapterById(id)?.label ?? id,
  };
}

function badge(sev: Severity): Html {
  return h`<span class="badge ${sev}">${SEVERITY_TEXT[sev]}</span>`;
}

function verdictChip(v: Verdict): Html {
  return h`<span class="verdict ${v}" data-verdict="${v}">${VERDICT_TEXT[v]}</span>`;
}

/** Weak crypto is not drift (the verdict ignores it) but a change board must see it next to the verdict. */
function weakCryptoTag(v: TunnelView): Html {
  const weak = v.findings.filter((f) => f.rule === 'weak-crypto');
  if (!weak.length) return h``;
  const sev = weak.some((f) => f.severity === 'warning') ? 'warning' : 'info';
  return h` <span class="badge ${sev}" data-weak-crypto="${sev}">WEAK CRYPTO</span>`;
}

function endLabel(e: ReportEnd, n: Names): string {
  return `${n.device(e.device)} / ${e.tunnel}`;
}

function tunnelTitle(v: TunnelView, n: Names): string {
  return v.b ? `${endLabel(v.a, n)} ↔ ${endLabel(v.b, n)}` : `${endLabel(v.a, n)} (no counterpart)`;
}

function countsText(c: Record<Severity, number>): Html {
  const parts = (['error', 'warning', 'info'] as const).filter((s) => c[s] > 0).map((s) => h`${badge(s)} ${c[s]} `);
  return parts.length ? h`${parts}` : h`<span class="muted">none</span>`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

// --- header and summary -------------------------------------------------------------------------

function lede(views: TunnelView[], other: number): Html {
  const by = (v: Verdict) => views.filter((x) => x.verdict === v).length;
  const parts = VERDICTS.filter((v) => by(v) > 0).map((v) => `${by(v)} ${VERDICT_TEXT[v].toLowerCase()}`);
  const tunnels = `${plural(views.length, 'tunnel')} checked${parts.length ? `: ${parts.join(', ')}` : ''}.`;
  return other ? h`${tunnels} <a href="#other">${plural(other, 'finding')} about no single tunnel</a>.` : h`${tunnels}`;
}

function when(iso: string): string {
  // the ISO instant is unambiguous for any reader's time zone; say so
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}

function header(report: Report, views: TunnelView[], other: number, title: string): Html {
  return h`<header>
<h1>${title}</h1>
<p class="lede" id="lede">${lede(views, other)}</p>
<dl class="meta">
<dt>Generated</dt><dd><time datetime="${report.generatedAt}">${when(report.generatedAt)}</time></dd>
<dt>Tool</dt><dd>${report.tool} ${report.version}</dd>
<dt>Inputs</dt><dd>${report.inputs.map((i, k) => h`${k ? ', ' : ''}<span class="mono">${i.origin}</span>`)}</dd>
<dt>Findings</dt><dd>${countsText(report.summary)}</dd>
</dl>
</header>`;
}

function summary(views: TunnelView[], n: Names): Html {
  const rows = views.map(
    (v) => h`<tr data-tunnel="${v.index}" data-verdict="${v.verdict}">
<td>${v.index}</td>
<th scope="row"><a href="#tunnel-${v.index}">${tunnelTitle(v, n)}</a></th>
<td>${verdictChip(v.verdict)}${weakCryptoTag(v)}</td>
<td>${countsText(v.counts)}</td>
<td>${v.how ?? 'not paired'}</td>
</tr>`,
  );
  return h`<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">Summary</h2>
<div class="table-wrap"><table class="summary">
<caption>Verdict per tunnel, worst first</caption>
<thead><tr><th scope="col">#</th><th scope="col">Tunnel (A ↔ B)</th><th scope="col">Verdict</th><th scope="col">Findings</th><th scope="col">Paired by</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
<dl class="meta verdict-key">${VERDICTS.map((v) => h`<dt>${verdictChip(v)}</dt><dd>${VERDICT_MEANING[v]}</dd>`)}</dl>
</section>`;
}

function inputsSection(report: Report, devices: Device[], n: Names): Html {
  const rows = report.inputs.map((i) => {
    const d = devices.find((x) => x.origin === i.origin);
    return h`<tr>
<th scope="row" class="mono">${i.origin}</th>
<td>${i.hostname ?? '—'}</td>
<td>${n.vendor(i.vendor)} <span class="muted">(${i.vendor})</span></td>
<td>${i.readAt ? h`<time datetime="${i.readAt}">${when(i.readAt)}</time>` : '—'}</td>
<td>${d ? d.tunnels.length : '—'}</td>
<td>${d ? (d.diagnostics.length ? h`<a href="#diagnostics">${plural(d.diagnostics.length, 'note')}</a>` : 'none') : '—'}</td>
</tr>`;
  });
  return h`<section id="inputs" aria-labelledby="inputs-h">
<h2 id="inputs-h">Inputs</h2>
<div class="table-wrap"><table>
<caption>What was read</caption>
<thead><tr><th scope="col">Input</th><th scope="col">Host name</th><th scope="col">Vendor</th><th scope="col">Read at</th><th scope="col">Tunnels</th><th scope="col">Could not read</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>
${auditNotes(report)}
</section>`;
}

// --- settings side by side ----------------------------------------------------------------------

/** The last path segment: under a column headed by the full path, `fgt-branch.conf:41` reads better. */
function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1) || path;
}

function where(c: { at?: { file: string; line: number }; origin?: string; assumed?: true }, deviceOrigin: string): Html {
  if (c.at) {
    const file = c.at.file === deviceOrigin ? baseName(c.at.file) : c.at.file;
    const assumed = c.assumed
      ? h` <span class="default-tag" title="rests on a vendor default no vendor source confirms for this release">assumed default</span>`
      : '';
    return h`<span class="where mono" title="${c.at.file}:${c.at.line}">${file}:${c.at.line}</span>${assumed}`;
  }
  if (c.origin === 'default') return h``;
  if (c.origin === 'inferred') return h`<span class="where">inferred</span>`;
  return h``;
}

function cellHtml(c: Cell, deviceOrigin: string): Html {
  if (c.absent) return h`<td class="cell absent"><span class="norm">${c.normalized}</span></td>`;
  const raw = c.secret ? h`<span class="raw muted">(key not shown)</span>` : c.raw !== undefined && c.raw !== '' ? h`<code class="raw">${c.raw}</code>` : '';
  const dflt =
    c.origin === 'default'
      ? c.assumed
        ? h`<span class="default-tag" title="the device does not say this; the vendor default applies, but no vendor source confirms its value for this release">vendor default (assumed)</span>`
        : h`<span class="default-tag" title="the device does not say this; the vendor default applies">vendor default</span>`
      : '';
  return h`<td class="cell"><span class="norm">${c.normalized}</span>${raw}${where(c, deviceOrigin)}${dflt}</td>`;
}

function statusHtml(s: RowStatus, findingAnchor: (rule: string) => string): Html {
  switch (s.kind) {
    case 'finding':
      return h`${badge(s.severity)} differs<br>${s.rules.map((r, i) => h`${i ? ', ' : ''}<a href="#${findingAnchor(r)}" class="mono">${r}</a>`)}`;
    case 'same':
      return h`<span class="badge same">SAME</span>`;
    case 'differs':
      return h`<span class="badge neutral">DIFFERS</span> <span class="muted">no effect found</span>`;
    case 'unknown':
      return h`<span class="badge neutral">UNKNOWN</span> <span class="muted">${s.why}</span>`;
    case 'not-compared':
      return h`<span class="muted">not compared${s.why ? ` (${s.why})` : ''}</span>`;
  }
}

function rowClass(s: RowStatus): string {
  return s.kind === 'finding' ? `setting sev-${s.severity}` : `setting ${s.kind}`;
}

function endHeading(side: 'a' | 'b', e: ReportEnd, n: Names): Html {
  return h`<span class="side-${side}">${side.toUpperCase()}</span>: ${n.device(e.device)} <span class="muted">(${n.vendor(e.vendor)})</span><br><span class="mono muted">${e.device}</span>`;
}

function sideBySide(v: TunnelView, rows: SettingRow[], n: Names): Html {
  const anchor = (rule: string) => {
    const i = v.findings.findIndex((f) => f.rule === rule);
    return `t${v.index}-f${i + 1}`;
  };
  const body: Html[] = [];
  let group = '';
  for (const r of rows) {
    if (r.group !== group) {
      group = r.group;
      body.push(h`<tr class="group"><th scope="colgroup" colspan="4">${group}</th></tr>`);
    }
    body.push(
      h`<tr class="${rowClass(r.status)}" data-setting="${r.id}" data-status="${r.status.kind === 'finding' ? r.status.severity : r.status.kind}"><th scope="row">${r.label}</th>${cellHtml(r.a, v.a.device)}${cellHtml(r.b, v.b?.device ?? '')}<td class="status">${statusHtml(r.status, anchor)}</td></tr>`,
    );
  }
  return h`<div class="table-wrap"><table class="sbs">
<caption>Settings side by side <span class="muted">— normalized value, as written, where (file:line); rows that differ carry the severity of the finding</span></caption>
<colgroup><col class="setting"><col class="end"><col class="end"><col class="status"></colgroup>
<thead><tr><th scope="col">Setting</th><th scope="col">${endHeading('a', v.a, n)}</th><th scope="col">${v.b ? endHeading('b', v.b, n) : 'B'}</th><th scope="col">Status</th></tr></thead>
<tbody>${body}</tbody>
</table></div>`;
}

// --- timeline -----------------------------------------------------------------------------------

function scheduleText(t: Track | undefined): string {
  if (!t) return 'no such SA';
  if (!t.lifetime) return 'no time limit';
  const first = t.marks.slice(0, 4).map(formatClock).join(', ');
  return `every ${formatTimeString(t.lifetime)} (${t.marks.length}× in 24 h${t.marks.length ? `: ${first}${t.marks.length > 4 ? ', …' : ''}` : ''})`;
}

function timelineSection(v: TunnelView, tl: Timeline): Html {
  const ikev1 = v.pair !== undefined && pairVersion(v.pair.a.tunnel, v.pair.b.tunnel) === 1;
  const windows = [...new Set(tl.groups.flatMap((g) => [g.a?.window?.basis, g.b?.window?.basis]).filter((b): b is string => b !== undefined))];
  const rows = tl.groups.map(
    (g) =>
      h`<tr><th scope="row">${g.label}</th><td>${scheduleText(g.a)}</td><td>${scheduleText(g.b)}</td><td>${g.collisions.length ? h`<span class="badge warning">COLLISION</span> ${g.collisions.map(formatClock).join(', ')}` : 'none'}</td></tr>`,
  );
  return h`<h3 id="t${v.index}-timeline">Rekey timeline</h3>
<figure>
${timelineSvg(tl, `tl${v.index}`)}
<figcaption>
<ul class="legend">
<li><span class="side-a-text">▼ A</span> / <span class="side-b-text">◆ B</span>: the end's own timer fires (lifetime multiples from a tunnel brought up at 0:00)</li>
${windows.length ? h`<li>grey band: where the end actually starts the rekey (randomized margin); black dashed line: its hard limit</li>` : ''}
<li><span class="collision-text">✕</span> red dashed line: both ends' timers fire together (rekey collision)</li>
</ul>
The shorter timer drives every real rekey; a longer one on the other end shows what that end expects.${ikev1 ? ' IKEv1 negotiates lifetimes: an SA gets the initiator’s (or the shorter, notified) value, so which marks apply depends on who initiated.' : ''} ${windows.length ? `Margins: ${windows.join('; ')}.` : 'Rekey margins of these vendors are not modelled: marks are at the configured lifetimes.'}
</figcaption>
</figure>
<div class="table-wrap"><table class="schedule">
<caption>Rekey schedule <span class="muted">— the timeline as text</span></caption>
<thead><tr><th scope="col">SA</th><th scope="col">A</th><th scope="col">B</th><th scope="col">Timers coincide at</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`;
}

// --- findings -----------------------------------------------------------------------------------

/** A PSK setting's raw text may be the line that holds the key: never print it. */
function isSecret(f: ReportFinding): boolean {
  return f.setting === 'auth.psk' || f.rule === 'psk-mismatch';
}

function sideRow(label: 'A' | 'B', s: ReportSide | undefined, secret: boolean, n: Names): Html {
  if (!s) return h`<tr><th scope="row">${label}</th><td colspan="4" class="muted">—</td></tr>`;
  const st = s.setting as Setting<unknown> | undefined;
  const raw = !st ? '—' : secret ? h`<span class="muted">(key not shown)</span>` : h`<code>${st.raw}</code>`;
  const at = st?.at
    ? h`<span class="mono">${lineLabel({ at: st.at, assumed: st.assumed })}</span>`
    : st?.origin === 'default'
      ? h`<span class="default-tag">${defaultLabel(st)}</span>`
      : st
        ? st.origin
        : '';
  const end = h`${n.device(s.end.device)} / ${s.end.tunnel}${s.end.phase2 && s.end.phase2 !== s.end.tunnel ? h` <span class="muted">[${s.end.phase2}]</span>` : ''}`;
  return h`<tr><th scope="row"><span class="side-${label.toLowerCase()}-text">${label}</span></th><td>${end}</td><td>${raw}<br>${at}</td><td>${s.display ?? '—'}</td><td>${s.fix ? h`<pre><code>${s.fix}</code></pre>` : h`<span class="muted">no fix written</span>`}</td></tr>`;
}

function findingHtml(f: ReportFinding, id: string, n: Names): Html {
  const rule = ruleById(f.rule);
  const secret = isSecret(f);
  const intended = f.likelyIntended
    ? h`<p><strong>Most likely intended on ${f.likelyIntended.side.toUpperCase()}:</strong> ${withCode(f.likelyIntended.text)}</p>`
    : '';
  return h`<article class="finding sev-${f.severity}" id="${id}" data-rule="${f.rule}" data-severity="${f.severity}">
<h4>${badge(f.severity)} ${f.title} <span class="rule-id mono">${f.rule}</span></h4>
<p class="message">${withCode(f.message)}</p>
<p class="effect"><strong>What it does:</strong> ${withCode(f.effect)}</p>
${intended}
<div class="table-wrap"><table class="sides">
<thead><tr><th scope="col">Side</th><th scope="col">End</th><th scope="col">As written</th><th scope="col">Normalized</th><th scope="col">Fix on this side</th></tr></thead>
<tbody>${sideRow('A', f.a, secret, n)}${sideRow('B', f.b, secret, n)}</tbody>
</table></div>
${rule ? h`<h5>Why</h5><p class="explain">${withCode(rule.explain)}</p>` : ''}
${rule?.symptoms.length ? h`<h5>Symptoms</h5><ul class="symptoms">${rule.symptoms.map((s) => h`<li>${withCode(s)}</li>`)}</ul>` : ''}
</article>`;
}

function findingsSection(v: TunnelView, n: Names): Html {
  if (!v.findings.length) return h`<h3>Findings</h3><p>No differences: the ends agree on every compared setting.</p>`;
  return h`<h3>Findings (${v.findings.length})</h3>${v.findings.map((f, i) => findingHtml(f, `t${v.index}-f${i + 1}`, n))}`;
}

function tunnelSection(v: TunnelView, n: Names): Html {
  const rows = v.pair ? settingRows(v.pair, v.findings) : undefined;
  const settings = rows
    ? h`<h3>Both ends</h3>${sideBySide(v, rows, n)}`
    : v.b
      ? h`<p class="muted">The settings of this pair were not passed to the report; findings only.</p>`
      : v.findings.some((f) => f.rule === 'unmatched-tunnel')
        ? h`<p>This end points at another device in the comparison, but nothing there points back.</p>`
        : h`<p>This end was not paired with an end on another device.</p>`;
  const timeline = v.pair ? timelineSection(v, timelineOf(v.pair)) : '';
  return h`<section class="tunnel" id="tunnel-${v.index}" data-verdict="${v.verdict}" aria-labelledby="tunnel-${v.index}-h">
<h2 id="tunnel-${v.index}-h"><span>Tunnel ${v.index}: ${tunnelTitle(v, n)}</span> ${verdictChip(v.verdict)}${weakCryptoTag(v)}</h2>
<p>${v.b ? `Paired by ${v.how ?? 'the caller'}.` : 'Not paired.'} ${countsText(v.counts)}</p>
${settings}
${timeline}
${findingsSection(v, n)}
</section>`;
}

function diagnosticsSection(devices: Device[], n: Names): Html {
  const withNotes = devices.filter((d) => d.diagnostics.length);
  if (!withNotes.length) return h``;
  return h`<section id="diagnostics" aria-labelledby="diagnostics-h">
<h2 id="diagnostics-h">What could not be read</h2>
${withNotes.map(
  (d) => h`<div class="table-wrap"><table>
<caption>${n.device(d.origin)} <span class="mono muted">${d.origin}</span></caption>
<thead><tr><th scope="col">Level</th><th scope="col">Where</th><th scope="col">Note</th></tr></thead>
<tbody>${d.diagnostics.map((x) => h`<tr><td>${x.level}</td><td class="mono">${x.at ? `${x.at.file}:${x.at.line}` : '—'}</td><td>${withCode(x.message)}</td></tr>`)}</tbody>
</table></div>`,
)}
</section>`;
}

function otherSection(findings: ReportFinding[], n: Names): Html {
  if (!findings.length) return h``;
  return h`<section id="other" aria-labelledby="other-h">
<h2 id="other-h">Findings about no single tunnel (${findings.length})</h2>
${findings.map((f, i) => findingHtml(f, `o-f${i + 1}`, n))}
</section>`;
}

/** What an audit left out, so the reader knows the report's reach. */
function auditNotes(report: Report): Html {
  const a = report.audit;
  if (!a) return h``;
  const items: Html[] = [];
  if (a.skipped.length)
    items.push(
      h`<li>${plural(a.skipped.length, 'file')} skipped: <ul>${a.skipped.map((s) => h`<li><span class="mono">${s.path}</span>: ${s.reason}</li>`)}</ul></li>`,
    );
  if (a.suppressed.length)
    items.push(
      h`<li>${plural(a.suppressed.length, 'finding')} ignored by the inventory: <ul>${a.suppressed.map((s) => h`<li><span class="mono">${s.rule}</span>: ${withCode(s.message)} — <em>${s.reason}</em></li>`)}</ul></li>`,
    );
  if (a.baselined) items.push(h`<li>${plural(a.baselined, 'finding')} in the baseline (reported, not failing)</li>`);
  if (a.staleBaseline?.length)
    items.push(
      h`<li>${plural(a.staleBaseline.length, 'baseline entry', 'baseline entries')} match nothing any more: <ul>${a.staleBaseline.map((e) => h`<li><span class="mono">${e.rule}</span> ${e.ends.join(' ↔ ')} <span class="mono">${e.setting}</span></li>`)}</ul></li>`,
    );
  return items.length ? h`<h3>Left out of this audit</h3><ul class="audit-notes">${items}</ul>` : h``;
}

/** Worst verdict first, report order within a verdict; numbers follow that order. */
function ordered(views: TunnelView[]): TunnelView[] {
  const sorted = views
    .map((v, i) => ({ v, i }))
    .sort((x, y) => VERDICT_RANK[y.v.verdict] - VERDICT_RANK[x.v.verdict] || x.i - y.i)
    .map((x) => x.v);
  for (const [i, v] of sorted.entries()) v.index = i + 1;
  return sorted;
}

export function renderHtml(report: Report, source: ReportSource, options: HtmlOptions = {}): string {
  const title = options.title ?? 'IPsec tunnel audit';
  const n = namesOf(report);
  const grouped = groupFindings(report, source);
  const views = ordered(grouped.tunnels);
  const doc = h`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${report.tool} ${report.version}">
<title>${title}</title>
<style>${markup(STYLES)}${markup(options.styles ?? '')}</style>
</head>
<body>
<div class="page">
${header(report, views, grouped.other.length, title)}
<main>
${summary(views, n)}
${inputsSection(report, source.devices, n)}
${views.map((v) => tunnelSection(v, n))}
${otherSection(grouped.other, n)}
${options.appendix ?? ''}
${diagnosticsSection(source.devices, n)}
</main>
<footer>
<p>Generated by ${report.tool} ${report.version} at ${when(report.generatedAt)}. Pre-shared keys are compared by a fingerprint keyed for this run only; neither keys nor fingerprints appear in this file. A verdict is read from the configurations alone, not from a running tunnel.</p>
</footer>
</div>
</body>
</html>
`;
  return htmlString(doc);
}
