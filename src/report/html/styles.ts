/**
 * The report's one stylesheet, inlined. System fonts only (no font files, no requests). Severity
 * is always spelled out in text (ERROR / WARNING / INFO and the verdict words); colour and the
 * left border only repeat it. Sizes are in rem so 200 % zoom reflows instead of clipping; the
 * print rules start each tunnel on a new page, keep rows and findings whole and drop tints.
 */
export const STYLES = `
:root {
  --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --paper: #fff; --tint: #f5f5f5;
  --error: #a4161a; --error-bg: #fde8e8;
  --warning: #8a4b00; --warning-bg: #fff1d6;
  --info: #1d4e89; --info-bg: #e7f0fb;
  --clean: #1e6b34; --clean-bg: #e5f4e9;
  --side-a: #1d4ed8; --side-b: #a14400;
}
* { box-sizing: border-box; }
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--paper); font: 0.95rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 78rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 0 0 .4rem; }
h5 { font-size: .9rem; margin: .8rem 0 .2rem; }
p { margin: .3rem 0 .6rem; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85rem; }
code { background: var(--tint); padding: 0 .2em; border-radius: 2px; overflow-wrap: anywhere; }
pre { background: var(--tint); border: 1px solid var(--line); padding: .5rem .6rem; margin: .2rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: #0b4fa1; }
.lede { font-size: 1.1rem; margin: .5rem 0 1rem; }
.muted { color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; caption-side: top; }
caption .muted { font-weight: normal; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #ececec; overflow-wrap: normal; }
tbody th[scope="row"] { font-weight: 600; }
table.sbs { table-layout: fixed; }
table.sbs th, table.sbs td { padding: .25rem .5rem; }
table.sbs col.setting { width: 17%; }
table.sbs col.end { width: 34%; }
table.sbs col.status { width: 15%; }
tr.group th { background: #dfe3e8; font-size: .9rem; }
.badge { display: inline-block; font-weight: 700; font-size: .75rem; letter-spacing: .03em; padding: .05rem .4rem; border-radius: 3px; border: 1px solid currentColor; white-space: nowrap; }
.badge.error { color: var(--error); background: var(--error-bg); }
.badge.warning { color: var(--warning); background: var(--warning-bg); }
.badge.info { color: var(--info); background: var(--info-bg); }
.badge.clean, .badge.same { color: var(--clean); background: var(--clean-bg); }
.badge.neutral { color: var(--muted); background: var(--tint); }
.verdict { display: inline-block; font-weight: 700; padding: .1rem .5rem; border-radius: 3px; border: 2px solid currentColor; }
.verdict.no-start { color: var(--error); background: var(--error-bg); }
.verdict.breaks-at-rekey { color: var(--error); background: var(--error-bg); border-style: dashed; }
.verdict.drifts { color: var(--warning); background: var(--warning-bg); }
.verdict.clean { color: var(--clean); background: var(--clean-bg); }
tr.sev-error > * { background: var(--error-bg); }
tr.sev-warning > * { background: var(--warning-bg); }
tr.sev-info > * { background: var(--info-bg); }
tr.sev-error > th:first-child { border-left: 6px solid var(--error); }
tr.sev-warning > th:first-child { border-left: 6px solid var(--warning); }
tr.sev-info > th:first-child { border-left: 6px solid var(--info); }
.cell .norm { font-weight: 600; display: block; }
.cell .raw { margin-right: .4rem; }
.cell .where { font-size: .8rem; color: var(--muted); white-space: nowrap; }
.default-tag { display: inline-block; font-size: .75rem; font-weight: 700; border: 1px dashed var(--muted); color: var(--muted); padding: 0 .3rem; border-radius: 3px; white-space: nowrap; }
.cell.absent .norm { font-weight: normal; font-style: italic; color: var(--muted); }
th .side-a, .side-a-text { color: var(--side-a); }
th .side-b, .side-b-text { color: var(--side-b); }
section.tunnel { margin-top: 2.5rem; }
section.tunnel > h2 { display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
article.finding { border: 1px solid var(--line); border-left: 6px solid var(--muted); padding: .6rem .8rem; margin: .8rem 0; break-inside: avoid; }
article.finding.sev-error { border-left-color: var(--error); }
article.finding.sev-warning { border-left-color: var(--warning); }
article.finding.sev-info { border-left-color: var(--info); }
.rule-id { font-weight: normal; color: var(--muted); font-size: .85rem; }
figure { margin: .5rem 0 1rem; }
figcaption { font-size: .85rem; color: var(--muted); margin-top: .3rem; }
svg.timeline { width: 100%; height: auto; display: block; border: 1px solid var(--line); background: #fff; }
svg.timeline text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg.timeline .group-label { font-weight: 700; }
svg.timeline .axis { fill: var(--muted); }
svg.timeline .grid { stroke: #e3e3e3; stroke-width: 1; }
svg.timeline .grid.major { stroke: #bdbdbd; }
svg.timeline .axis-line { stroke: var(--ink); stroke-width: 1; }
svg.timeline .baseline { stroke: #9a9a9a; stroke-width: 1; stroke-dasharray: 2 3; }
svg.timeline .side-a .tick, svg.timeline .side-a .shape { stroke: var(--side-a); fill: var(--side-a); }
svg.timeline .side-b .tick, svg.timeline .side-b .shape { stroke: var(--side-b); fill: var(--side-b); }
svg.timeline .tick { stroke-width: 2; }
svg.timeline .side-a .row-label { fill: var(--side-a); }
svg.timeline .side-b .row-label { fill: var(--side-b); }
svg.timeline .window { fill: #9aa7b8; fill-opacity: .35; }
svg.timeline .hard { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 3 2; }
svg.timeline .dense { fill: #9aa7b8; fill-opacity: .3; }
svg.timeline .collision line { stroke: var(--error); stroke-width: 2; stroke-dasharray: 5 3; }
svg.timeline .collision .cross { stroke: var(--error); stroke-width: 2.5; fill: none; }
svg.timeline .collision circle { fill: #fff; stroke: var(--error); stroke-width: 1.5; }
.collision-text { color: var(--error); font-weight: 700; }
ul.legend { list-style: none; padding: 0; margin: .3rem 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; font-size: .85rem; }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .6rem; font-size: .85rem; color: var(--muted); }
@media (max-width: 40rem) {
  .page { padding: 1rem .6rem 2rem; }
  tbody th[scope="row"] { width: auto; }
  th, td { padding: .3rem .35rem; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { font-size: 9.5pt; }
  .page { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  section.tunnel { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, article.finding, figure { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  svg.timeline { max-width: 100%; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
