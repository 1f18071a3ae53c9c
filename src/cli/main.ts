#!/usr/bin/env node
/**
 * ipsec-drift command line (commander). Each command declares exactly the options it takes, so an
 * option that does not apply is an error (exit 2), not silently ignored; `--help` on any command
 * and `ipsec-drift help <command>` print its options; usage errors go to stderr with the command's
 * usage line. Every error reaches the user as one line (`file:line: message` for input errors)
 * with exit code 2 — never a stack trace (set IPSEC_DRIFT_DEBUG=1 for one).
 *
 * Commands are imported when they run: `--version` and `--help` load neither SSH nor any adapter.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { Command, CommanderError, Option } from 'commander';
import { ParseError, UsageError } from '../model/errors.js';
import { VERSION } from '../version.js';
import { EXIT, type ExitCode, type Io, processIo } from './io.js';
import { forTerminal, neutralizeCommands } from '../report/sanitize.js';
import type { LiveArgs } from '../collect/live.js';

const OVERVIEW = `ipsec-drift ${VERSION} — configuration drift between the two ends of an IPsec tunnel

Usage:
  ipsec-drift compare A B [--format table|json|html] [--output FILE] [--fail-on error|warning|info|none]
                          [--tunnel A_NAME[:B_NAME]] [--vendor ID [--vendor ID]]
                          [--state [--sa A_SAS --sa B_SAS] [--skew SECONDS]]   config drift and runtime state in one report
  ipsec-drift state A B [--format table|json|html] [--output FILE] [--fail-on …] [--vendor ID [--vendor ID]]
                          [--config A_CONF --config B_CONF] [--skew SECONDS] [--captured-at ISO [--captured-at ISO]]
                          the SAs of both ends, SPI by SPI (saved listings or live)
  ipsec-drift audit [DIR|FILE…] [--inventory tunnels.yaml] [--format table|json|sarif|junit|html|markdown|codequality
                          --output FILE]…
                          [--baseline FILE] [--write-baseline FILE] [--exclude GLOB]… [--jobs N] [--fail-on …]
  ipsec-drift show FILE [--format table|json] [--vendor ID]
  ipsec-drift pull [SOURCE…] [--inventory devices.yaml] --out DIR   snapshots of live devices
  ipsec-drift rules [--format table|json]
  ipsec-drift explain RULE_ID | ERROR_CODE      e.g. explain 0x00003647
  ipsec-drift lab A B [--tunnel A_NAME[:B_NAME]] [--format table|json]   negotiate both ends in strongSwan (root)
  ipsec-drift help COMMAND                      a command's options (or: ipsec-drift COMMAND --help)

Live sources (compare, state, show, pull; url: in an audit inventory): ssh://user@host[:port]?vendor=ID,
  routeros://user@host[:port], routeros+tls://user@host[:port]
  [--identity KEY_FILE] [--known-hosts FILE] [--accept-new] [--concurrency N] [--timeout SECONDS]
  passwords only from IPSEC_DRIFT_SSH_PASSWORD / IPSEC_DRIFT_ENABLE_PASSWORD or password-env (docs/live.md)

Options of every command: -q, --quiet (no progress or notes on stderr), -h, --help.
  -v, --version prints the version.
Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on. COLUMNS sets the width of the report.

Exit codes: 0 nothing at or above --fail-on (default warning), 1 findings, 2 usage or input error,
3 a live source could not be collected.
`;

/** What the command-line parser hands each command: the values of its own options (commander's camelCase names). */
type Opts = Record<string, unknown>;

const many = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
const str = (o: Opts, name: string): string | undefined => o[name] as string | undefined;
const list = (o: Opts, name: string): string[] | undefined => o[name] as string[] | undefined;

function single(values: string[] | undefined, name: string): string | undefined {
  if (values && values.length > 1) throw new UsageError(`--${name} is given ${values.length} times; this command takes one`);
  return values?.[0];
}

/** A positional that names a live device (a URL): only then is the collector (SSH, the RouterOS API) loaded. */
const LOOKS_LIVE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The options every command that reads live sources takes. */
function liveOptions(c: Command): Command {
  return c
    .option('--identity <file>', 'SSH private key file')
    .option('--known-hosts <file>', 'known_hosts file (default ~/.ssh/known_hosts)')
    .option('--accept-new', 'trust and record the host key of a host not yet in known_hosts')
    .option('--concurrency <n>', 'devices collected at once (default 16)')
    .option('--timeout <seconds>', 'time limit per device');
}

