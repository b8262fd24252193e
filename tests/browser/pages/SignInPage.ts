import type { Locator, Page } from 'playwright-core';

/** The sign-in screen of either app. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  get email(): Locator {
    return this.page.getByLabel('Email', { exact: true });
  }

  get password(): Locator {
    return this.page.getByLabel('Password', { exact: true });
  }

  get submit(): Locator {
    return this.page.getByRole('button', { name: /sign(ing)? in/i });
  }

  /** The error message shown under the form, if any. */
  get error(): Locator {
    return this.page.getByRole('alert');
  }

  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await this.email.waitFor();
    return this;
  }

  /** Types the credentials and presses Enter, as a keyboard user would. */
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.password.press('Enter');
  }
}
