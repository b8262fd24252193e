import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Longest files first, so two workers finish together. Vitest orders by last run's durations, but
 * CI starts from a clean clone with none, and then a small file that seeds a whole business
 * (byteBudget: three minutes) could start last and run alone. Without durations: files that seed
 * a business first, then browser, integration and the rest, larger files first within each.
 */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const haveDurations = files.every((f) => this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`) !== undefined);
    if (haveDurations) return super.sort(files);
    const weight = new Map(files.map((f) => [f, estimate(f.moduleId)]));
    return [...files].sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0));
  }
}

function estimate(file: string): number {
  const source = readFileSync(file, 'utf8');
  const rank = /\brunSeed\(/.test(source) ? 3 : file.includes('/tests/browser/') ? 2 : file.includes('/tests/integration/') ? 1 : 0;
  return rank * 1e9 + statSync(file).size;
}
