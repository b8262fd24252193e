/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, e.g. `npm run bench:db -- --server-prof DIR`):
 * the functions with the most self time, and the project functions with the most total (inclusive) time.
 *
 *   npx tsx server/bench/cpuProfileTop.ts FILE.cpuprofile [top=25]
 */
import * as fs from 'node:fs';

type CallFrame = { functionName: string; url: string; lineNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const file = process.argv[2];
if (file === undefined) {
  console.error('Usage: npx tsx server/bench/cpuProfileTop.ts FILE.cpuprofile [top=25]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map<number, ProfileNode>();
const parent = new Map<number, number>();
for (const n of profile.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}
// Weigh each sample by the median sampling interval, not by its own time delta: on a loaded
// machine a descheduled process shows long gaps that would be charged to whatever ran last.
const deltas = [...profile.timeDeltas].sort((a, b) => a - b);
const interval = deltas[Math.floor(deltas.length / 2)] ?? 1000;
const selfUs = new Map<number, number>();
for (const id of profile.samples) selfUs.set(id, (selfUs.get(id) ?? 0) + interval);
const label = (f: CallFrame) => {
  const where = f.url === '' ? '' : ` ${f.url.replace(/^file:\/\/.*?\/(server|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
  return `${f.functionName || '(anonymous)'}${where}`;
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let sum = 0;
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  sum += us;
  const l = label(node.callFrame);
  self.set(l, (self.get(l) ?? 0) + us);
  // Inclusive time: count each distinct function once per sample stack.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const cl = label(byId.get(cur)!.callFrame);
    if (seen.has(cl)) continue;
    seen.add(cl);
    total.set(cl, (total.get(cl) ?? 0) + us);
  }
}
const pct = (us: number) => `${((us / sum) * 100).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${profile.samples.length} samples every ~${interval} us = ${(sum / 1000).toFixed(0)} ms on CPU over ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms`);
console.log(`\nTop ${top} by self time:`);
for (const [l, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${l}`);
console.log(`\nTop ${top} project functions by total time:`);
for (const [l, us] of [...total].filter(([l]) => l.includes('server/')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${l}`);
}

// Optional third argument: a function name whose callers (by time spent under them) to list.
const focus = process.argv[4];
if (focus !== undefined) {
  const callers = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const chain: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!.callFrame);
      if (chain[chain.length - 1] !== l) chain.push(l); // collapse direct recursion
    }
    const at = chain.findIndex((l) => l.startsWith(`${focus} `) || l === focus);
    if (at < 0) continue;
    const key = chain.slice(at, at + 7).join('\n        <- ');
    callers.set(key, (callers.get(key) ?? 0) + us);
  }
  console.log(`\nStacks under ${focus} (7 frames up, direct recursion collapsed):`);
  for (const [k, us] of [...callers].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`${pct(us)}  ${k}`);
}
