/** The lab itself: one negotiation, faults, and that nothing is left behind (root + strongSwan). */
import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { labNamespaces, LabFault, sweepLeftovers, withLab, type LabTools } from '../../src/lab/harness.js';
import { negotiatePair } from '../../src/lab/negotiate.js';
import { caseById } from '../../src/lab/mutate.js';
import { LAB_ADDRESSES, renderPair } from '../../src/lab/render.js';
import { run } from '../../src/cli/main.js';
import { ROOT } from '../helpers.js';
import { labToolsOrSkip } from './helpers/skip.js';
import { captureIo } from '../io.js';

function pidsIn(tools: LabTools, ns: string): number[] {
  return spawnSync(tools.ip, ['netns', 'pids', ns], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Running (a zombie waiting for init to reap it counts as dead). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The pids still alive after up to 3 s (the kernel delivers SIGKILL and init reaps asynchronously). */
async function survivors(pids: number[]): Promise<number[]> {
  const deadline = Date.now() + 3000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return pids.filter(alive);
}

/** Start the hold-lab helper, wait for its "ready" line (never longer than 30 s). */
function holdLab(): Promise<{ child: ReturnType<typeof spawn>; nsA: string; nsB: string; dir: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/lab/helpers/hold-lab.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('hold-lab did not get ready in 30 s'));
    }, 30000);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+) (\S+) (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, nsA: m[1], nsB: m[2], dir: m[3] });
      }
    });
    child.on('exit', () => reject(new Error(`hold-lab exited early: ${out}`)));
  });
}

function exited(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('lab harness (root, namespaces, strongSwan)', () => {
  let tools: LabTools;
  before(function () {
    tools = labToolsOrSkip(this);
    sweepLeftovers(tools);
  });

  it('negotiates the matching pair well under 2 s, both ways, with rekeys, and leaves nothing behind', async () => {
    // only this process's namespaces: another lab run on the machine (a developer's, a CI retry) may be busy too
    const mine = () => labNamespaces(tools).filter((n) => n.startsWith(`ipsdrift-${process.pid}-`));
    const before = mine();
    const out = await negotiatePair(tools, caseById('v2/matching')!.pair);
    expect(out.verdict).to.equal('works');
    expect(out.directions.map((d) => d.initiator)).to.deep.equal(['a', 'b']);
    for (const d of out.directions) {
      expect(d.setupMs).to.be.below(2000);
      expect(d.ikeProposal).to.equal('AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048');
      expect(d.children[0]).to.include({ established: true, proposal: 'ESP:AES_CBC-256/HMAC_SHA2_256_128', narrowed: false });
      expect(d.rekeys.map((r) => [r.by, r.ok, r.dhGroup])).to.deep.equal([
        [d.initiator, true, 'MODP_2048'],
        [d.initiator === 'a' ? 'b' : 'a', true, 'MODP_2048'],
      ]);
    }
    expect(mine()).to.deep.equal(before);
  });

  it('shows a PFS mismatch only at the first rekey (IKEv2), with the notify', async () => {
    const out = await negotiatePair(tools, caseById('v2/pfs-a-only')!.pair);
    expect(out.verdict).to.equal('breaks-at-rekey');
    expect(out.directions[0].rekeys.every((r) => !r.ok && r.notifies.includes('NO_PROPOSAL_CHOSEN'))).to.equal(true);
  });

  it('reports the notify of a refused IKE_SA and of refused selectors', async () => {
    const psk = await negotiatePair(tools, caseById('v2/psk-differ')!.pair);
    expect([psk.verdict, psk.directions[0].notifies]).to.deep.equal(['fails-at-setup', ['AUTHENTICATION_FAILED']]);
    const ts = await negotiatePair(tools, caseById('v2/ts-disjoint')!.pair);
    expect([ts.directions[0].ikeEstablished, ts.directions[0].notifies]).to.deep.equal([true, ['TS_UNACCEPTABLE']]);
  });

  it('a configuration charon refuses is a LabFault naming the reason, and the lab is still torn down', async () => {
    const rendered = renderPair(caseById('v2/matching')!.pair);
    rendered.a.swanctlConf = rendered.a.swanctlConf.replace('aes256-sha256-modp2048', 'no-such-algorithm');
    let dir = '';
    let ns: string[] = [];
    const err = await withLab(tools, LAB_ADDRESSES, async (lab) => {
      dir = lab.dir;
      ns = Object.values(lab.ns);
      return lab.start('a', rendered.a, 'bad').then(
        () => undefined,
        (e: unknown) => e,
      );
    });
    expect(err).to.be.instanceOf(LabFault);
    expect((err as Error).message).to.match(/refused the rendered swanctl.conf: .*proposals/);
    expect(existsSync(dir)).to.equal(false);
    for (const n of ns) expect(labNamespaces(tools)).to.not.include(n);
  });

  it('SIGTERM tears down namespaces, veth and both charons', async () => {
    const { child, nsA, nsB, dir } = await holdLab();
    const charons = [...pidsIn(tools, nsA), ...pidsIn(tools, nsB)];
    expect(charons.length).to.equal(2);
    child.kill('SIGTERM');
    await exited(child);
    expect(labNamespaces(tools)).to.not.include.members([nsA, nsB]);
    expect(await survivors(charons)).to.deep.equal([]);
    expect(existsSync(dir)).to.equal(false);
  });

  it('after SIGKILL the charons die with their parent and the next run sweeps the namespaces', async () => {
    const { child, nsA, nsB } = await holdLab();
    const charons = [...pidsIn(tools, nsA), ...pidsIn(tools, nsB)];
    child.kill('SIGKILL');
    await exited(child);
    expect(await survivors(charons)).to.deep.equal([]);
    expect(labNamespaces(tools)).to.include.members([nsA, nsB]);
    expect(sweepLeftovers(tools)).to.include.members([nsA, nsB]);
    expect(labNamespaces(tools)).to.not.include.members([nsA, nsB]);
  });

  it('ipsec-drift lab: the demo pair comes up and the lab agrees with compare (exit 0)', async () => {
    const io = captureIo();
    const code = await run(['lab', 'fixtures/pairs/demo-fgt-pfsense/fgt-branch.conf', 'fixtures/pairs/demo-fgt-pfsense/pfsense-hq.xml'], io);
    expect(io.err).to.equal('');
    expect(code).to.equal(0);
    expect(io.out).to.contain('compare predicts: comes up and survives rekey');
    expect(io.out).to.contain('came up and survived every rekey');
    expect(io.out).to.contain('=> the lab agrees with compare');
  });

  it('ipsec-drift lab: a PFS mismatch between two pfSense boxes breaks at rekey in the lab, as predicted (exit 1)', async () => {
    const io = captureIo();
    const code = await run(['lab', 'fixtures/pairs/pfs-pfs-pfs-mismatch/hq.xml', 'fixtures/pairs/pfs-pfs-pfs-mismatch/branch.xml'], io);
    expect(code).to.equal(1);
    expect(io.out).to.contain('compare predicts: comes up, breaks at the first phase 2 rekey');
    expect(io.out).to.match(/rekey by .*: FAILED \(NO_PROPOSAL_CHOSEN\)/);
    expect(io.out).to.contain('=> the lab agrees with compare');
  });
});
