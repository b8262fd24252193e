import { AppNav } from './AppNav.ts';
import type { Locator, Page } from 'playwright-core';

export const COLLECTIONS = ['orders', 'billing', 'sent', 'deleted', 'expired'] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** The staff app's home: header and the live order counts. */
export class StaffHomePage {
  constructor(readonly page: Page) {}

  get userName(): Locator {
    return this.page.getByTestId('user-name');
  }

  /** The header's account button (name and avatar); it opens the menu holding Sign out. */
  get accountButton(): Locator {
    return this.page.getByRole('button', { name: /: account$/ });
  }

  /** Signs out through the account menu. */
  async signOut(): Promise<void> {
    await this.accountButton.click();
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }

  get greeting(): Locator {
    return this.page.getByTestId('greeting');
  }

  get avatar(): Locator {
    return this.page.getByTestId('avatar');
  }

  /** A quick-action card by its label ('New order', 'Pending', 'Billing', 'Stock'). */
  quickAction(label: string): Locator {
    return this.page.getByRole('list', { name: 'Quick actions' }).getByRole('link', { name: new RegExp(`^${label}\\b`) });
  }

  /** Goes home through the screen tabs (no reload). */
  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Home');
    await this.greeting.waitFor();
    return this;
  }

  /** The "Retailer orders awaiting approval" number ('…' while loading). */
  async approvals(): Promise<string> {
    return (await this.page.getByTestId('count-approvals').locator('strong').innerText()).trim();
  }

  tile(collection: Collection): Locator {
    return this.page.getByTestId(`count-${collection}`);
  }

  /** What each tile shows, by its visible label: `{ Pending: 3, … }`; null for a tile still loading. */
  async visibleCounts(): Promise<Record<string, number | null>> {
    const out: Record<string, number | null> = {};
    for (const c of COLLECTIONS) {
      const [value = '', label = ''] = (await this.tile(c).innerText()).split('\n').map((s) => s.trim());
      // "20+" (a capped recent window) reads as 20.
      out[label] = /^\d+\+?$/.test(value) ? Number.parseInt(value, 10) : null;
    }
    return out;
  }

  /**
   * Starts watching a tile in the page and records Date.now() at the moment it first shows
   * `expected`; call before the write, then await the returned function for that time.
   */
  async watchTile(collection: Collection, expected: number): Promise<() => Promise<number>> {
    const key = `${collection}=${expected}`;
    // The promise stays in the page: evaluate() would wait for it if we returned it.
    await this.page.evaluate(
      ({ key, testId, text }) => {
        const w = window as unknown as { seenAt?: Record<string, Promise<number>> };
        const seenAt = (w.seenAt ??= {});
        seenAt[key] = new Promise<number>((resolve) => {
          const shows = () => document.querySelector(`[data-testid="${testId}"] .count-tile__value`)?.textContent === text;
          if (shows()) return resolve(Date.now());
          const observer = new MutationObserver(() => {
            if (!shows()) return;
            observer.disconnect();
            resolve(Date.now());
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      },
      { key, testId: `count-${collection}`, text: String(expected) },
    );
    return () =>
      this.page.evaluate(async (key) => {
        const seen = (window as unknown as { seenAt?: Record<string, Promise<number>> }).seenAt?.[key];
        if (seen === undefined) throw new Error(`no watch for ${key}`);
        return seen;
      }, key);
  }
}
