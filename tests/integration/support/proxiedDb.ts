/**
 * The set-up the collection-reading tests share (src/data/windowedCollection.ts,
 * oldestFirst.ts): the real server with the real rules file, a staff member, the records under
 * test written as the owner, and a counting proxy in front that records which records the server
 * sent. Signals are read as a screen reads them; read problems are collected, and none may occur.
 */
import { effect, type ReadonlySignal } from '@preact/signals-core';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { ReadProblem } from '../../../src/data/parsedCollection.ts';
import { countingProxy, type CountingProxy } from './countingProxy.ts';
import { TestDb } from './dbHarness.ts';

export type ProxiedDb = {
  readonly db: TestDb;
  readonly proxy: CountingProxy;
  /** Where the code under test reports read problems. */
  readonly report: ReadProblem;
  /** Reads `s` as a screen would (until the test ends); returns a reader of its latest value. */
  read<T>(s: ReadonlySignal<T>): () => T;
};

/** Registers the hooks and returns the harness: `records` (path → value) are written at the start; the proxy counts keys matching `keyPattern`. */
export function proxiedDb(records: () => Record<string, unknown>, keyPattern: RegExp): ProxiedDb {
  let db: TestDb | undefined;
  let proxy: CountingProxy | undefined;
  const problems: string[] = [];
  const stops: (() => void)[] = [];

  beforeAll(async () => {
    db = await new TestDb({ rulesFile: resolve('database.rules.json') }).start();
    const seeded = await db.rest('PATCH', '/.json', { 'users/staff-a': { name: 'Staff A', email: 'a@shop.in', role: 'staff', status: 'active' }, ...records() });
    expect(seeded.status).toBe(200);
    proxy = await countingProxy(db.port, keyPattern);
  }, 60_000);

  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
    expect(problems.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await db?.close();
    await proxy?.close();
  });

  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the harness has not started');
    return x;
  };
  return {
    get db() {
      return started(db);
    },
    get proxy() {
      return started(proxy);
    },
    report: (path, error) => problems.push(`${path}: ${String(error)}`),
    read<T>(s: ReadonlySignal<T>): () => T {
      let latest = s.peek();
      stops.push(
        effect(() => {
          latest = s.value;
        }),
      );
      return () => latest;
    },
  };
}
