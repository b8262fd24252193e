/**
 * Mutation testing of the security rules: `npm run test:rules-mutation -- [options]`.
 *
 * Takes database.rules.json, makes mutants of its rule expressions one at a time (mutants.ts),
 * writes each to a temp file and runs the fast in-process rules tests (vitest.config.ts here)
 * against it with DOMS_RULES_FILE set. A mutant some test notices is killed; one every test
 * passes survived: a protection no test guards. Slow (seconds per mutant): not part of npm test.
 *
 *   --only <prefix>   only rules whose path starts with it (e.g. stockLedger, stock/, orders/$orderId/.write)
 *   --max <n>         at most n mutants (after --only)
 *   --jobs <n>        mutants run at once (default 1; each vitest then gets 1 worker if n > 1)
 *   --timeout <s>     per-mutant time limit, counted as killed (default 180)
 *   --runs <n>        property-test runs per property (DOMS_PROPERTY_RUNS, default 25)
 *   --list            print the mutants and exit
 *   --no-baseline     skip the check that the tests pass on the unmutated rules
 *
 * Equivalent mutants (that cannot change what the rules allow) are listed by hand in
 * tests/rules/equivalentMutants.json with the reason; they are reported but not scored.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compileRules } from '../../../server/rules/index.ts';
import { REPO_RULES_FILE } from '../../support/rulesFile.ts';
import { applyMutant, mutantsOf, type Mutant } from './mutants.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = join(import.meta.dirname, 'vitest.config.ts');
const EQUIVALENT_FILE = join(ROOT, 'tests/rules/equivalentMutants.json');
const OUT_DIR = join(ROOT, '.data/rules-mutation');

type Status = 'killed' | 'survived' | 'timeout' | 'invalid' | 'equivalent';
type Result = Mutant & { status: Status; ms: number; killedBy?: string; reason?: string };
type Equivalent = { id: string; reason: string };

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    max: { type: 'string' },
    jobs: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '180' },
    runs: { type: 'string', default: '25' },
    list: { type: 'boolean', default: false },
    'no-baseline': { type: 'boolean', default: false },
  },
});
const jobs = Math.max(1, Number(opts.jobs));
const timeoutMs = Number(opts.timeout) * 1000;

// The vitest process groups running now: stopped with the runner (Ctrl-C).
const running = new Set<number>();
process.on('SIGINT', () => {
  for (const pid of running) process.kill(-pid, 'SIGKILL');
  process.exit(130);
});

/** Runs the fast rules tests against `rulesFile`; resolves to the outcome and the first failing test. */
function runTests(rulesFile: string): Promise<{ passed: boolean; timedOut: boolean; firstFailure?: string; output: string }> {
  const args = ['vitest', 'run', '--config', CONFIG, '--pool=threads', '--bail=1', '--reporter=dot', ...(jobs > 1 ? ['--maxWorkers=1'] : [])];
  return new Promise((done) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/vitest'), args.slice(1), {
      cwd: ROOT,
      env: { ...process.env, DOMS_RULES_FILE: rulesFile, DOMS_PROPERTY_RUNS: opts.runs, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid !== undefined) running.add(child.pid);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      // The vitest process group only (it was started detached, as its own group).
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (child.pid !== undefined) running.delete(child.pid);
      const firstFailure = /FAIL\s+(.+)/.exec(output)?.[1]?.trim();
      done({ passed: code === 0 && !timedOut, timedOut, ...(firstFailure !== undefined ? { firstFailure } : {}), output });
    });
  });
}

