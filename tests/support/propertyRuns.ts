/**
 * How many runs a property test makes: `n`, or fewer when DOMS_PROPERTY_RUNS says so (the rules
 * mutation runner lowers it: a broken rule fails within the first few runs, and every mutant
 * runs the whole set of rules tests).
 */
export function propertyRuns(n: number): number {
  const cap = Number(process.env['DOMS_PROPERTY_RUNS']);
  return Number.isSafeInteger(cap) && cap > 0 ? Math.min(n, cap) : n;
}
