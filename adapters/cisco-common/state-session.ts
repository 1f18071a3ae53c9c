/**
 * Cutting a saved Cisco session into the listings it holds: each listing starts after the prompt
 * line that typed its command (`ciscoasa(config)# show crypto ikev2 sa`, `Router#show crypto isakmp sa`,
 * `sh cry ips sa`), or — pasted without its command — at its own first line. Everything else
 * (pings, other commands) is skipped. Shared by the ASA and IOS state readers.
 */
import { promptCommand } from '../../src/model/state-text.js';

export interface ListingKind<K extends string> {
  kind: K;
  /** the command as typed (abbreviations allowed) */
  command: RegExp;
  /** the listing's own first line, for pastes without a prompt */
  bare: RegExp;
}

export interface Listing<K extends string> {
  kind: K;
  /** the prompt line (or the first line of a bare paste), 0-based */
  cmdAt: number;
  from: number;
  to: number;
  host?: string;
}

export function cutListings<K extends string>(lines: string[], kinds: ReadonlyArray<ListingKind<K>>): Listing<K>[] {
  const starts: Array<{ kind: K | 'other'; cmdAt: number; from: number; host?: string }> = [];
  lines.forEach((line, i) => {
    const p = promptCommand(line);
    if (p && !/^#?pkts\b|^#/.test(p.command)) {
      const k = kinds.find((x) => x.command.test(p.command));
      starts.push({ kind: k ? k.kind : 'other', cmdAt: i, from: i + 1, host: p.host });
      return;
    }
    const bare = kinds.find((x) => x.bare.test(line));
    if (!bare) return;
    const prev = starts[starts.length - 1];
    // a listing's own first line right after its command, or again inside the same listing, is not a new one
    if (prev && prev.kind === bare.kind) return;
    starts.push({ kind: bare.kind, cmdAt: i, from: i });
  });
  const out: Listing<K>[] = [];
  starts.forEach((s, k) => {
    if (s.kind === 'other') return;
    const l: Listing<K> = { kind: s.kind, cmdAt: s.cmdAt, from: s.from, to: starts[k + 1]?.cmdAt ?? lines.length };
    if (s.host) l.host = s.host;
    if (lines.slice(l.from, l.to).some((x) => x.trim() !== '')) out.push(l);
  });
  return out;
}

/** The newest listing of each kind (a session may run a command twice), in kind order. */
export function newestOfEach<K extends string>(found: Listing<K>[], kinds: ReadonlyArray<ListingKind<K>>): { chosen: Listing<K>[]; repeated: K[] } {
  const chosen: Listing<K>[] = [];
  const repeated: K[] = [];
  for (const k of kinds) {
    const of = found.filter((f) => f.kind === k.kind);
    if (of.length) chosen.push(of[of.length - 1]);
    if (of.length > 1) repeated.push(k.kind);
  }
  return { chosen, repeated };
}

/** The hostname from the last prompt before the first listing (`ciscoasa(config)#` → ciscoasa). */
export function hostOf(lines: string[]): string | undefined {
  let host: string | undefined;
  for (const l of lines) {
    const p = promptCommand(l);
    if (p?.host && !/^#/.test(p.command)) host = p.host;
  }
  return host;
}
