import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../browser/support/chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'doms-chrome-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeBinary(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('findChromium', () => {
  it('prefers CHROME_PATH, then chromium, then google-chrome on PATH', () => {
    const chrome = fakeBinary('google-chrome');
    expect(findChromium({ PATH: dir })).toBe(chrome);
    const chromium = fakeBinary('chromium');
    expect(findChromium({ PATH: `/nonexistent:${dir}` })).toBe(chromium);
    const custom = fakeBinary('my-chrome');
    expect(findChromium({ PATH: dir, CHROME_PATH: custom })).toBe(custom);
  });

  it('fails, saying how to install one, when there is none (browser tests never skip)', () => {
    expect(() => findChromium({ PATH: '/nonexistent' })).toThrow(/apt-get install -y chromium/);
    expect(() => findChromium({ PATH: dir, CHROME_PATH: join(dir, 'missing') })).toThrow(/CHROME_PATH=.*missing.*apt-get install -y chromium/);
  });
});
