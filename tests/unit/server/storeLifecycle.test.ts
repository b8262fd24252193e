import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../../server/persist/store.ts';

const roots: string[] = [];
function missingDir(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'store-life-'));
  roots.push(root);
  return path.join(root, 'ns');
}
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

describe('Store: a namespace exists on disk from its first append', () => {
  it('opening, flushing and closing a missing folder creates nothing', () => {
    const dir = missingDir();
    const { store, data } = Store.open(dir);
    expect(data).toBe(null);
    expect(store.isCreated).toBe(false);
    store.append([]);
    store.flush();
    store.close();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('the first append creates the folder and the log, and the data survives a reopen', () => {
    const dir = missingDir();
    const { store } = Store.open(dir);
    store.append([{ op: 'set', path: ['a'], value: 1 }]);
    expect(store.isCreated).toBe(true);
    expect(fs.existsSync(path.join(dir, 'log'))).toBe(true);
    store.close();
    const again = Store.open(dir);
    expect(again.data).toEqual({ a: 1 });
    expect(again.store.isCreated).toBe(true);
    again.store.close();
  });

  it('a closed store that was never written refuses appends instead of creating the folder', () => {
    const dir = missingDir();
    const { store } = Store.open(dir);
    store.close();
    expect(() => store.append([{ op: 'set', path: ['a'], value: 1 }])).toThrow(/closed/);
    expect(fs.existsSync(dir)).toBe(false);
  });
});
