// Signing in through the pages, as the browser tests do it: staff with code and password (every
// seeded staff member has the demo password), citizens with the one-time code sent by SMS.
import type { Page } from 'playwright-core';
import { until, type TestStack } from './stack';

export const STAFF_PASSWORD = 'jansetu-demo';

/** Signs staff member `code` in on `page` (to `next`, if given) and waits to leave the sign-in page. */
export async function signInStaff(page: Page, base: string, code: string, next?: string): Promise<Page> {
  await page.goto(`${base}/staff/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.fill('#code', code);
  await page.fill('#password', STAFF_PASSWORD);
  await page.click('form[action="/staff/signin"] button[type=submit]');
  await page.waitForURL((url) => url.pathname !== '/staff/signin' && url.pathname !== '/staff');
  return page;
}

/** Signs citizen `mobile` in on `page` with the code `readCode` finds; lands on "my cases". */
export async function signInCitizen(
  page: Page,
  base: string,
  mobile: string,
  readCode: () => Promise<string>,
): Promise<Page> {
  await page.goto(`${base}/signin`);
  await page.fill('#mobile', mobile);
  await page.click('form[action="/signin"] button[type=submit]');
  await page.waitForSelector('#code');
  await page.fill('#code', await readCode());
  await page.click('form[action="/signin/code"] button[type=submit]');
  await page.waitForURL(`${base}/my`);
  return page;
}

/** The last sign-in code sent to `mobile`, read from the SMS outbox table. */
export const outboxCode = (t: TestStack, mobile: string) => (): Promise<string> =>
  until('the sign-in code in the SMS outbox', async () => {
    const row = await t
      .db('outboxMessages')
      .where({ recipientMobile: mobile })
      .orderBy('id', 'desc')
      .first('bodyEn');
    return (row?.bodyEn as string | undefined)?.match(/code is (\d{6})/)?.[1];
  });
