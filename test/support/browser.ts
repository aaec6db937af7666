/**
 * What the browser tests share: Debian's Chromium through playwright-core, the folder the
 * screenshots go to, and a watch on a page for what a person would trip over (console errors,
 * failed requests, requests that leave the api's own origin).
 */
import { expect } from '@jest/globals';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './processes.js';

export const CHROMIUM = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');

/** Chromium, or a failure that says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (as root) and run them again.`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** What went wrong on a page: console errors, failed requests, anything not from this server. */
export interface Trouble {
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
}

export function watch(p: Page, origin: string): Trouble {
  const t: Trouble = { consoleErrors: [], failedRequests: [], foreignRequests: [] };
  p.on('console', (m) => {
    if (m.type() === 'error') t.consoleErrors.push(m.text());
  });
  p.on('pageerror', (e) => t.consoleErrors.push(String(e)));
  p.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) t.foreignRequests.push(r.url());
  });
  p.on('requestfailed', (r) => t.failedRequests.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  p.on('response', (r) => {
    if (r.status() >= 400) t.failedRequests.push(`${r.status()} ${r.url()}`);
  });
  return t;
}

export function expectNoTrouble(t: Trouble): void {
  expect(t).toEqual({ consoleErrors: [], failedRequests: [], foreignRequests: [] });
}

/** How far the page scrolls sideways (0 when it fits the screen). */
export async function sidewaysScroll(p: Page): Promise<number> {
  return p.evaluate(() => {
    const w = globalThis as unknown as {
      innerWidth: number;
      document: { documentElement: { scrollWidth: number } };
    };
    return w.document.documentElement.scrollWidth - w.innerWidth;
  });
}
