import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const INSTALL_HINT = 'Install one with `apt-get install -y chromium` (Debian/Ubuntu), or point CHROME_PATH at a Chromium or Chrome binary. Never `playwright install`.';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The browser to drive: $CHROME_PATH, else `chromium`, else `google-chrome` on PATH; throws how to install one. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['CHROME_PATH'];
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return explicit;
    throw new Error(`CHROME_PATH=${explicit} is not an executable file. ${INSTALL_HINT}`);
  }
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of ['chromium', 'google-chrome']) {
    for (const dir of dirs) {
      const file = join(dir, name);
      if (isExecutable(file)) return file;
    }
  }
  throw new Error(`Browser tests need Chromium, and none was found (CHROME_PATH unset; no chromium or google-chrome on PATH). ${INSTALL_HINT}`);
}

/**
 * Launches headless Chromium. Playwright's launch() gives every launch a fresh temporary
 * --user-data-dir of its own and deletes it on close (it refuses the flag in `args`), so no
 * profile state leaks between runs; each newContext() is a separate incognito-like profile.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
