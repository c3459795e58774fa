/**
 * Fills a register file with 2,000 controller records through the API (the contract's dispatch,
 * as the UI's calls arrive) for register-scale.spec.ts: `tsx test/e2e/register-scale-setup.ts <db>`.
 * Names start with accented and plain letters so that the sort can be checked; each record's
 * notes hold a unique marker ("mk<i>x"); one in five has its review overdue, one in ten is a draft.
 */
import { closeCore, openCore } from '../../electron/core/core';
import { dispatch } from '../../electron/core/dispatch';
import { fullControllerDoc } from '../helpers';

const NAMES = ['École', 'eau', 'Zèbre', 'élection', 'Fichier', 'abonnés', 'Œuvres'];

async function main() {
  const core = openCore(process.argv[2]!, { actor: 'e2e' });
  const silent = { error: () => {}, warn: () => {} };
  for (let i = 1; i <= 2000; i++) {
    const doc = fullControllerDoc({
      ref: `S-${String(i).padStart(4, '0')}`,
      name: `${NAMES[i % NAMES.length]} ${i}`,
      status: i % 10 === 0 ? 'draft' : 'active',
      nextReview: i % 5 === 0 ? '2020-01-01' : '2099-01-01',
      notes: `Marqueur mk${i}x`,
    });
    const r = await dispatch(core, 'register:create', { kind: 'controller', doc }, silent);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  closeCore(core);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
