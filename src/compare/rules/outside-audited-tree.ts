import type { InputRule } from '../types.js';

export const rule: InputRule = {
  id: 'outside-audited-tree',
  title: 'A file names a path outside the audited tree, which was not read',
  severity: 'error',
  scope: 'input',
  symptoms: ['Tunnels or settings that live in that path are not checked', 'A pull request tried to make the audit read a file outside the repository'],
  explain:
    "An inventory `devices[].file`, a strongSwan `include` or the `ipsec.secrets` beside an ipsec.conf names a path that, once every symbolic link is resolved, lies outside the tree being audited (the audit's directories and the inventory's folder; for a single file, its folder). Whoever can open a pull request controls those files, so the audit reads nothing outside the tree on their word, and says so here, naming the path: what the path holds is missing from the audit. Move the file into the repository (or audit the folder that holds it), or point the entry at the copy that is there.",
};
