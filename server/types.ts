/** A value as stored in the database: JSON without arrays, empty objects or nulls inside objects. */
export type Json = null | boolean | number | string | JsonObject;
/** A non-empty object node of the tree. */
export type JsonObject = { [key: string]: Json };
/** A database path as its segments; the root is []. */
export type Path = readonly string[];
/** The decoded `auth` variable of rules: null when not signed in. */
export type AuthVar = { uid: string; provider: string; token: Record<string, unknown> } | null;
