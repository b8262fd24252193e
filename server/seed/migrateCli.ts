// `npm run migrate`: brings a local database written before keyed order lines (issue 10) or
// before Home's counters (issue 11) or retailers' stock bands (issue 13) to today's shape (server/seed/migrateOrders.ts): one atomic update as the owner; does nothing when
// the data is already current. `npm start` runs it on every start of a non-empty database.
import { parseArgs } from 'node:util';
import { migrateOrders } from './migrateOrders.ts';
import { ownerRequest, type DbTarget } from './dbWriter.ts';
import type { Tree } from './tree.ts';

const USAGE = 'Usage: npm run migrate -- [--db-url http://127.0.0.1:9000] [--ns demo-doms-default-rtdb]';

try {
  const { values } = parseArgs({ options: { 'db-url': { type: 'string', default: 'http://127.0.0.1:9000' }, ns: { type: 'string', default: 'demo-doms-default-rtdb' }, help: { type: 'boolean' } } });
  if (values.help === true) process.stdout.write(`${USAGE}\n`);
  else {
    const target: DbTarget = { url: values['db-url'], ns: values.ns };
    const tree = ((await ownerRequest(target, 'GET', '')) ?? {}) as Tree;
    const m = migrateOrders(tree);
    for (const p of m.problems) process.stderr.write(`migrate: ${p}\n`);
    if (Object.keys(m.writes).length === 0) process.stdout.write('Order data is current: nothing to migrate.\n');
    else {
      await ownerRequest(target, 'PATCH', '', JSON.stringify(m.writes));
      process.stdout.write(`Migrated: ${m.changed} records keyed by line, ${m.tallies} order tallies, ${m.numbers} order numbers registered, ${m.counts} Home counters recounted, ${m.stamped} pending orders, products and parties stamped with updatedAt, ${m.bands} stock bands for retailers rebuilt.\n`);
    }
    if (m.problems.length > 0) process.exitCode = 1;
  }
} catch (e) {
  process.stderr.write(`migrate failed: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
  process.exitCode = 1;
}
