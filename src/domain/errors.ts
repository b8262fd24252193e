/** One problem with one input field: `field` is a path such as `lines[2].qty`. */
export type FieldError = { field: string; message: string };

/** A rule of the domain was broken (bad quantities, wrong state). `errors` names the fields. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    message: string,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(message);
  }
}

/** Throws a DomainError for one field. */
export function fail(field: string, message: string): never {
  throw new DomainError(`${field} ${message}`, [{ field, message }]);
}
