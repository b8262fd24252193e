/**
 * Writes the rules matrix (tests/rules/matrix.ts) into docs/security.md between the matrix
 * markers. Run `npx tsx tests/rules/renderMatrix.ts` after changing the matrix;
 * tests/rules/renderMatrix.test.ts fails while the document is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withMatrix } from './matrix.ts';

/** docs/security.md on disk. */
export const SECURITY_DOC = fileURLToPath(new URL('../../docs/security.md', import.meta.url));

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SECURITY_DOC, withMatrix(readFileSync(SECURITY_DOC, 'utf8')));
  console.log(`updated ${SECURITY_DOC}`);
}
