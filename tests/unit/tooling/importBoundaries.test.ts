import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The import-boundary rules of eslint.config.js, checked on probe sources (never written to
// disk). Type-aware rules are off: these files are not in any tsconfig.
const eslint = new ESLint({
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off' },
    },
  ],
});

async function blocked(file: string, specifier: string): Promise<boolean> {
  const [result] = await eslint.lintText(`import '${specifier}';\nexport {};\n`, { filePath: file });
  const messages = result?.messages ?? [];
  const other = messages.filter((m) => m.ruleId !== 'no-restricted-imports');
  if (other.length > 0) throw new Error(`unexpected lint messages: ${JSON.stringify(other)}`);
  return messages.length > 0;
}

const cases: [file: string, specifier: string, isBlocked: boolean][] = [
  // domain: pure, imports nothing of ours and no framework
  ['src/domain/orders/probe.ts', '../../data/firebase.ts', true],
  ['src/domain/probe.ts', '../ui/AppHeader.tsx', true],
  ['src/domain/probe.ts', '../distributor/main.tsx', true],
  ['src/domain/probe.ts', 'firebase/database', true],
  ['src/domain/probe.ts', 'idb', true],
  ['src/domain/probe.ts', 'preact', true],
  ['src/domain/probe.ts', '@preact/signals-core', true],
  ['src/domain/probe.ts', './lifecycle.ts', false],
  // data: domain, Firebase, idb and signals-core; no components
  ['src/data/probe.ts', '../domain/ids.ts', false],
  ['src/data/probe.ts', 'firebase/database', false],
  ['src/data/probe.ts', 'idb', false],
  ['src/data/probe.ts', '@preact/signals-core', false],
  ['src/data/probe.ts', 'preact', true],
  ['src/data/probe.ts', '@preact/signals', true],
  ['src/data/probe.ts', '../ui/AppHeader.tsx', true],
  ['src/data/probe.ts', '../retailer/main.tsx', true],
  // ui: domain and Preact; no data, no Firebase
  ['src/ui/probe.tsx', '../domain/ids.ts', false],
  ['src/ui/probe.tsx', 'preact/hooks', false],
  ['src/ui/probe.tsx', '../data/auth.ts', true],
  ['src/ui/probe.tsx', 'firebase/auth', true],
  ['src/ui/probe.tsx', 'idb', true],
  ['src/ui/probe.tsx', '../distributor/main.tsx', true],
  // apps: ui, data, domain; not each other, not Firebase directly
  ['src/distributor/screens/home/probe.tsx', '../../../data/counts.ts', false],
  ['src/distributor/screens/home/probe.tsx', '../../../ui/AppHeader.tsx', false],
  ['src/distributor/probe.tsx', '../retailer/RetailerApp.tsx', true],
  ['src/distributor/probe.tsx', 'firebase/database', true],
  ['src/retailer/probe.tsx', '../distributor/DistributorApp.tsx', true],
  ['src/retailer/probe.tsx', 'idb', true],
  ['src/retailer/probe.tsx', '../data/party.ts', false],
  // heavy libraries: never a static value import, in any folder (src/exports import()s them)
  ['src/exports/probe.ts', 'jspdf', true],
  ['src/exports/probe.ts', '@e965/xlsx', true],
  ['src/distributor/screens/stock/probe.tsx', 'jsbarcode', true],
  ['src/data/probe.ts', 'html5-qrcode', true],
  ['src/domain/probe.ts', 'xlsx', true],
];

describe('import boundaries (eslint.config.js)', () => {
  it.each(cases)('%s importing %s: blocked = %s', async (file, specifier, isBlocked) => {
    expect(await blocked(file, specifier)).toBe(isBlocked);
  });
});
