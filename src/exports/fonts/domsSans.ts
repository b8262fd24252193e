/// <reference types="vite/client" />
/**
 * DOMS Sans (Noto Sans + Noto Sans Devanagari, subset; see docs/pdf-font.md) as base64 data URLs.
 * Imported only by src/exports/pdfFont.ts through a dynamic import, so the font lands in its own
 * lazily loaded chunk and never in a first screen (tests/build/dist.test.ts checks).
 */
import bold from './DomsSans-Bold.ttf?inline';
import regular from './DomsSans-Regular.ttf?inline';

export const DOMS_SANS = { regular, bold } as const;
