import type { TestProject } from 'vitest/node';
import { freePort, startAuthEmulator } from './authEmulator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    authEmulatorHost: string;
  }
}

/** One Auth emulator for the whole run: it takes several seconds to start. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = process.env['DOMS_TEST_AUTH_PORT'] !== undefined ? Number(process.env['DOMS_TEST_AUTH_PORT']) : await freePort();
  const emulator = await startAuthEmulator(port);
  project.provide('authEmulatorHost', emulator.host);
  return emulator.stop;
}
