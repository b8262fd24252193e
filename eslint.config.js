// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries of the apps (docs/architecture.md). Imports flow one way:
 * apps → ui, data → domain. Each folder lists what it may NOT import; a later matching config
 * object replaces `no-restricted-imports` whole, so every folder carries its complete list.
 * Relative imports are matched by the folder they name (`../data/x.ts`, `../../ui/Y.tsx`).
 */
const layer = (name) => ({ group: [`**/${name}`, `**/${name}/**`], message: `this folder must not import src/${name} (see docs/architecture.md)` });
const firebaseAndIdb = [
  { group: ['firebase', 'firebase/*', '@firebase/*'], message: 'Firebase is imported only in src/data' },
  { group: ['idb', 'idb/*'], message: 'IndexedDB (idb) is imported only in src/data' },
];
const preactAll = { group: ['preact', 'preact/*', '@preact/*'], message: 'src/domain is pure TypeScript: no Preact, no signals' };
// jsPDF, SheetJS, JsBarcode and html5-qrcode load on first use: anywhere in src a value import of
// them is an error (it would put them in the first screen's bundle); `import type` and dynamic
// `import()` (only in src/exports) are fine.
const heavyLibs = {
  group: ['jspdf', 'jspdf/*', '@e965/xlsx', '@e965/xlsx/*', 'xlsx', 'jsbarcode', 'html5-qrcode', 'html5-qrcode/*'],
  allowTypeImports: true,
  message: 'heavy libraries load on first use: import() them in src/exports (import type is fine)',
};
const restrict = (...patterns) => ['error', { patterns: [...patterns, heavyLibs] }];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      // The server is Node only and must stay independent of the apps.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'server/ must not import app code' }] }],
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/domain/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(layer('data'), layer('ui'), layer('distributor'), layer('retailer'), layer('exports'), ...firebaseAndIdb, preactAll),
    },
  },
  {
    files: ['src/data/**/*.ts', 'src/data/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(layer('ui'), layer('distributor'), layer('retailer'), layer('exports'), {
        group: ['preact', 'preact/*', '@preact/signals'],
        message: 'src/data has no components: take signals from @preact/signals-core',
      }),
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(layer('data'), layer('distributor'), layer('retailer'), layer('exports'), ...firebaseAndIdb),
    },
  },
  {
    files: ['src/distributor/**/*.ts', 'src/distributor/**/*.tsx'],
    rules: { 'no-restricted-imports': restrict(layer('retailer'), ...firebaseAndIdb) },
  },
  {
    files: ['src/retailer/**/*.ts', 'src/retailer/**/*.tsx'],
    rules: { 'no-restricted-imports': restrict(layer('distributor'), ...firebaseAndIdb) },
  },
  {
    files: ['src/exports/**/*.ts', 'src/exports/**/*.tsx'],
    rules: { 'no-restricted-imports': restrict(layer('data'), layer('ui'), layer('distributor'), layer('retailer'), ...firebaseAndIdb) },
  },
);
