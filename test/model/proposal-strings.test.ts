import { expect } from 'chai';
import {
  childProposalString,
  ikeProposalString,
  parseChildProposal,
  parseChildProposals,
  parseIkeProposal,
  parseIkeProposals,
  splitProposalList,
  strongswanDefaultEsp,
  strongswanDefaultIke,
} from '../../src/model/proposal-strings.js';

describe('proposal-strings (strongSwan proposal syntax)', () => {
  describe('splitProposalList', () => {
    it('splits on commas, trims, drops empty entries (trailing comma as pfSense writes it)', () => {
      expect(splitProposalList(' aes256-sha256-modp2048, aes128-sha1-modp1024,')).to.deep.equal(['aes256-sha256-modp2048', 'aes128-sha1-modp1024']);
    });
  });

  describe('parseIkeProposal', () => {
    it('reads a classic proposal; the PRF stays empty because strongSwan derives it from integrity', () => {
      expect(parseIkeProposal('aes256-sha256-modp2048')).to.deep.equal({
        ok: true,
        value: { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
      });
    });

    it('reads several algorithms of a kind (IKEv2) in order, and an explicit PRF', () => {
      expect(parseIkeProposal('aes256-aes128-sha384-sha256-prfsha384-ecp384-modp3072')).to.deep.equal({
        ok: true,
        value: { encryption: ['aes256', 'aes128'], integrity: ['sha384', 'sha256'], prf: ['prfsha384'], dhGroups: [20, 15] },
      });
    });

    it('AEAD: integrity keywords become the derived PRF and are dropped', () => {
      expect(parseIkeProposal('aes256gcm16-sha384-ecp384')).to.deep.equal({
        ok: true,
        value: { encryption: ['aes256gcm16'], integrity: [], prf: ['prfsha384'], dhGroups: [20] },
      });
    });

    it('AEAD ICV lengths in bits are the same cipher as in bytes (aes128gcm128 = aes128gcm16)', () => {
      const r = parseIkeProposal('aes128gcm128-prfsha256-curve25519');
      expect(r).to.deep.equal({ ok: true, value: { encryption: ['aes128gcm16'], integrity: [], prf: ['prfsha256'], dhGroups: [31] } });
    });

    it('`aes` alone is AES-128, sha is SHA-1, sha2_256 is SHA-256', () => {
      expect(parseIkeProposal('aes-sha-modp1024')).to.deep.equal({ ok: true, value: { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] } });
      expect(parseIkeProposal('3des-sha2_256-modp1536')).to.deep.equal({
        ok: true,
        value: { encryption: ['3des'], integrity: ['sha256'], prf: [], dhGroups: [5] },
      });
    });

    it('refuses an unknown keyword and says which', () => {
      expect(parseIkeProposal('aes256-sha257-modp2048')).to.deep.equal({
        ok: false,
        proposal: 'aes256-sha257-modp2048',
        reason: "unknown algorithm keyword 'sha257'",
      });
    });

    it('refuses what strongSwan refuses: no DH group, no integrity, AEAD without PRF, mixed AEAD/classic', () => {
      expect(parseIkeProposal('aes256-sha256')).to.include({ ok: false, reason: 'an IKE proposal needs a DH group' });
      expect(parseIkeProposal('aes256-modp2048')).to.include({ ok: false, reason: 'a non-AEAD IKE proposal needs an integrity algorithm' });
      expect(parseIkeProposal('aes256gcm16-modp2048')).to.include({ ok: false, reason: 'an AEAD IKE proposal needs a PRF (prfsha256, …)' });
      expect(parseIkeProposal('aes256gcm16-aes256-sha256-modp2048')).to.include({ ok: false });
      expect(parseIkeProposal('aes256--sha256')).to.include({ ok: false, reason: 'empty algorithm keyword (two dashes in a row?)' });
    });
  });

  describe('parseIkeProposals', () => {
    it('expands `default` to strongSwan’s built-in AEAD + classic proposals', () => {
      const r = parseIkeProposals('default');
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r.value).to.deep.equal(strongswanDefaultIke());
      expect(r.value[1].encryption).to.include('aes256');
      expect(r.value[1].dhGroups).to.include(14);
      expect(r.value[1].dhGroups).to.not.include(2); // modp1024 is not in the default
    });

    it('keeps the order of a comma list and fails on the first bad proposal', () => {
      const r = parseIkeProposals('aes256-sha256-modp2048,aes128-sha1-modp1024');
      expect(r).to.deep.equal({
        ok: true,
        value: [
          { encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14] },
          { encryption: ['aes128'], integrity: ['sha1'], prf: [], dhGroups: [2] },
        ],
      });
      expect(parseIkeProposals('aes256-sha256-modp2048,bogus')).to.deep.equal({ ok: false, proposal: 'bogus', reason: "unknown algorithm keyword 'bogus'" });
      expect(parseIkeProposals(' , ')).to.include({ ok: false, reason: 'empty proposal list' });
    });
  });

  describe('parseChildProposal(s)', () => {
    it('a DH group in an ESP proposal is its PFS group', () => {
      expect(parseChildProposal('aes256-sha256-modp2048', 'esp')).to.deep.equal({
        ok: true,
        value: { proposal: { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] }, dhGroups: [14] },
      });
    });

    it('ESP AEAD proposals carry no integrity; esn/noesn are ignored', () => {
      expect(parseChildProposal('aes256gcm16-ecp256-noesn', 'esp')).to.deep.equal({
        ok: true,
        value: { proposal: { protocol: 'esp', encryption: ['aes256gcm16'], integrity: [] }, dhGroups: [19] },
      });
    });

    it('AH proposals are integrity only', () => {
      expect(parseChildProposal('sha256', 'ah')).to.deep.equal({
        ok: true,
        value: { proposal: { protocol: 'ah', encryption: [], integrity: ['sha256'] }, dhGroups: [] },
      });
      expect(parseChildProposal('aes256-sha256', 'ah')).to.include({ ok: false, reason: 'an AH proposal cannot contain an encryption algorithm' });
    });

    it('collects PFS groups over a list, 0 for a proposal without a group', () => {
      expect(parseChildProposals('aes256-sha256-modp2048,aes128-sha1', 'esp')).to.deep.equal({
        ok: true,
        value: {
          proposals: [
            { protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] },
            { protocol: 'esp', encryption: ['aes128'], integrity: ['sha1'] },
          ],
          pfsGroups: [14, 0],
        },
      });
    });

    it('`default` ESP is AES-GCM plus AES-CBC/SHA-2 without PFS', () => {
      expect(parseChildProposals('default', 'esp')).to.deep.equal({ ok: true, value: { proposals: strongswanDefaultEsp(), pfsGroups: [0] } });
    });
  });

  describe('back to strings', () => {
    it('writes proposals in strongSwan keyword order', () => {
      expect(ikeProposalString({ encryption: ['aes256'], integrity: ['sha256'], prf: [], dhGroups: [14, 19] })).to.equal('aes256-sha256-modp2048-ecp256');
      expect(childProposalString({ protocol: 'esp', encryption: ['aes128gcm16'], integrity: [] }, 20)).to.equal('aes128gcm16-ecp384');
      expect(childProposalString({ protocol: 'esp', encryption: ['aes256'], integrity: ['sha256'] })).to.equal('aes256-sha256');
    });

    it('round-trips through the parser', () => {
      const p = { encryption: ['aes256', 'aes128'], integrity: ['sha512'], prf: ['prfsha512'], dhGroups: [21] };
      expect(parseIkeProposal(ikeProposalString(p))).to.deep.equal({ ok: true, value: p });
    });
  });
});
