/**
 * Every query the apps make is indexed. Without a matching `.indexOn`, the server answers
 * `no_index` and the SDK downloads the whole collection to filter it on the device: at a year of
 * history that is the 84 MB the staff app choked on. The specs are src/data/querySpecs.ts; the
 * source scan makes sure no `orderByChild` in src runs outside them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUERY_SPECS, type QuerySpec } from '../../../src/data/querySpecs.ts';
import { loadRules } from '../../support/rulesFile.ts';

/** `.indexOn` of the rules node at `path` ([] when there is none). */
function indexOnAt(path: string): string[] {
  let node: unknown = loadRules().rules;
  for (const seg of path.split('/')) node = (node as Record<string, unknown> | undefined)?.[seg];
  const index = (node as Record<string, unknown> | undefined)?.['.indexOn'];
  return Array.isArray(index) ? (index as string[]) : typeof index === 'string' ? [index] : [];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Every `orderByChild(...)` call in src, with its argument as written. */
const calls = sourceFiles('src').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/orderByChild\(([^)]*)\)/g)].map((m) => ({ file, arg: (m[1] ?? '').trim() })));

/** The calls whose child is neither a spec's `.orderBy` nor a literal some spec names. */
function unregistered(found: readonly { file: string; arg: string }[]): { file: string; arg: string }[] {
  const literals = new Set(QUERY_SPECS.map((s) => s.orderBy));
  return found.filter(({ arg }) => {
    const literal = /^'([^']*)'$/.exec(arg);
    return literal === null ? !/\.orderBy$/.test(arg) : !literals.has(literal[1] ?? '');
  });
}

describe('queries and indexes', () => {
  it.each(QUERY_SPECS.map((s): [string, QuerySpec] => [`${s.path} by ${s.orderBy}`, s]))('%s is indexed in database.rules.json', (_name, spec) => {
    expect(indexOnAt(spec.path)).toContain(spec.orderBy);
  });

  it('finds the queries in src (the scan itself works)', () => {
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.some((c) => c.file.endsWith('rangeQuery.ts'))).toBe(true);
  });

  it('every orderByChild in src orders by a registered spec, or by a literal child a spec names', () => {
    expect(unregistered(calls)).toEqual([]);
  });

  it('the check catches a child outside the specs, literal or not', () => {
    const found = [
      { file: 'a.ts', arg: 'SENT_BY_BILLED_AT.orderBy' },
      { file: 'b.ts', arg: "'status'" },
      { file: 'c.ts', arg: "'deliveredAt'" },
      { file: 'd.ts', arg: 'child' },
    ];
    expect(unregistered(found).map((c) => c.file)).toEqual(['c.ts', 'd.ts']);
  });
});
