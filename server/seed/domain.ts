/* eslint-disable no-restricted-imports -- the seed must write exactly what the app writes, so it runs the app's pure domain (no Firebase, no DOM); nothing else under server/ imports src/ */
/**
 * The one door from the seed into `src/domain`: the record types, validators, transition
 * functions and conservation checks the demo business is built and checked with.
 */
export * from '../../src/domain/conservation.ts';
export * from '../../src/domain/errors.ts';
export * from '../../src/domain/ids.ts';
export * from '../../src/domain/lifecycle.ts';
export * from '../../src/domain/lines.ts';
export * from '../../src/domain/orderRecords.ts';
export * from '../../src/domain/patch.ts';
export * from '../../src/domain/placement.ts';
export { DEFAULT_RETENTION_DAYS, dueForPurge, purgeIfDue } from '../../src/domain/retention.ts';
export * from '../../src/domain/schema.ts';
export { goneTrimMax } from '../../src/domain/snapshot.ts';
export * from '../../src/domain/stock.ts';
export { importRecordSchema, type ImportRecord } from '../../src/domain/stockImport.ts';
export type * from '../../src/domain/types.ts';
export * from '../../src/domain/validate.ts';
export { barcodeKey, barcodeSchema, BARCODES_PATH, type BarcodeRecord } from '../../src/domain/barcodes.ts';
export { STOCK_BANDS, stockBand } from '../../src/domain/portal.ts';
