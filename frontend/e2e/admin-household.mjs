// End to end: the whole household on the admin side. A township officer opens a household and
// sees its visits (with the far-from-home flag), its income by quarter against the 13,000 line,
// edits its address, and finds the edit in the change history with the old and new address.
//
// Started by tests/test_web_e2e.py, which seeds the officer, the household with three quarters
// of income and a cadre's visit far from home; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=… E2E_PASSWORD=… E2E_HOUSEHOLD=<id> E2E_HEAD=<head name> \
//   E2E_OLD_ADDRESS=… node e2e/admin-household.mjs
import assert from 'node:assert/strict';
import {
  BASE,
  DESKTOP,
  TIMEOUT,
  logIn,
  required,
  run,
  screenshot,
  screenshotSizes,
  step,
} from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const HOUSEHOLD = process.env.E2E_HOUSEHOLD;
const HEAD = process.env.E2E_HEAD;
const OLD_ADDRESS = process.env.E2E_OLD_ADDRESS;
const NEW_ADDRESS = '黄田村新屋12号';

required({ USERNAME, PASSWORD, HOUSEHOLD, HEAD, OLD_ADDRESS });

await run(
  { options: DESKTOP, failure: (page) => screenshot(page, 'admin-household-failure') },
  async (page) => {
    step('the officer logs in and opens the household');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/**');
    await page.goto(`${BASE}/admin/households/${HOUSEHOLD}`);
    await page.getByRole('heading', { name: HEAD }).waitFor({ timeout: TIMEOUT });

    step('visits: the cadre’s visit, flagged far from home with its distance');
    await page.getByRole('tab', { name: '走访' }).click();
    await page.getByText(/离家 [\d,]+ 米/).waitFor({ timeout: TIMEOUT });
    await screenshotSizes(page, 'admin-household-visits');
    // A visit opens where the visits page opens it: what was seen and done, the distance, photos.
    await page.getByText(/离家 [\d,]+ 米/).click();
    const distance = page.getByText('离农户登记位置');
    await distance.waitFor({ timeout: TIMEOUT });
    await page.locator('.ant-drawer-close').click();
    await distance.waitFor({ state: 'hidden' });

    step('income: each quarter, annualised per capita against 13,000');
    await page.getByRole('tab', { name: '收入' }).click();
    await page.getByRole('cell', { name: '2026 年 1–3 季度' }).waitFor({ timeout: TIMEOUT });
    await page.getByRole('columnheader', { name: '对照 13,000 元' }).waitFor();
    // Q1 is under the line once annualised, Q3 over it (the seed's figures).
    assert.equal(await page.getByText('低于 13,000 元', { exact: true }).count(), 1);
    assert.equal(await page.getByText('达到 13,000 元', { exact: true }).count(), 2);
    await page
      .getByRole('cell', { name: /^[\d,]+\.\d{2} 元$/ })
      .first()
      .waitFor();
    await screenshotSizes(page, 'admin-household-income');

    step('the officer edits the address');
    await page.getByRole('button', { name: /^编\s?辑$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('地址').fill(NEW_ADDRESS);
    await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: TIMEOUT });

    step('the change history names the field, old → new, and who');
    await page.getByRole('tab', { name: '变更记录' }).click();
    await page
      .getByText(`地址：${OLD_ADDRESS} → ${NEW_ADDRESS}`)
      .first()
      .waitFor({ timeout: TIMEOUT });
    await page.getByText('走访').first().waitFor(); // the cadre's visit is in the same history
    await screenshotSizes(page, 'admin-household-history');

    step('plan and happiness list');
    await page.getByRole('tab', { name: '计划与幸福清单' }).click();
    await page
      .getByText(/帮扶计划|尚未制定/)
      .first()
      .waitFor({ timeout: TIMEOUT });
    await screenshotSizes(page, 'admin-household-plan');
  },
);
