/**
 * Small validation combinators for input from outside (forms, imports, records read back).
 * A schema pushes every problem it finds into `errors`, each naming its field; `parse` returns
 * the value only when there were none, so a caller never sees half-checked data.
 */
import type { FieldError } from './errors.ts';
import { keyProblem, MAX_ID_LENGTH } from './ids.ts';
import type { Brand } from './types.ts';

/** The outcome of validating one input. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Checks `input` at `field`, pushing problems into `errors`; the value is meaningful only if none were pushed. */
export type Schema<T> = (input: unknown, field: string, errors: FieldError[]) => T;

/** Runs a schema on untrusted input. */
export function parse<T>(schema: Schema<T>, input: unknown, field = ''): Result<T> {
  const errors: FieldError[] = [];
  const value = schema(input, field, errors);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

/** `lines[2]` + `qty` → `lines[2].qty`; the root field is ''. */
export const at = (field: string, key: string | number): string =>
  typeof key === 'number' ? `${field}[${key}]` : field === '' ? key : `${field}.${key}`;

const name = (field: string): string => (field === '' ? 'value' : field);
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'string' ? 'text' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Options of a text field. Control characters are refused except newlines when `multiline`. */
export type TextOptions = { min?: number; max: number; pattern?: RegExp; patternMessage?: string; multiline?: boolean; trim?: boolean };

/** A string of bounded length (in characters); trimmed only with `trim` (forms), never when reading records back. */
export function text(opts: TextOptions): Schema<string> {
  const min = opts.min ?? 0;
  // eslint-disable-next-line no-control-regex -- stored text must not carry control characters
  const control = opts.multiline === true ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/;
  return (raw, field, errors) => {
    const v = typeof raw === 'string' && opts.trim === true ? raw.trim() : raw;
    if (typeof v !== 'string') errors.push({ field: name(field), message: `must be text, not ${describe(v)}` });
    else if (v.trim().length < min) errors.push({ field: name(field), message: min === 1 ? 'is required' : `must be at least ${min} characters` });
    else if ([...v].length > opts.max) errors.push({ field: name(field), message: `must be at most ${opts.max} characters` });
    else if (control.test(v)) errors.push({ field: name(field), message: 'must not contain control characters' });
    else if (opts.pattern !== undefined && !opts.pattern.test(v)) errors.push({ field: name(field), message: opts.patternMessage ?? 'has the wrong format' });
    return v as string;
  };
}

/** A whole number in [min, max]. */
export function int(min: number, max: number): Schema<number> {
  return (v, field, errors) => {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      const range = max >= Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `between ${min} and ${max}`;
      errors.push({ field: name(field), message: `must be a whole number ${range}` });
    }
    return v as number;
  };
}

/** An epoch-ms time. */
export const time: Schema<number> = int(0, 8.64e15);

/** true or false. */
export const bool: Schema<boolean> = (v, field, errors) => {
  if (typeof v !== 'boolean') errors.push({ field: name(field), message: 'must be true or false' });
  return v as boolean;
};

/** One of the given strings. */
export function oneOf<const V extends string>(values: readonly V[]): Schema<V> {
  return (v, field, errors) => {
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) errors.push({ field: name(field), message: `must be one of ${values.join(', ')}` });
    return v as V;
  };
}

/** A database key used as an id (at most 128 characters), branded. */
export function id<B extends Brand<string>>(): Schema<B> {
  return (v, field, errors) => {
    if (typeof v !== 'string') errors.push({ field: name(field), message: `must be an id, not ${describe(v)}` });
    else {
      const problem = v.length > MAX_ID_LENGTH ? `must be at most ${MAX_ID_LENGTH} characters` : keyProblem(v);
      if (problem !== null) errors.push({ field: name(field), message: problem });
    }
    return v as B;
  };
}

