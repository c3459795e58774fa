/**
 * Fills an empty register with `n` of the scale bench's records (tsx test/e2e/seed-scale.ts <db> <n>):
 * the demo's texts, a third of the reviews overdue, a tenth suppliers and transfers (issue 15's
 * proportions), so that the dashboard has more to show than its top items.
 */
import { closeCore, openCore } from '../../electron/core/core';
import { buildScaleRegister, scaleSize } from '../bench/scale-register';

const [dbPath, n] = process.argv.slice(2);
const core = openCore(dbPath!, { actor: 'e2e' });
buildScaleRegister(core, scaleSize(Number(n)));
closeCore(core);
