// What the e2e scripts share: the system's address, the browser, the screenshots' folder, the
// login form, a token for the API as a second client, and the run that logs and exits.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8000';
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
// Screenshots go to e2e/out/ (ignored); `make frontend-screenshots` points this at docs/screenshots/.
export const SHOTS =
  `${process.env.E2E_SCREENSHOTS ?? fileURLToPath(new URL('./out/', import.meta.url))}/`.replace(
    /\/+$/,
    '/',
  );
export const TIMEOUT = 20_000;

/** The admin app's desktop browser. */
export const DESKTOP = {
  viewport: { width: 1366, height: 860 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

/** A phone's screen, for shots of an admin page at phone size (the viewport only: same context). */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** Fails unless every named value (an E2E_<name> variable) is set; then makes the screenshots' folder. */
export function required(values) {
  for (const [name, value] of Object.entries(values)) {
    assert.ok(value, `E2E_${name} is required`);
  }
  mkdirSync(SHOTS, { recursive: true });
}

export const step = (text) => console.log(`- ${text}`);

/** The page as SHOTS/<name>.png, the whole page unless options say otherwise. */
export const screenshot = (page, name, options = {}) =>
  page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true, ...options });

/** The page at desktop size as SHOTS/<name>.png, then at a phone's as SHOTS/<name>-phone.png; the viewport is put back. */
export async function screenshotSizes(page, name, options = {}) {
  await screenshot(page, name, options);
  const desktop = page.viewportSize();
  await page.setViewportSize(PHONE_VIEWPORT);
  try {
    await page.waitForTimeout(300); // antd's layout reacts to the resize
    await screenshot(page, `${name}-phone`, options);
  } finally {
    if (desktop) await page.setViewportSize(desktop);
  }
}

/** Fills the login form and sends it; waits for the page the user lands on. */
export async function logIn(page, username, password, landing) {
  await fillLogin(page, username, password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL(landing);
}

export async function fillLogin(page, username, password) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
}

/** Logs out of the admin app and in again as someone else. */
export async function logInAgain(page, username, password) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  await logIn(page, username, password, '**/admin/**');
}

/** The API as a second client (not the browser): an access token. */
export async function apiToken(username, password) {
  const response = await fetch(`${BASE}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).access_token;
}

/** Wrong passwords for a user through the API until the registry locks the account (5 failures);
 * answers the status the right password then gets (423 while locked). */
export async function lockOut(username, rightPassword) {
  const attempt = (password) =>
    fetch(`${BASE}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }),
    });
  for (let i = 0; i < 5; i += 1) await attempt(`wrong-${i}-${rightPassword}`);
  return (await attempt(rightPassword)).status;
}

/**
 * Runs `steps(page, context)` in a new Chromium context with `options`; page errors (and refused
 * API calls, unless `logApiErrors` is false) go to the log. On a failure the async `failure(page)`
 * takes its screenshot; the process exits 1, else 0.
 */
export async function run({ options, logApiErrors = true, failure }, steps) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  let failed = false;
  let page;
  try {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(TIMEOUT);
    page = await context.newPage();
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    if (logApiErrors) {
      page.on('response', (response) => {
        if (response.url().includes('/api/') && response.status() >= 400)
          console.log(`api ${response.status()}: ${response.url()}`);
      });
    }
    await steps(page, context);
  } catch (error) {
    failed = true;
    console.error(error);
    if (page) await failure(page).catch(() => undefined);
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}