/** A list of `min`..`max` items, each checked at `field[i]`. */
export function list<T>(item: Schema<T>, min: number, max: number): Schema<T[]> {
  return (v, field, errors) => {
    if (!Array.isArray(v)) {
      errors.push({ field: name(field), message: `must be a list, not ${describe(v)}` });
      return [];
    }
    if (v.length < min) errors.push({ field: name(field), message: min === 1 ? 'must not be empty' : `must have at least ${min} items` });
    if (v.length > max) {
      errors.push({ field: name(field), message: `must have at most ${max} items` });
      return [];
    }
    return v.map((x: unknown, i) => item(x, at(field, i), errors));
  };
}

/**
 * An object of `min`..`max` items keyed by `keyOf(item)` (the database's keyed lists), read into
 * a list in key order; a key that does not match its item is an error naming it.
 */
export function keyed<T>(item: Schema<T>, min: number, max: number, keyOf: (value: T) => string): Schema<T[]> {
  return (v, field, errors) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push({ field: name(field), message: `must be an object keyed by line, not ${describe(v)}` });
      return [];
    }
    const entries = Object.entries(v);
    if (entries.length < min) errors.push({ field: name(field), message: min === 1 ? 'must not be empty' : `must have at least ${min} items` });
    if (entries.length > max) {
      errors.push({ field: name(field), message: `must have at most ${max} items` });
      return [];
    }
    return entries.map(([k, x]) => {
      const before = errors.length;
      const value = item(x, at(field, k), errors);
      if (errors.length === before && keyOf(value) !== k) errors.push({ field: at(field, k), message: `is keyed ${k} but is ${keyOf(value)}` });
      return value;
    });
  };
}

/** An object of at most `max` entries with key-safe keys (1..128 characters), each value checked at `field.key`. */
export function recordOf<T>(item: Schema<T>, max: number): Schema<Record<string, T>> {
  return (v, field, errors) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push({ field: name(field), message: `must be an object, not ${describe(v)}` });
      return {};
    }
    const entries = Object.entries(v);
    if (entries.length > max) {
      errors.push({ field: name(field), message: `must have at most ${max} items` });
      return {};
    }
    const out: Record<string, T> = {};
    for (const [k, x] of entries) out[k] = item(x, at(field, k), errors);
    return out;
  };
}

type Shape = Record<string, Schema<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: S[K] extends Schema<infer T> ? T : never };
/** The value of an object schema: required fields, and optional ones that may be absent. */
export type ObjectOf<R extends Shape, O extends Shape> = Out<R> & Partial<Out<O>>;

/** A plain object with exactly these fields: required ones must be present; unknown ones are refused. */
export function object<R extends Shape, O extends Shape = Record<never, never>>(required: R, optional?: O): Schema<ObjectOf<R, O>> {
  return (v, field, errors) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push({ field: name(field), message: `must be an object, not ${describe(v)}` });
      return {} as ObjectOf<R, O>;
    }
    const input = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(input)) {
      if (!Object.hasOwn(required, k) && !(optional !== undefined && Object.hasOwn(optional, k))) errors.push({ field: at(field, k), message: 'is not a known field' });
    }
    for (const [k, schema] of Object.entries(required)) {
      if (input[k] === undefined) errors.push({ field: at(field, k), message: 'is required' });
      else out[k] = schema(input[k], at(field, k), errors);
    }
    for (const [k, schema] of Object.entries(optional ?? {})) {
      if (input[k] !== undefined && input[k] !== null) out[k] = schema(input[k], at(field, k), errors);
    }
    return out as ObjectOf<R, O>;
  };
}

/** Adds a check that runs only when the schema found nothing wrong. */
export function refine<T>(schema: Schema<T>, check: (value: T, field: string) => FieldError[]): Schema<T> {
  return (v, field, errors) => {
    const before = errors.length;
    const value = schema(v, field, errors);
    if (errors.length === before) errors.push(...check(value, field));
    return value;
  };
}
