/**
 * Lists in the rules. The Realtime Database stores an array as an object keyed '0', '1', …; the
 * SDK reads it back as an array only while the keys are dense. These checks hold a list to keys
 * 0…max-1 with no gap: every key but '0' needs its predecessor. Rules cannot parse a number, so
 * the predecessor is computed on the key's text: a last digit 1–9 is lowered by one (the '#'
 * marks the end, so only the last digit is replaced), and a key ending in 0 is listed.
 */

/** A regular expression (rules syntax) for the decimal keys 0…max-1 without leading zeros. */
export function indexPattern(max: number): string {
  if (max < 1 || max > 1000) throw new RangeError(`list bound ${max} out of range`);
  const alternatives: string[] = [];
  for (let n = 0; n < max; n++) alternatives.push(String(n));
  // Short lists spell the keys out; longer ones match the digits and are bounded in denseIndex.
  if (max <= 40) return `/^(${alternatives.join('|')})$/`;
  return `/^(0|[1-9][0-9]{0,${String(max - 1).length - 1}})$/`;
}

/** The key before `key` (a variable such as `$i`) for keys ending in 1–9, as a rules string expression. */
export function lowered(key: string): string {
  let expr = `(${key} + '#')`;
  for (let d = 1; d <= 9; d++) expr += `.replace('${d}#', '${d - 1}#')`;
  return `${expr}.replace('#', '')`;
}

/** `key`'s predecessor is a sibling in the new data (keys 1…max-1; those ending in 0 are listed). */
export function hasPredecessor(key: string, max: number): string {
  const tens: string[] = [];
  for (let n = 10; n < max; n += 10) tens.push(`(${key} === '${n}' && newData.parent().hasChild('${n - 1}'))`);
  return `(${key}.matches(/[1-9]$/) && newData.parent().hasChild(${lowered(key)}))${tens.map((t) => ` || ${t}`).join('')}`;
}

/**
 * `key` is one of 0…max-1 and (unless 0) its predecessor is a sibling in the new data: with
 * every element checked, the list's keys are exactly 0…n-1, n ≤ max.
 */
export function denseIndex(key: string, max: number): string {
  // Keys of the top length compare as text: '499' >= '123' exactly when 499 >= 123.
  const bound = max <= 40 ? '' : ` && (${key}.length < ${String(max - 1).length} || ${key} <= '${max - 1}')`;
  return `${key}.matches(${indexPattern(max)})${bound} && (${key} === '0' || ${hasPredecessor(key, max)})`;
}
