/**
 * Renders database.rules.json from the modules of this folder. `npm run rules` writes the file;
 * tests/unit/tooling/rulesFile.test.ts fails when the file and this build differ.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { meta, presence, users } from './accounts.ts';
import { audit } from './audit.ts';
import { barcodes, catalog, parties } from './catalog.ts';
import type { RuleTree } from './macros.ts';
import { billing, counters, counts, deleted, expired, orderAudit, orderExports, orderNumbers, orderRev, orders, orderTally, retailerOrders, sent, sentArchive } from './orders.ts';
import { retailerAwaiting, stockBands } from './portal.ts';
import { settings } from './settings.ts';
import { gone } from './stamped.ts';
import { stock, stockImports, stockLedger } from './stock.ts';
import { support } from './support.ts';

/** The whole rules document: deny by default at the root, then each top-level path. */
export function buildRules(): { rules: RuleTree } {
  return {
    rules: {
      '.read': false,
      '.write': false,
      users,
      presence,
      meta,
      catalog,
      parties,
      stock,
      stockBands,
      barcodes,
      stockLedger,
      stockImports,
      orders,
      billing,
      sent,
      sentArchive,
      deleted,
      expired,
      retailerOrders,
      retailerAwaiting,
      orderRev,
      orderAudit,
      orderTally,
      counters,
      counts,
      orderNumbers,
      audit,
      orderExports,
      gone,
      settings,
      support,
    },
  };
}

/** The text of database.rules.json. */
export const renderRules = (): string => `${JSON.stringify(buildRules(), null, 2)}\n`;

export const RULES_FILE = fileURLToPath(new URL('../database.rules.json', import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(RULES_FILE, renderRules());
  console.log(`wrote ${RULES_FILE}`);
}