function liveArgs(o: Opts, io: Io): LiveArgs {
  return {
    identity: str(o, 'identity'),
    knownHosts: str(o, 'knownHosts'),
    acceptNew: Boolean(o.acceptNew),
    concurrency: str(o, 'concurrency'),
    timeout: str(o, 'timeout'),
    progress: progressWanted(io, o),
  };
}

/** Progress lines on stderr: only for a person at a terminal (the Io says so), never in CI, never with --quiet. */
function progressWanted(io: Io, o: Opts): boolean {
  return Boolean(io.progress) && !o.quiet && !io.env.CI;
}

/** `unknown option '--inventory'` on show: say which commands do take it. */
function explainUnknownOption(message: string, command: string, all: readonly Command[]): string {
  const m = /unknown option '(--?[\w-]+)/.exec(message);
  if (!m) return message;
  const takers = all.filter((c) => c.name() !== command && c.options.some((x) => x.long === m[1] || x.short === m[1])).map((c) => c.name());
  if (takers.length === 0) return message;
  return `${message.trimEnd()}: ${command} does not take it (${takers.join(', ')} ${takers.length === 1 ? 'does' : 'do'})\n`;
}

const FORMAT = (formats: string) => new Option('--format <format>', `output format: ${formats}`).argParser(many);
const FAIL_ON = () => new Option('--fail-on <severity>', 'lowest severity that exits 1: error, warning, info, none (default warning)');
const VENDOR = () => new Option('--vendor <id>', 'the vendor of the inputs (once for both, or twice: A then B); detected when not given').argParser(many);

