/**
 * The catalogue as the retailer portal reads it: the whole `catalog`, live while on screen (the
 * staff app resumes it from a saved copy with `gone/` tombstones, which retailers may not read).
 */
import type { ReadonlySignal } from '@preact/signals-core';
import type { Product } from '../domain/types.ts';
import { productSchema } from '../domain/validate.ts';
import { liveCollection, type LiveCollection } from './liveCollection.ts';

/** Every product, each checked with `productSchema`. */
export const portalCatalog: ReadonlySignal<LiveCollection<Product>> = liveCollection('catalog', productSchema);
