// `npm run seed`: seeds the local database (and Auth emulator) with the demo business, or writes it
// to a file with --out. See run.ts for the flags and server/seed/README.md for what it creates.
import { parseSeedArgs, runSeed, UsageError, USAGE } from './run.ts';

try {
  const flags = parseSeedArgs(process.argv.slice(2), new Date());
  if (flags === null) process.stdout.write(`${USAGE}\n`);
  else await runSeed(flags, (line) => process.stdout.write(`${line}\n`));
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`seed failed: ${message}\n${e instanceof UsageError ? `${USAGE}\n` : ''}`);
  process.exitCode = e instanceof UsageError ? 2 : 1;
}
