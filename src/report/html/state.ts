/**
 * The state section of the HTML report: both ends' SAs side by side, each SPI linked to its
 * partner on the other end (A's outbound SPI is B's inbound one), stale SPIs marked in text and
 * colour, then the state findings with the command that clears exactly the SA. Used on its own by
 * `state --format html` and appended to the configuration report by `compare --state`.
 */
import type { Severity } from '../../compare/types.js';
import type { SaRow, SpiCell, StateReport, StateReportEnd } from '../../state/report.js';
import { h, type Html, htmlString, markup, withCode } from './markup.js';
import { STYLES } from './styles.js';

const SEVERITY_TEXT: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };
const STATUS_TEXT = { matched: 'partner found', stale: 'STALE: no partner', unchecked: 'not comparable' } as const;

/** Extra rules for the state tables (the page's stylesheet covers the rest). */
export const STATE_STYLES = `
.state-ends { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
@media (max-width: 60rem) { .state-ends { grid-template-columns: 1fr; } }
.spi { white-space: nowrap; }
.spi.stale { color: var(--error); background: var(--error-bg); font-weight: 700; }
.spi.matched { color: var(--clean); }
tr.stale-row { border-left: 4px solid var(--error); }
`;

function spiId(side: string, dir: string, spi: string): string {
  return `spi-${side}-${dir}-${spi}`;
}

function spiHtml(side: 'a' | 'b', c: SpiCell): Html {
  const other = side === 'a' ? 'b' : 'a';
  if (!c.spi) return h`<span class="spi unchecked" title="the listing prints no SPI">${c.direction} ${c.raw}</span>`;
  const label = h`${c.direction} <code>0x${c.spi}</code>`;
  const partner = spiId(other, c.direction === 'in' ? 'out' : 'in', c.spi);
  const body = c.status === 'matched' ? h`<a href="#${partner}">${label}</a>` : label;
  return h`<span class="spi ${c.status}" id="${spiId(side, c.direction, c.spi)}" data-spi="${c.spi}" data-status="${c.status}">${body} <span class="muted">(${STATUS_TEXT[c.status]})</span></span>`;
}

function saRow(side: 'a' | 'b', r: SaRow): Html {
  const stale = r.spis.some((s) => s.status === 'stale');
  const timers = [
    r.age !== undefined ? `age ${r.age} s` : '',
    r.rekey !== undefined ? `rekey in ${r.rekey} s` : '',
    r.expire !== undefined ? `expires in ${r.expire} s` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return h`<tr class="${stale ? 'stale-row' : ''}" data-sa="${r.id}">
<th scope="row"><span class="mono">${r.id}</span><br><span class="muted">${r.at.file}:${r.at.line}</span></th>
<td class="mono">${r.flow}${r.peer ? h`<br><span class="muted">peer ${r.peer}</span>` : ''}</td>
<td>${r.spis.map((s, k) => h`${k ? h`<br>` : ''}${spiHtml(side, s)}`)}</td>
<td>${timers || '—'}</td>
</tr>`;
}

function endColumn(e: StateReportEnd): Html {
  return h`<div class="state-end" data-side="${e.side}">
<h4>${e.side.toUpperCase()}: <span class="mono">${e.origin}</span> <span class="muted">(${e.vendor}${e.hostname ? `, ${e.hostname}` : ''})</span></h4>
<dl class="meta">
<dt>Captured</dt><dd><time datetime="${e.capturedAt.iso}">${e.capturedAt.iso}</time> <span class="muted">(${e.capturedAt.source})</span></dd>
<dt>Listings</dt><dd>${e.listings.map((l, k) => h`${k ? ', ' : ''}<code>${l.command}</code>`)}</dd>
${e.missing.length ? h`<dt>Missing</dt><dd>${e.missing.map((m, k) => h`${k ? h`<br>` : ''}<code>${m.command}</code>: ${m.consequence}`)}</dd>` : ''}
</dl>
<div class="table-wrap"><table class="state-sas">
<caption>${e.sas.length} SA(s) facing the other end</caption>
<thead><tr><th scope="col">SA</th><th scope="col">Selectors</th><th scope="col">SPIs</th><th scope="col">Timers</th></tr></thead>
<tbody>${e.sas.map((r) => saRow(e.side, r))}</tbody>
</table></div>
</div>`;
}

function findingHtml(f: StateReport['findings'][number], i: number): Html {
  return h`<article class="finding ${f.severity}" id="state-finding-${i + 1}" data-rule="${f.rule}">
<h4><span class="badge ${f.severity}">${SEVERITY_TEXT[f.severity]}</span> ${f.rule} — ${f.title}</h4>
<p>${withCode(f.message)}</p>
<p class="muted">${withCode(f.effect)}</p>
${f.on.sa?.at ? h`<p class="muted">${f.on.side.toUpperCase()}: ${f.on.sa.at.file}:${f.on.sa.at.line}</p>` : ''}
${f.on.fix ? h`<p>To clear on ${f.on.side.toUpperCase()} (advice; run it by hand):</p><pre>${f.on.fix}</pre>` : ''}
</article>`;
}

/** The section, for any page. */
export function stateSection(report: StateReport): Html {
  const gap = Math.abs(report.offsetSeconds);
  return h`<section id="state" aria-labelledby="state-h">
<h2 id="state-h">Runtime state</h2>
<p>${gap === 0 ? 'Both listings were captured at the same second.' : `${report.offsetSeconds > 0 ? 'B' : 'A'} was captured ${gap} s after ${report.offsetSeconds > 0 ? 'A' : 'B'}.`} Skew tolerated: ${report.skewSeconds} s. SAs matched by ${report.how}.</p>
<div class="state-ends">${report.ends.map(endColumn)}</div>
<h3>State findings</h3>
${report.findings.length ? report.findings.map(findingHtml) : h`<p>No state findings.</p>`}
${report.notes.length ? h`<h3>Not checked</h3><ul>${report.notes.map((n) => h`<li><code>${n.rule}</code>: ${n.message}</li>`)}</ul>` : ''}
</section>`;
}

/** `state --format html`: a page of its own. */
export function renderStateHtml(report: StateReport): string {
  const counts = (['error', 'warning', 'info'] as const).map((s) => `${report.summary[s]} ${s}`).join(', ');
  return htmlString(h`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="${report.tool} ${report.version}">
<title>IPsec runtime state</title>
<style>${markup(STYLES)}${markup(STATE_STYLES)}</style>
</head>
<body>
<div class="page">
<header><h1>IPsec runtime state</h1><p class="lede">${counts}</p></header>
<main>${stateSection(report)}</main>
<footer><p>Generated by ${report.tool} ${report.version} at ${report.generatedAt}. SA listings carry SPIs, never keys: the keys some platforms print are not read.</p></footer>
</div>
</body>
</html>
`);
}
