// End to end, the cadre's phone (issue 15): the list names the village and the last visit; a
// past visit opens read-only; 拨打电话 brings the household's own phone whole (the test then
// finds the audit entry); an empty visit is refused before it leaves the phone, the reason in
// view and focused near 保存走访; after a save the household opens at its top; offline, the
// banner stays on screen while the page scrolls.
//
// Started by tests/test_web_e2e.py (which seeds the cadre, the household and its past visit).
import assert from 'node:assert/strict';

import { BASE, SHOTS, fillLogin, required, run, screenshot, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const HOUSEHOLD = process.env.E2E_HOUSEHOLD; // the head's name
const PHONE = process.env.E2E_PHONE; // the household's phone, whole
const PAST_NOTE = process.env.E2E_PAST_NOTE; // the housing note of the visit already made
required({ USERNAME, PASSWORD, HOUSEHOLD, PHONE, PAST_NOTE });

const EMPTY = '这次走访还没有记录内容'; // zh-CN visit.errors.empty, its start
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
  new Date(Date.now() - 2 * 86_400_000),
);

const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

async function failure(page) {
  console.error(`at ${page.url()}; the screen is in ${SHOTS}cadre-phone-failure.png`);
  await screenshot(page, 'cadre-phone-failure');
}

await run({ options: phone, failure }, async (page, context) => {
  step('log in; the list names the village and the last visit');
  await page.goto(`${BASE}/login`);
  await fillLogin(page, USERNAME, PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/m');
  const row = page.locator('.adm-list-item', { hasText: HOUSEHOLD });
  await row.getByText(`黄田村 · 上次走访 ${today}`).waitFor();
  await screenshot(page, 'cadre-phone-list');

  step('the household: its phone masked, then whole on 拨打电话');
  await row.click();
  await page.waitForURL('**/m/households/*');
  const householdUrl = page.url();
  await page
    .getByText('138****1234')
    .or(page.getByText(/139\*+1234/))
    .first()
    .waitFor();
  await page.getByRole('button', { name: '拨打电话' }).click();
  const link = page.locator(`a[href="tel:${PHONE}"]`);
  await link.waitFor();
  assert.equal(await link.innerText().then((t) => t.replace(/\s/g, '')), PHONE);
  await screenshot(page, 'cadre-phone-household');

  step('a past visit opens read-only');
  await page.locator('.adm-list-item', { hasText: PAST_NOTE }).click();
  await page.waitForURL('**/visits/*');
  await page.getByTestId('visit-view').getByText(PAST_NOTE).waitFor();
  assert.equal(await page.locator('textarea, input:not([type="hidden"])').count(), 0);
  await screenshot(page, 'cadre-phone-visit');
  await page.goBack();
  await page.waitForURL(householdUrl);

  step('an empty visit is refused on the phone, the reason in view near the button');
  await page.getByRole('button', { name: '记录走访' }).click();
  await page.waitForURL('**/visit');
  await page.getByText('至少一项写满 4 个字').waitFor(); // the rule, said before sending
  const save = page.getByRole('button', { name: '保存走访' });
  await save.scrollIntoViewIfNeeded();
  await save.click();
  const reason = page.locator('.adm-form-item-has-error', { hasText: EMPTY });
  await reason.waitFor();
  await page.waitForFunction(
    () => document.activeElement?.closest('.adm-form-item-has-error') !== null,
  );
  const box = await reason.boundingBox();
  const button = await save.boundingBox();
  assert.ok(
    box && box.y >= 0 && box.y + box.height <= 844,
    `reason off screen: ${JSON.stringify(box)}`,
  );
  assert.ok(button && Math.abs(button.y - box.y) < 400, 'reason far from the button');
  await screenshot(page, 'cadre-phone-empty-visit');

  step('with an observation it is saved, and the household opens at its top');
  const counter = page.locator('.adm-text-area-count').first();
  await page.getByLabel('住房情况').fill('屋顶又开始漏雨');
  await counter.waitFor();
  assert.match(
    await page
      .locator('.adm-text-area-count')
      .allInnerTexts()
      .then((t) => t.join(' ')),
    /7\/2000/,
  );
  await save.click();
  await page.waitForURL(householdUrl);
  await page.waitForFunction(() => window.scrollY === 0);
  await page.getByText('屋顶又开始漏雨').first().waitFor();

  step('offline, the banner stays while the page scrolls');
  await context.setOffline(true);
  const banner = page.getByTestId('offline-notice');
  await banner.waitFor();
  await page.mouse.wheel(0, 1500);
  await page.waitForFunction(() => window.scrollY > 300);
  const bannerBox = await banner.boundingBox();
  assert.ok(
    bannerBox && bannerBox.y >= 0 && bannerBox.y < 120,
    `banner scrolled: ${JSON.stringify(bannerBox)}`,
  );
  await screenshot(page, 'cadre-phone-offline-scrolled');
  await context.setOffline(false);
});
