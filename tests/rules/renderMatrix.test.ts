import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MATRIX, MATRIX_BEGIN, MATRIX_END, renderMatrix, withMatrix } from './matrix.ts';
import { SECURITY_DOC } from './renderMatrix.ts';

describe('docs/security.md shows the tested matrix', () => {
  it('has exactly the table rendered from tests/rules/matrix.ts (run `npx tsx tests/rules/renderMatrix.ts`)', () => {
    const doc = readFileSync(SECURITY_DOC, 'utf8');
    expect(doc).toContain(MATRIX_BEGIN);
    expect(doc).toContain(MATRIX_END);
    expect(doc).toBe(withMatrix(doc));
  });

  it('renders one line per row with a ✓ exactly for the allowed identities', () => {
    const lines = renderMatrix().split('\n');
    expect(lines).toHaveLength(MATRIX.length + 2);
    const catalogCreate = lines.find((l) => l.startsWith('| `catalog` | create |'));
    expect(catalogCreate?.split('|').slice(4, 11).map((c) => c.trim())).toEqual(['✗', '✗', '✓', '✓', '✗', '✗', '✗']);
  });
});
