import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder of one's own for a child process, and the environment that points it there. */
export type PrivateTemp = { dir: string; env: NodeJS.ProcessEnv; remove: () => void };

/**
 * A fresh temp folder for one Firebase emulator, with `base` plus TMPDIR/TMP/TEMP set to it.
 *
 * Why: firebase-tools writes its hub locator `hub-<projectId>.json` into `os.tmpdir()`
 * (lib/emulator/hub.js), and `--export-on-exit` / `emulators:export` find "their" hub by reading
 * that file back (lib/emulator/hubClient.js). Every stack here uses project demo-doms, so two
 * stacks on one machine shared one locator: the second did not write its own (the first's pid
 * was alive) and on stopping exported the first stack's accounts into its own folder. Node's
 * `os.tmpdir()` reads TMPDIR (TEMP/TMP on Windows), so a private folder per child separates them.
 */
export function privateTemp(base: NodeJS.ProcessEnv, prefix = 'doms-emulator-'): PrivateTemp {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    env: { ...base, TMPDIR: dir, TMP: dir, TEMP: dir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Where firebase-tools writes the hub locator of `projectId` for a process whose temp folder is `dir`. */
export function hubLocatorPath(dir: string, projectId: string): string {
  return join(dir, `hub-${projectId}.json`);
}