function loadEquivalents(): Equivalent[] {
  const list = JSON.parse(readFileSync(EQUIVALENT_FILE, 'utf8')) as { mutants: Equivalent[] };
  return list.mutants;
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

async function main(): Promise<void> {
  const doc = JSON.parse(readFileSync(REPO_RULES_FILE, 'utf8')) as { rules: Record<string, unknown> };
  let mutants = mutantsOf(doc, opts.only);
  if (opts.max !== undefined) mutants = mutants.slice(0, Number(opts.max));
  if (opts.list) {
    for (const m of mutants) console.log(`${m.id}\n    ${m.mutated}`);
    console.log(`${mutants.length} mutants`);
    return;
  }
  const equivalents = loadEquivalents();
  const tmp = mkdtempSync(join(tmpdir(), 'doms-rules-mutation-'));
  const started = new Date();
  console.log(`${mutants.length} mutants${opts.only !== undefined ? ` of rules under ${opts.only}` : ''}, ${jobs} at a time`);

  if (!opts['no-baseline']) {
    const base = join(tmp, 'baseline.rules.json');
    writeFileSync(base, JSON.stringify(doc));
    const b = await runTests(base);
    if (!b.passed) {
      console.error(`The rules tests fail on the unmutated rules: fix them first.\n${b.output.slice(-3000)}`);
      process.exitCode = 2;
      return;
    }
    console.log('baseline: the rules tests pass on the unmutated rules');
  }

  const results: Result[] = [];
  let next = 0;
  const worker = async (slot: number): Promise<void> => {
    while (next < mutants.length) {
      const i = next++;
      const m = mutants[i] as Mutant;
      const t0 = Date.now();
      const eq = equivalents.find((e) => e.id === m.id);
      let r: Result;
      const mutated = applyMutant(doc, m);
      let invalid: string | undefined;
      try {
        compileRules(mutated);
      } catch (e) {
        invalid = e instanceof Error ? e.message : String(e);
      }
      if (eq !== undefined) r = { ...m, status: 'equivalent', ms: 0, reason: eq.reason };
      else if (invalid !== undefined) r = { ...m, status: 'invalid', ms: 0, reason: invalid };
      else {
        const file = join(tmp, `mutant-${slot}.rules.json`);
        writeFileSync(file, JSON.stringify(mutated, null, 2));
        const run = await runTests(file);
        const status: Status = run.timedOut ? 'timeout' : run.passed ? 'survived' : 'killed';
        r = { ...m, status, ms: Date.now() - t0, ...(run.firstFailure !== undefined ? { killedBy: run.firstFailure } : {}) };
      }
      results[i] = r;
      console.log(`[${i + 1}/${mutants.length}] ${r.status.padEnd(10)} ${(r.ms / 1000).toFixed(1).padStart(5)}s  ${m.id.slice(0, 150)}`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, (_, s) => worker(s)));
  rmSync(tmp, { recursive: true, force: true });

  const count = (s: Status) => results.filter((r) => r.status === s).length;
  const killed = count('killed') + count('timeout');
  const scored = killed + count('survived');
  const score = pct(killed, scored);
  const stale = equivalents.filter((e) => !mutantsOf(doc).some((m) => m.id === e.id));

  // One row per rule: how its mutants fared.
  const byRule = new Map<string, Record<Status, number>>();
  for (const r of results) {
    const row = byRule.get(r.path) ?? { killed: 0, survived: 0, timeout: 0, invalid: 0, equivalent: 0 };
    row[r.status]++;
    byRule.set(r.path, row);
  }
  const table = [
    '| Rule | Killed | Survived | Timeout | Invalid | Equivalent | Score |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...[...byRule].map(([p, c]) => `| \`${p}\` | ${c.killed} | ${c.survived} | ${c.timeout} | ${c.invalid} | ${c.equivalent} | ${pct(c.killed + c.timeout, c.killed + c.timeout + c.survived)} |`),
  ];
  const survivors = results.filter((r) => r.status === 'survived');
  const command = `npm run test:rules-mutation -- ${process.argv.slice(2).join(' ')}`.trim();
  const summary = [
    `# Rules mutation run, ${started.toISOString()}`,
    '',
    `Command: \`${command}\``,
    '',
    `Mutants: ${results.length} (killed ${count('killed')}, timeout ${count('timeout')}, survived ${count('survived')}, invalid ${count('invalid')}, equivalent ${count('equivalent')}).`,
    `Score (killed + timeout) / (killed + timeout + survived): **${score}**.`,
    '',
    ...table,
    '',
    '## Survivors (a protection no test guards, or an equivalent mutant to list in tests/rules/equivalentMutants.json)',
    '',
    ...(survivors.length === 0 ? ['None.'] : survivors.flatMap((r) => [`- \`${r.id}\``, `  \`${r.mutated}\``])),
    ...(stale.length === 0 ? [] : ['', '## Stale entries of equivalentMutants.json (no such mutant any more)', '', ...stale.map((e) => `- \`${e.id}\``)]),
    '',
  ].join('\n');

  mkdirSync(OUT_DIR, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const report = { started: started.toISOString(), command, only: opts.only ?? null, score, counts: { killed: count('killed'), timeout: count('timeout'), survived: count('survived'), invalid: count('invalid'), equivalent: count('equivalent') }, results };
  writeFileSync(join(OUT_DIR, `report-${stamp}.json`), JSON.stringify(report, null, 2));
  writeFileSync(join(OUT_DIR, `summary-${stamp}.md`), summary);
  console.log(`\n${table.join('\n')}\n`);
  for (const r of survivors) console.log(`SURVIVED ${r.id}`);
  console.log(`\nScore ${score}: killed ${killed} of ${scored} (invalid ${count('invalid')}, equivalent ${count('equivalent')})`);
  console.log(`Report: ${join(OUT_DIR, `report-${stamp}.json`)}\nSummary: ${join(OUT_DIR, `summary-${stamp}.md`)}`);
}

await main();
