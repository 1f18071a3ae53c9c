/**
 * The one way a diagnostic is recorded: what an adapter (or a state reader) could not read or
 * chose to ignore, as a warning (the comparison may miss something) or a note (said for
 * completeness), at its file and line when it has one. Every adapter's own `warn`/`note` has the
 * same shape — (context, message, where) — and only turns its kind of place (a line number, an
 * XML node, a Cisco line) into a SourceRef before calling these.
 */
import type { Diagnostic, SourceRef } from './types.js';

/** Anything that collects diagnostics: a parse context, or the list itself. */
export type DiagnosticSink = { diagnostics: Diagnostic[] } | Diagnostic[];

function listOf(into: DiagnosticSink): Diagnostic[] {
  return Array.isArray(into) ? into : into.diagnostics;
}

export function diagnostic(level: Diagnostic['level'], message: string, at?: SourceRef): Diagnostic {
  return at ? { level, message, at } : { level, message };
}

export function warn(into: DiagnosticSink, message: string, at?: SourceRef): void {
  listOf(into).push(diagnostic('warning', message, at));
}

export function note(into: DiagnosticSink, message: string, at?: SourceRef): void {
  listOf(into).push(diagnostic('info', message, at));
}

/** The same message at the same place is said once (a finding reached from several tunnels). */
export function warnOnce(into: DiagnosticSink, message: string, at?: SourceRef): void {
  sayOnce(into, diagnostic('warning', message, at));
}

export function noteOnce(into: DiagnosticSink, message: string, at?: SourceRef): void {
  sayOnce(into, diagnostic('info', message, at));
}

/**
 * Per list, the diagnostics sayOnce has seen (level, line and message) and how far it has read the
 * list: the list was searched whole for each new one, quadratic in a file's notes (an ASA file of
 * 20,000 unread `crypto map` lines: 1.3 s, each line one note). Lists only grow (diagnostics are
 * pushed, never removed); one that shrank anyway is read again from its start.
 */
const seenIn = new WeakMap<Diagnostic[], { keys: Set<string>; read: number }>();

/** level and line hold no newline: the key is unambiguous whatever the message holds */
const onceKey = (d: Diagnostic): string => `${d.level}\n${d.at?.line}\n${d.message}`;

function sayOnce(into: DiagnosticSink, d: Diagnostic): void {
  const list = listOf(into);
  let seen = seenIn.get(list);
  if (!seen || seen.read > list.length) {
    seen = { keys: new Set(), read: 0 };
    seenIn.set(list, seen);
  }
  // what was pushed since, by this function or by warn/note
  for (; seen.read < list.length; seen.read++) seen.keys.add(onceKey(list[seen.read]));
  if (!seen.keys.has(onceKey(d))) list.push(d);
}
