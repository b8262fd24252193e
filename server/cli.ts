import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseServer } from './server.ts';

const USAGE = `Usage: npm run db -- [--port 9000] [--host 127.0.0.1] [--data .data/db] [--rules database.rules.json] [--import FILE.json] [--ns NAMESPACE]
         [--max-connections-per-address 100] [--send-budget-mb 256] [--max-namespaces 100] [--namespace-idle-seconds 300]
         [--allow-origin https://app.example ...]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.data/db' },
      rules: { type: 'string', default: 'database.rules.json' },
      import: { type: 'string' },
      ns: { type: 'string', default: 'demo-doms-default-rtdb' },
      'max-connections-per-address': { type: 'string' },
      'send-budget-mb': { type: 'string' },
      'max-namespaces': { type: 'string' },
      'namespace-idle-seconds': { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  }).values;
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer from 0 to 65535, got ${args.port}`);

/** A positive integer flag, or undefined when not given. */
function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer, got ${raw}`);
  return n;
}
const budgetMb = positive('send-budget-mb', args['send-budget-mb']);
const idleSeconds = positive('namespace-idle-seconds', args['namespace-idle-seconds']);

const server = new DatabaseServer({
  port,
  host: args.host,
  dataDir: resolve(args.data),
  rulesFile: resolve(args.rules),
  importFile: args.import === undefined ? null : resolve(args.import),
  defaultNamespace: args.ns,
  maxConnectionsPerAddress: positive('max-connections-per-address', args['max-connections-per-address']),
  sendBudget: budgetMb === undefined ? undefined : budgetMb * 1024 * 1024,
  maxNamespaces: positive('max-namespaces', args['max-namespaces']),
  namespaceIdleMs: idleSeconds === undefined ? undefined : idleSeconds * 1000,
  allowedOrigins: args['allow-origin'] ?? [],
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.stderr.write(`[db] ${signal}: flushed and stopped\n`);
  // Let the loop drain instead of exiting at once: under tsx the child reports the signal to its
  // parent over IPC, and an immediate exit can cut that message off (tsx then exits 130). With
  // nothing left open the process ends by itself; the unref'd timer only covers a stray handle.
  process.exitCode = 0;
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const url = await server.start();
  process.stdout.write(`Realtime Database server ready at ${url} (namespace ${args.ns}, data ${resolve(args.data)})\n`);
} catch (e) {
  process.stderr.write(`[db] could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
