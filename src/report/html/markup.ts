/**
 * Escaping by construction. Every value in the report comes from a config file written by someone
 * else (`<lifetime>`, `&`, quotes in comments), so markup is built only with the `h` template:
 * interpolated strings are escaped, and only `Html` values (made by `h` itself or `markup` on a
 * literal of our own) pass through. There is no way to insert an unescaped string by accident.
 */

import { forHtml } from '../sanitize.js';

/** Markup that is safe to insert as is. */
export interface Html {
  readonly __html: string;
}

/** What `h` accepts in a `${…}` slot: text (escaped), markup, nothing, or a list of these. */
export type Part = Html | string | number | undefined | null | false | readonly Part[];

/** Text for element content and double- or single-quoted attribute values (controls and non-characters shown, not raw). */
export const esc = forHtml;

function isHtml(p: Part): p is Html {
  return typeof p === 'object' && p !== null && !Array.isArray(p) && '__html' in p;
}

function render(p: Part): string {
  if (p === undefined || p === null || p === false) return '';
  if (isHtml(p)) return p.__html;
  if (Array.isArray(p)) return p.map(render).join('');
  return esc(String(p));
}

/** Tagged template: the literal parts are ours, every interpolation is escaped unless it is `Html`. */
export function h(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0];
  for (let i = 0; i < parts.length; i++) out += render(parts[i]) + strings[i + 1];
  return { __html: out };
}

/** Our own constant markup (the stylesheet). Never call it with text from an input. */
export function markup(ours: string): Html {
  return { __html: ours };
}

export function htmlString(doc: Html): string {
  return doc.__html;
}

/**
 * Text with `backtick` spans as <code>: rule explanations and messages quote config syntax that
 * way. The text is escaped first; only the <code> wrapping is added.
 */
export function withCode(text: string): Html {
  const pieces = text.split('`');
  // an unbalanced backtick leaves the tail as plain text rather than swallowing it into code
  const balanced = pieces.length % 2 === 1;
  return h`${pieces.map((piece, i) => (i % 2 === 1 && (balanced || i < pieces.length - 1) ? h`<code>${piece}</code>` : i % 2 === 1 ? `\`${piece}` : piece))}`;
}
