/**
 * A hand-written patch of catalogue and party records made the way the app and the rules want it
 * (rules/stamped.ts): a record written whole carries `updatedAt` = the server's now, a deep write
 * stamps its record beside it, and a record removed whole leaves its tombstone `gone/{c}/{id}`.
 * For rules tests that are about something else (shapes, who may write) so that a refusal they
 * expect is that rule at work, not a missing stamp. Other paths pass through unchanged.
 */
import { SERVER_TIMESTAMP, type Patch } from '../../src/domain/patch.ts';

const STAMPED = new Set(['catalog', 'parties']);

/** `patch` with the stamps and tombstones its catalogue and party writes need. */
export function stampedPatch(patch: Patch): Patch {
  const out: Patch = { ...patch };
  for (const [path, value] of Object.entries(patch)) {
    const [c, id, ...rest] = path.split('/');
    if (c === undefined || id === undefined || !STAMPED.has(c)) continue;
    if (rest.length > 0) out[`${c}/${id}/updatedAt`] ??= SERVER_TIMESTAMP;
    else if (value === null) out[`gone/${c}/${id}`] = SERVER_TIMESTAMP;
    else if (typeof value === 'object') out[path] = { ...value, updatedAt: SERVER_TIMESTAMP };
  }
  return out;
}
