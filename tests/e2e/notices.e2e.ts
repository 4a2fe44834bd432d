/**
 * The "ready to work offline" notice is news, not a question: it appears once the service
 * worker has cached the app and goes by itself (OFFLINE_READY_SHOWN_MS), so it never sits over
 * the composer or a button until closed. The page's clock is driven by the test, not waited on.
 */
import { describe, expect, inject, it } from 'vitest';
import { OFFLINE_READY_SHOWN_MS } from '../../src/app/state/pwa-timing';
import { expectCleanSession, newSession, useBrowser } from './browser';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('notices', () => {
  it('the offline-ready notice shows, then goes by itself', async () => {
    const session = await newSession(browser(), appUrl);
    const { page } = session;
    await page.clock.install();
    await page.goto(`${appUrl}#/chat`);
    await page.waitForSelector('html[data-ready="true"]');
    const notice = page.getByTestId('offline-ready');
    await notice.waitFor();
    await page.clock.runFor(OFFLINE_READY_SHOWN_MS - 1000);
    expect(await notice.isVisible()).toBe(true);
    await page.clock.runFor(2000);
    await notice.waitFor({ state: 'detached' });
    expectCleanSession(session);
    await session.close();
  });
});
