import { AppNav } from './AppNav.ts';
import type { Locator, Page } from 'playwright-core';
import { HistoryFilters } from './HistoryFilters.ts';
import { ListFoot } from './ListFoot.ts';

/** The staff app's Sent screen: the loaded days or one party, search, merged cards, delivery toggle, the ticker and the planner. */
export class SentPage {
  readonly foot: ListFoot;
  readonly filters: HistoryFilters;
  constructor(readonly page: Page) {
    this.foot = new ListFoot(page);
    this.filters = new HistoryFilters(page, 'sent');
  }

  /** Goes to Sent through the screen tabs (no reload). */
  async open(): Promise<this> {
    await new AppNav(this.page).goTo('Sent');
    await this.page.getByRole('heading', { name: 'Sent', level: 1 }).waitFor();
    return this;
  }

  get cards(): Locator {
    return this.page.getByTestId('sent-card');
  }

  card(number: string): Locator {
    return this.page.locator(`[data-testid="sent-card"][data-order="${number}"]`);
  }

  /** Order numbers of the cards on screen, top to bottom. */
  async numbers(): Promise<string[]> {
    return this.cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-order') ?? ''));
  }

  /** The card's item table as "item | colour | size | qty" rows, and its total. */
  async table(number: string): Promise<{ rows: string[]; total: number }> {
    const card = this.card(number);
    const rows = await card.getByTestId('line-row').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()).join(' | ')));
    return { rows, total: Number(await card.getByTestId('lines-total').innerText()) };
  }

  status(number: string): Locator {
    return this.card(number).getByTestId('delivery-status');
  }

  toggle(number: string): Locator {
    return this.card(number).getByTestId('toggle-delivery');
  }

  /** Shows one party's sent orders (by the name shown in the list), or every party's recent days with ''. */
  async party(name: string): Promise<void> {
    await this.filters.party(name);
  }

  /** The "Dispatch pending" strip at the top (absent when nothing waits or dismissed today). */
  get dispatchStrip(): Locator {
    return this.page.getByTestId('dispatch-strip');
  }

  /** The card shown on its own after picking it from the undelivered strip. */
  get picked(): Locator {
    return this.page.getByTestId('picked-card');
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('sent-search').fill(text);
  }

  /** The undelivered-orders strip (absent when everything is delivered). */
  get ticker(): Locator {
    return this.page.getByTestId('undelivered-ticker');
  }

  /** The strip's entries as "K3 RAVI STORES · 45 days", left to right (oldest first). */
  async tickerEntries(): Promise<string[]> {
    return this.page.getByTestId('ticker-item').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
  }

  tickerItem(number: string): Locator {
    return this.page.locator(`[data-testid="ticker-item"][data-order="${number}"]`);
  }

  /** The "Also as a notification" button (shown while notification permission was never asked). */
  get enableNotifications(): Locator {
    return this.page.getByTestId('enable-notifications');
  }

  /**
   * Starts watching, in the page, for the card's delivery status to read `text`, and records
   * Date.now() at that moment (a MutationObserver, so no polling delay); call before the change,
   * then await the returned function for that time.
   */
  async watchStatus(number: string, text: string): Promise<() => Promise<number>> {
    const key = `${number}=${text}`;
    // The promise stays in the page: evaluate() would wait for it if we returned it.
    await this.page.evaluate(
      ({ key, number, text }) => {
        const w = window as unknown as { statusSeenAt?: Record<string, Promise<number>> };
        const seenAt = (w.statusSeenAt ??= {});
        seenAt[key] = new Promise<number>((resolve) => {
          const shows = () => document.querySelector(`[data-testid="sent-card"][data-order="${number}"] [data-testid="delivery-status"]`)?.textContent === text;
          if (shows()) return resolve(Date.now());
          const observer = new MutationObserver(() => {
            if (!shows()) return;
            observer.disconnect();
            resolve(Date.now());
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
      },
      { key, number, text },
    );
    return () =>
      this.page.evaluate(async (key) => {
        const seen = (window as unknown as { statusSeenAt?: Record<string, Promise<number>> }).statusSeenAt?.[key];
        if (seen === undefined) throw new Error(`no watch for ${key}`);
        return seen;
      }, key);
  }

  get planner(): Locator {
    return this.page.getByTestId('planner');
  }

  async openPlanner(): Promise<void> {
    await this.page.getByTestId('open-planner').click();
    await this.planner.waitFor();
  }

  /** Chooses a weekday in the planner ('Mon' … 'Sun'). */
  async plannerDay(short: string): Promise<void> {
    await this.planner.getByRole('group', { name: 'Weekday' }).getByRole('button', { name: short, exact: true }).click();
  }

  get plannerCards(): Locator {
    return this.planner.getByTestId('planner-card');
  }

  /** Saves the weekly plan through the admin editor: { Monday: 'PONDA, MAPUSA' }. */
  async savePlan(days: Record<string, string>): Promise<void> {
    await this.planner.getByRole('button', { name: 'Edit the weekly plan' }).click();
    const editor = this.planner.getByTestId('plan-editor');
    for (const [day, areas] of Object.entries(days)) await editor.getByLabel(day, { exact: true }).fill(areas);
    await editor.getByRole('button', { name: 'Save plan' }).click();
    await editor.waitFor({ state: 'detached' });
  }
}
