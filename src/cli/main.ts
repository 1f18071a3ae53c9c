#!/usr/bin/env node
/**
 * ipsec-drift command line. Every error reaches the user as one line (`file:line: message`
 * for input errors) with exit code 2 — never a stack trace (set IPSEC_DRIFT_DEBUG=1 for one).
 */
import { parseArgs } from 'node:util';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ParseError, UsageError } from '../model/errors.js';
import { VERSION } from '../version.js';
import { runCompare } from './commands/compare.js';
import { runState } from './commands/state.js';
import { runShow } from './commands/show.js';
import { runAuditCommand } from './commands/audit.js';
import { runExplain, runRules } from './commands/rules.js';
import { runPull } from './commands/pull.js';
import { liveArgsOf, readLiveInventory, readLivePositionals, readLiveStates } from '../collect/live.js';
import { runLab } from './commands/lab.js';
import { EXIT, type ExitCode, type Io, processIo } from './io.js';
import { forTerminal, neutralizeCommands } from '../report/sanitize.js';

const USAGE = `ipsec-drift ${VERSION} — configuration drift between the two ends of an IPsec tunnel

Usage:
  ipsec-drift compare A B [--format table|json|html] [--output FILE] [--fail-on error|warning|info|none]
                          [--tunnel A_NAME[:B_NAME]] [--vendor ID [--vendor ID]]
                          [--state [--sa A_SAS --sa B_SAS] [--skew SECONDS]]   config drift and runtime state in one report
  ipsec-drift state A B [--format table|json|html] [--output FILE] [--fail-on …] [--vendor ID [--vendor ID]]
                          [--config A_CONF --config B_CONF] [--skew SECONDS] [--captured-at ISO [--captured-at ISO]]
                          the SAs of both ends, SPI by SPI (saved listings or live)
  ipsec-drift audit [DIR|FILE…] [--inventory tunnels.yaml] [--format table|json|sarif|junit|html --output FILE]…
                          [--baseline FILE] [--write-baseline FILE] [--exclude GLOB]… [--jobs N] [--fail-on …]
  ipsec-drift show FILE [--format table|json] [--vendor ID]
  ipsec-drift pull [SOURCE…] [--inventory devices.yaml] --out DIR   snapshots of live devices
  ipsec-drift rules [--format table|json]
  ipsec-drift explain RULE_ID | ERROR_CODE      e.g. explain 0x00003647
  ipsec-drift lab A B [--tunnel A_NAME[:B_NAME]] [--format table|json]   negotiate both ends in strongSwan (root)

Live sources (compare, state, show, pull; url: in an audit inventory): ssh://user@host[:port]?vendor=ID,
  routeros://user@host[:port], routeros+tls://user@host[:port]
  [--identity KEY_FILE] [--known-hosts FILE] [--accept-new] [--concurrency N] [--timeout SECONDS]
  passwords only from IPSEC_DRIFT_SSH_PASSWORD / IPSEC_DRIFT_ENABLE_PASSWORD or password-env (docs/live.md)

Exit codes: 0 nothing at or above --fail-on (default warning), 1 findings, 2 usage or input error,
3 a live source could not be collected.
`;

const OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  tunnel: { type: 'string' },
  vendor: { type: 'string', multiple: true },
  inventory: { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  exclude: { type: 'string', multiple: true },
  out: { type: 'string' },
  identity: { type: 'string' },
  'known-hosts': { type: 'string' },
  'accept-new': { type: 'boolean' },
  concurrency: { type: 'string' },
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  state: { type: 'boolean' },
  sa: { type: 'string', multiple: true },
  config: { type: 'string', multiple: true },
  skew: { type: 'string' },
  'captured-at': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

function single(values: string[] | undefined, name: string): string | undefined {
  if (values && values.length > 1) throw new UsageError(`--${name} is given ${values.length} times; this command takes one`);
  return values?.[0];
}

export async function run(argv: string[], io: Io): Promise<ExitCode> {
  try {
    const { values, positionals, tokens } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
    if (values.version) {
      io.stdout(`${VERSION}\n`);
      return EXIT.OK;
    }
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      io.stdout(USAGE);
      return command || values.help ? EXIT.OK : EXIT.INPUT;
    }
    switch (command) {
      case 'compare': {
        const vendors = values.vendor ?? [];
        const pairVendors = [vendors[0], vendors[1] ?? vendors[0]];
        const live = rest.length === 2 ? await readLivePositionals(rest, pairVendors, liveArgsOf(values, io), io) : undefined;
        const liveStates = values.state && rest.length === 2 ? await readLiveStates(rest, pairVendors, liveArgsOf(values, io), io) : undefined;
        if (live?.failures.length || liveStates?.failures.length) return EXIT.COLLECT;
        return runCompare(
          {
            positionals: rest,
            format: single(values.format, 'format'),
            output: single(values.output, 'output'),
            failOn: values['fail-on'],
            tunnel: values.tunnel,
            vendor: values.vendor,
            live: live?.byPositional,
            ...(values.state || values.sa || values.skew !== undefined || values['captured-at']
              ? {
                  state: {
                    enabled: Boolean(values.state),
                    sa: values.sa,
                    skew: values.skew,
                    capturedAt: values['captured-at'],
                    live: liveStates?.byPositional,
                  },
                }
              : {}),
          },
          io,
        );
      }
      case 'state': {
        const vendors = values.vendor ?? [];
        const live = rest.length === 2 ? await readLiveStates(rest, [vendors[0], vendors[1] ?? vendors[0]], liveArgsOf(values, io), io) : undefined;
        if (live?.failures.length) return EXIT.COLLECT;
        return runState(
          {
            positionals: rest,
            format: single(values.format, 'format'),
            output: single(values.output, 'output'),
            failOn: values['fail-on'],
            vendor: values.vendor,
            config: values.config,
            skew: values.skew,
            capturedAt: values['captured-at'],
            live: live?.byPositional,
          },
          io,
        );
      }
      case 'audit': {
        const live = values.inventory ? await readLiveInventory(values.inventory, liveArgsOf(values, io), io) : undefined;
        const code = runAuditCommand(
          {
            positionals: rest,
            format: values.format,
            output: values.output,
            // `--format X --output FILE` pairs by order on the command line, which values alone lose
            formatSequence: tokens.flatMap((t) =>
              t.kind === 'option' && (t.name === 'format' || t.name === 'output') && t.value !== undefined ? [{ option: t.name, value: t.value }] : [],
            ),
            failOn: values['fail-on'],
            inventory: values.inventory,
            baseline: values.baseline,
            writeBaseline: values['write-baseline'],
            exclude: values.exclude,
            liveDevices: live?.devices,
            jobs: values.jobs,
          },
          io,
        );
        return live?.failures.length ? EXIT.COLLECT : code;
      }
      case 'show': {
        const live = rest.length === 1 ? await readLivePositionals(rest, [values.vendor?.[0]], liveArgsOf(values, io), io) : undefined;
        if (live?.failures.length) return EXIT.COLLECT;
        return runShow({ positionals: rest, format: single(values.format, 'format'), vendor: values.vendor, live: live?.byPositional }, io);
      }
      case 'pull':
        return await runPull({ positionals: rest, inventory: values.inventory, out: values.out, vendor: values.vendor, ...liveArgsOf(values, io) }, io);
      case 'rules':
        return runRules({ format: single(values.format, 'format') }, io);
      case 'explain':
        return runExplain({ positionals: rest }, io);
      case 'lab':
        return await runLab({ positionals: rest, format: single(values.format, 'format'), tunnel: values.tunnel, vendor: values.vendor }, io);
      default:
        throw new UsageError(`unknown command "${command}"; expected compare, state, audit, show, pull, rules, explain or lab`);
    }
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: Io): ExitCode {
  // a file name or a device's words in a message: never raw to a terminal or a CI log
  if (e instanceof ParseError) io.stderr(`${neutralizeCommands(forTerminal(e.located))}\n`);
  else if (e instanceof UsageError) io.stderr(`ipsec-drift: ${neutralizeCommands(forTerminal(e.message, true))}\n`);
  else if (e instanceof Error && 'code' in e && String((e as { code: unknown }).code).startsWith('ERR_PARSE_ARGS'))
    io.stderr(`ipsec-drift: ${e.message}\n${USAGE}`);
  else {
    io.stderr(`ipsec-drift: internal error: ${neutralizeCommands(forTerminal(e instanceof Error ? e.message : String(e), true))}\n`);
    if (io.env.IPSEC_DRIFT_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
  }
  return EXIT.INPUT;
}

function isMain(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = await run(process.argv.slice(2), processIo());
}
