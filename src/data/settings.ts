/**
 * Business settings under `settings/` (staff read, admin write; the rules validate every field):
 * the expiry policy, how long deleted orders are kept, and the weekday delivery plan. Each is a
 * live signal with the default filled in while loading, when absent, or when unreadable, so a
 * caller always has a usable value; `settingsStatus` tells a screen which of those it is.
 */
import { computed, type ReadonlySignal } from '@preact/signals-core';
import { ref, set } from 'firebase/database';
import { cleanPlan, deliveryPlanSchema, type DeliveryPlan } from '../domain/delivery.ts';
import type { ExpiryPolicy } from '../domain/lifecycle.ts';
import { DEFAULT_SETTINGS, expiryPolicySchema, retentionDaysSchema, storedSettingsSchema, withDefaults, type Settings } from '../domain/retention.ts';
import { parse, type Schema } from '../domain/schema.ts';
import { ActionError, toActionError } from './actionError.ts';
import { db } from './firebase.ts';
import { liveRecord } from './live.ts';

const stored = liveRecord('settings', storedSettingsSchema);

/** Whether the settings are loading, read (stored or defaults), or could not be read (defaults in use). */
export const settingsStatus: ReadonlySignal<'loading' | 'ready' | 'invalid' | 'denied'> = computed(() => {
  const s = stored.value.state;
  return s === 'missing' ? 'ready' : s;
});

/** All settings, defaults for anything absent or unreadable. */
export const settings: ReadonlySignal<Settings> = computed(() => {
  const s = stored.value;
  return s.state === 'ready' ? withDefaults(s.value) : DEFAULT_SETTINGS;
});

/** How long pending orders live and how much a revert extends them ({afterDays: 40, graceDays: 10} by default). */
export const expiryPolicy: ReadonlySignal<ExpiryPolicy> = computed(() => settings.value.expiry);
/** Days a deleted order is kept before the purge (30 by default). */
export const retentionDays: ReadonlySignal<number> = computed(() => settings.value.retentionDays);
/** Weekday → areas delivered that day (empty by default). */
export const deliveryPlan: ReadonlySignal<DeliveryPlan> = computed(() => settings.value.deliveryPlan);

async function save<T>(path: string, schema: Schema<T>, value: unknown, field: string): Promise<void> {
  const r = parse(schema, value, field);
  if (!r.ok) throw new ActionError(r.errors.map((e) => `${e.field} ${e.message}`).join('; '), r.errors[0]?.field ?? field, 'invalid');
  try {
    await set(ref(db, path), r.value);
  } catch (e) {
    const err = toActionError(e);
    throw err.code === 'denied' ? new ActionError('Only an admin may change the settings.', field, 'denied') : err;
  }
}

/** Admin: saves the expiry policy (whole days, 1–365). */
export const saveExpiryPolicy = (policy: ExpiryPolicy): Promise<void> => save('settings/expiry', expiryPolicySchema, policy, 'expiry');

/** Admin: saves the retention period of deleted orders (whole days, 1–3650). */
export const saveRetentionDays = (days: number): Promise<void> => save('settings/retentionDays', retentionDaysSchema, days, 'retentionDays');

/** Admin: saves the delivery plan (cleaned: trimmed, duplicates and empty days dropped). */
export const saveDeliveryPlan = (plan: DeliveryPlan): Promise<void> => save('settings/deliveryPlan', deliveryPlanSchema, cleanPlan(plan), 'deliveryPlan');
