import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child process that leads its own process group, so stopping it stops everything it started. */
export type GroupProcess = { name: string; child: ChildProcess; exited: Promise<number | null> };

/**
 * Starts `command` in a new process group (detached) with its output prefixed by `[name]`.
 * Its own group means a terminal's Ctrl-C reaches only us; we then stop each service in order,
 * once (the Auth emulator exports its data on the first SIGINT and quits without it on a second).
 */
export function startGroup(name: string, command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; quiet?: RegExp }): GroupProcess {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (opts.quiet?.test(line) !== true) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (e) => {
      process.stderr.write(`[${name}] could not start ${command}: ${e.message}\n`);
      resolve(null);
    });
  });
  return { name, child, exited };
}

function signalGroup(p: GroupProcess, signal: NodeJS.Signals): void {
  if (p.child.pid === undefined) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    // the group is already gone (ESRCH)
  }
}

/** Sends SIGINT to the whole group, then SIGKILL after `graceMs`; resolves when the leader has exited. */
export async function stopGroup(p: GroupProcess, graceMs: number): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) signalGroup(p, 'SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)));
  const result = await Promise.race([p.exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') {
    process.stdout.write(`[${p.name}] did not stop within ${graceMs / 1000} s; killing it\n`);
    signalGroup(p, 'SIGKILL');
    await p.exited;
  }
  // Stragglers the leader left behind in its group (a tsx or npx wrapper's child, a Java VM).
  signalGroup(p, 'SIGKILL');
}