/** Builds the program for one run: its output goes to `io`, and each command's exit code to `done`. */
function program(io: Io, done: (code: ExitCode) => void): Command {
  const p = new Command('ipsec-drift');
  p.exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`ipsec-drift: ${s.replace(/^error: /, '')}`),
      getOutHasColors: () => io.color,
      getErrHasColors: () => false,
    })
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'print the help')
    .option('-q, --quiet', 'no progress or notes on stderr')
    .showSuggestionAfterError(true);
  p.helpInformation = () => OVERVIEW;

  p.showHelpAfterError('(ipsec-drift --help lists the commands)');
  // `-q` before the command (ipsec-drift -q audit) counts as well as after it
  const global = (o: Opts): Opts => ({ ...o, quiet: Boolean(o.quiet || p.opts().quiet) });

  const command = (name: string, args: string, summary: string): Command => {
    const c = p.command(name).usage(`${args} [options]`).summary(summary).description(summary).option('-q, --quiet', 'no progress or notes on stderr');
    // a usage error shows the usage line and where the options are listed
    c.showHelpAfterError(`usage: ipsec-drift ${name} ${args} [options]\n(ipsec-drift help ${name} lists the options)`);
    c.configureOutput({
      ...p.configureOutput(),
      outputError: (s, write) => write(`ipsec-drift: ${explainUnknownOption(s.replace(/^error: /, ''), name, p.commands)}`),
    });
    return c;
  };

  liveOptions(
    command('compare', 'A B', 'compare the two ends of a tunnel: every configuration difference, its effect and the fix')
      .argument('[inputs...]', 'two configurations (files or live sources)')
      .addOption(FORMAT('table, json, html'))
      .option('--output <file>', 'write the report to FILE instead of standard output', many)
      .addOption(FAIL_ON())
      .option('--tunnel <name>', 'the tunnels to compare: A_NAME or A_NAME:B_NAME (default: paired automatically)')
      .addOption(VENDOR())
      .option('--state', 'also read and compare the runtime state (SAs) of both ends')
      .option('--sa <file>', 'with --state: the SA listing of each end (twice: A then B)', many)
      .option('--skew <seconds>', 'with --state: clock difference tolerated between the captures')
      .option('--captured-at <iso>', 'with --state: when each listing was taken (once for both, or A then B), e.g. 2026-03-01T14:05:00Z', many),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  ipsec-drift compare fgt-branch.conf pfsense-hq.xml\n  ipsec-drift compare fgt.conf asa.cfg --state --sa fgt-sas.txt --sa asa-sas.txt',
    )
    .action(async (inputs: string[], local: Opts) => {
      const o = global(local);
      const { runCompare } = await import('./commands/compare.js');
      const vendors = list(o, 'vendor') ?? [];
      const pairVendors = [vendors[0], vendors[1] ?? vendors[0]];
      const livePositionals = inputs.length === 2 && inputs.some((x) => LOOKS_LIVE.test(x));
      const live = livePositionals ? await import('../collect/live.js') : undefined;
      const devices = live ? await live.readLivePositionals(inputs, pairVendors, liveArgs(o, io), io) : undefined;
      const states = live && o.state ? await live.readLiveStates(inputs, pairVendors, liveArgs(o, io), io) : undefined;
      if (devices?.failures.length || states?.failures.length) return done(EXIT.COLLECT);
      done(
        runCompare(
          {
            positionals: inputs,
            format: single(list(o, 'format'), 'format'),
            output: single(list(o, 'output'), 'output'),
            failOn: str(o, 'failOn'),
            tunnel: str(o, 'tunnel'),
            vendor: list(o, 'vendor'),
            live: devices?.byPositional,
            ...(o.state || o.sa || o.skew !== undefined || o.capturedAt
              ? {
                  state: {
                    enabled: Boolean(o.state),
                    sa: list(o, 'sa'),
                    skew: str(o, 'skew'),
                    capturedAt: list(o, 'capturedAt'),
                    live: states?.byPositional,
                  },
                }
              : {}),
          },
          io,
        ),
      );
    });

  liveOptions(
    command('state', 'A B', 'the SAs both ends run now, matched SPI by SPI (saved listings or live)')
      .argument('[inputs...]', 'two SA listings (files or live sources)')
      .addOption(FORMAT('table, json, html'))
      .option('--output <file>', 'write the report to FILE instead of standard output', many)
      .addOption(FAIL_ON())
      .addOption(VENDOR())
      .option('--config <file>', 'the configuration of each end (twice: A then B; - for none)', many)
      .option('--skew <seconds>', 'clock difference tolerated between the captures')
      .option('--captured-at <iso>', 'when each listing was taken (once for both, or A then B), e.g. 2026-03-01T14:05:00Z', many),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  ipsec-drift state fgt-sas.txt asa-sas.txt\n  ipsec-drift state ssh://admin@fw1?vendor=fortigate ssh://netops@asa1?vendor=asa',
    )
    .action(async (inputs: string[], local: Opts) => {
      const o = global(local);
      const { runState } = await import('./commands/state.js');
      const vendors = list(o, 'vendor') ?? [];
      const live =
        inputs.length === 2 && inputs.some((x) => LOOKS_LIVE.test(x))
          ? await (await import('../collect/live.js')).readLiveStates(inputs, [vendors[0], vendors[1] ?? vendors[0]], liveArgs(o, io), io)
          : undefined;
      if (live?.failures.length) return done(EXIT.COLLECT);
      done(
        runState(
          {
            positionals: inputs,
            format: single(list(o, 'format'), 'format'),
            output: single(list(o, 'output'), 'output'),
            failOn: str(o, 'failOn'),
            vendor: list(o, 'vendor'),
            config: list(o, 'config'),
            skew: str(o, 'skew'),
            capturedAt: list(o, 'capturedAt'),
            live: live?.byPositional,
          },
          io,
        ),
      );
    });

  // `--format X --output FILE` pair by their order on the command line: commander calls the
  // parsers in that order, so they record it
  const sequence: Array<{ option: 'format' | 'output'; value: string }> = [];
  const inOrder = (option: 'format' | 'output') => (value: string, previous: string[] | undefined) => {
    sequence.push({ option, value });
    return many(value, previous);
  };
  liveOptions(
    command('audit', '[DIR|FILE…]', 'every tunnel in a repository of configurations, paired and checked (the CI mode)')
      .argument('[paths...]', 'directories or files to read (default: .)')
      .option('--inventory <file>', 'tunnels.yaml: devices, pairs, NAT, contracts, severities, ignores')
      .option('--format <format>', 'table, json, sarif, junit, html, markdown, codequality (repeatable, each with its --output)', inOrder('format'))
      .option('--output <file>', 'where the --format just before goes (default: standard output)', inOrder('output'))
      .addOption(FAIL_ON())
      .option('--baseline <file>', 'fail only on findings not in this baseline')
      .option('--write-baseline <file>', 'record the current findings as the baseline (exits 0)')
      .option('--exclude <glob>', 'leave out matching paths (repeatable)', many)
      .option('--jobs <n>', 'threads that read the files (default: one per core)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  ipsec-drift audit configs/\n  ipsec-drift audit configs/ --inventory tunnels.yaml --format table --format sarif --output results.sarif',
    )
    .action(async (paths: string[], local: Opts) => {
      const o = global(local);
      const { runAuditCommand } = await import('./commands/audit.js');
      const inventory = str(o, 'inventory');
      const live = inventory ? await (await import('../collect/live.js')).readLiveInventory(inventory, liveArgs(o, io), io) : undefined;
      const code = runAuditCommand(
        {
          positionals: paths,
          format: list(o, 'format'),
          output: list(o, 'output'),
          formatSequence: sequence,
          failOn: str(o, 'failOn'),
          inventory,
          baseline: str(o, 'baseline'),
          writeBaseline: str(o, 'writeBaseline'),
          exclude: list(o, 'exclude'),
          liveDevices: live?.devices,
          jobs: str(o, 'jobs'),
          progress: progressWanted(io, o),
        },
        io,
      );
      done(live?.failures.length ? EXIT.COLLECT : code);
    });

  liveOptions(
    command('show', 'FILE', 'the normalized device, as the comparison sees it')
      .argument('[inputs...]', 'one configuration (a file or a live source)')
      .addOption(FORMAT('table, json'))
      .addOption(VENDOR()),
  ).action(async (inputs: string[], local: Opts) => {
    const o = global(local);
    const { runShow } = await import('./commands/show.js');
    const live =
      inputs.length === 1 && LOOKS_LIVE.test(inputs[0])
        ? await (await import('../collect/live.js')).readLivePositionals(inputs, [list(o, 'vendor')?.[0]], liveArgs(o, io), io)
        : undefined;
    if (live?.failures.length) return done(EXIT.COLLECT);
    done(runShow({ positionals: inputs, format: single(list(o, 'format'), 'format'), vendor: list(o, 'vendor'), live: live?.byPositional }, io));
  });

  liveOptions(
    command('pull', '[SOURCE…] --out DIR', 'read-only snapshots of live devices, written into a config repository')
      .argument('[sources...]', 'live sources (ssh://user@host?vendor=ID, routeros://user@host)')
      .option('--inventory <file>', 'devices.yaml: the devices to pull (those with a url)')
      .option('--out <dir>', 'where the snapshots are written')
      .addOption(VENDOR()),
  ).action(async (sources: string[], local: Opts) => {
    const o = global(local);
    const { runPull } = await import('./commands/pull.js');
    done(
      await runPull(
        { positionals: sources, inventory: str(o, 'inventory'), out: str(o, 'out'), vendor: list(o, 'vendor'), quiet: Boolean(o.quiet), ...liveArgs(o, io) },
        io,
      ),
    );
  });

  command('rules', '', 'the rule catalog')
    .addOption(FORMAT('table, json'))
    .action(async (o: Opts) => {
      const { runRules } = await import('./commands/rules.js');
      done(runRules({ format: single(list(o, 'format'), 'format') }, io));
    });

  command('explain', 'RULE_ID|ERROR_CODE', 'one rule, or what a Windows/IKE error code points at')
    .argument('[keys...]', 'a rule id (p2-lifetime-mismatch) or an error code (0x00003647, 13868, ERROR_IPSEC_IKE_QM_EXPIRED)')
    .addHelpText('after', '\nExamples:\n  ipsec-drift explain 0x00003647\n  ipsec-drift explain lifetime-unit-trap')
    .action(async (keys: string[]) => {
      const { runExplain } = await import('./commands/rules.js');
      done(runExplain({ positionals: keys }, io));
    });

  command('lab', 'A B', 'negotiate both ends for real in strongSwan (root only)')
    .argument('[inputs...]', 'two configurations')
    .addOption(FORMAT('table, json'))
    .option('--tunnel <name>', 'the tunnels to negotiate: A_NAME or A_NAME:B_NAME')
    .addOption(VENDOR())
    .action(async (inputs: string[], o: Opts) => {
      const { runLab } = await import('./commands/lab.js');
      done(await runLab({ positionals: inputs, format: single(list(o, 'format'), 'format'), tunnel: str(o, 'tunnel'), vendor: list(o, 'vendor') }, io));
    });

  return p;
}

export async function run(argv: string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.OK;
  try {
    await program(io, (c) => {
      code = c;
    }).parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; the overview printed for a missing command, and every parse error, are usage errors
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.OK;
      if (e.code === 'commander.help' && argv[0] === 'help') return EXIT.OK;
      return EXIT.INPUT;
    }
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: Io): ExitCode {
  // a file name or a device's words in a message: never raw to a terminal or a CI log
  if (e instanceof ParseError) io.stderr(`${neutralizeCommands(forTerminal(e.located))}\n`);
  else if (e instanceof UsageError) io.stderr(`ipsec-drift: ${neutralizeCommands(forTerminal(e.message, true))}\n`);
  else {
    io.stderr(`ipsec-drift: internal error: ${neutralizeCommands(forTerminal(e instanceof Error ? e.message : String(e), true))}\n`);
    if (io.env.IPSEC_DRIFT_DEBUG && e instanceof Error) io.stderr(`${e.stack}\n`);
  }
  return EXIT.INPUT;
}

/** Run as a program (not imported by a test, nor loaded in a worker thread, which sees the same argv). */
function isMain(): boolean {
  if (!isMainThread) return false;
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = await run(process.argv.slice(2), processIo());
}
