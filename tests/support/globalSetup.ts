import type { TestProject } from 'vitest/node';
import { startAuthEmulator } from './authEmulator.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    authEmulatorHost: string;
  }
}

/** One Auth emulator for the whole run: it takes several seconds to start. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const port = Number(process.env['DOMS_TEST_AUTH_PORT'] ?? 9199);
  const emulator = await startAuthEmulator(port);
  project.provide('authEmulatorHost', emulator.host);
  return emulator.stop;
}
