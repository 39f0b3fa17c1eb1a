// End to end, the visits page (走访): a township officer opens last month's visits (the default
// month, named on screen), sees both households with their villages and cadre by name, ticks
// 离家较远 and finds only the far visit, opens it: what was seen, the GPS point and its distance
// from home, the photo (through the attachments API) and the risk flag (the officer may see it).
//
// Started by tests/test_web_e2e.py, which seeds 荷地镇, its officer, a cadre and last month's two
// visits entered from paper (one 5.6 km from home with a photo); by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=<officer> E2E_PASSWORD=… E2E_FAR_HEAD=… E2E_NEAR_HEAD=… \
//   E2E_MONTH=<last month, 2026-11> E2E_FAR_VISIT=<its id> node e2e/admin-visits.mjs
import assert from 'node:assert/strict';
import { BASE, DESKTOP, logIn, required, run, screenshot, screenshotSizes, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const FAR_HEAD = process.env.E2E_FAR_HEAD;
const NEAR_HEAD = process.env.E2E_NEAR_HEAD;
const MONTH = process.env.E2E_MONTH;
const FAR_VISIT = process.env.E2E_FAR_VISIT;

required({ USERNAME, PASSWORD, FAR_HEAD, NEAR_HEAD, MONTH, FAR_VISIT });

const rows = (page) => page.locator('.ant-table-tbody tr.ant-table-row');

await run(
  { options: DESKTOP, failure: (page) => screenshot(page, 'admin-visits-failure') },
  async (page) => {
    step('the officer logs in and opens 走访 from the menu');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/**');
    await page.getByRole('menuitem', { name: '走访' }).click();
    await page.waitForURL('**/admin/visits');

    step(`last month (${MONTH}) is shown by default and named`);
    await page.getByText(`${MONTH} 的走访`).waitFor();
    await page.getByText(`${MONTH}（上月）`).waitFor();
    await rows(page).filter({ hasText: NEAR_HEAD }).waitFor();
    assert.equal(await rows(page).count(), 2);
    const far = rows(page).filter({ hasText: FAR_HEAD });
    for (const text of ['荷地村', '陈走访', '入户走访', '离家较远', '补录', '有风险'])
      await far.getByText(text, { exact: true }).waitFor();
    await rows(page).filter({ hasText: NEAR_HEAD }).getByText('石磨下村').waitFor();
    assert.equal(await rows(page).filter({ hasText: NEAR_HEAD }).getByText('离家较远').count(), 0);
    // Codes never reach the screen: villages and cadres by name.
    assert.doesNotMatch(await page.locator('.ant-table').innerText(), /3311261\d{5}/);

    step('ticking 离家较远 leaves the far visit alone');
    const filtered = page.waitForResponse((r) => r.url().includes('far_from_home=true'));
    await page.getByRole('checkbox', { name: '离家较远' }).check();
    await filtered;
    await rows(page).filter({ hasText: FAR_HEAD }).waitFor();
    assert.equal(await rows(page).count(), 1);
    await screenshotSizes(page, 'admin-visits');

    step('opening it shows what was seen, where, the photo and the risk');
    const opened = page.waitForResponse((r) => r.url().endsWith(`/api/v1/visits/${FAR_VISIT}`));
    await rows(page).filter({ hasText: FAR_HEAD }).click();
    assert.equal((await opened).status(), 200);
    const drawer = page.getByRole('dialog');
    await drawer.getByText(`走访详情：${FAR_HEAD}`).waitFor();
    for (const text of ['香菇收入稳定', '户主腰伤未愈', '希望参加食用菌技术培训', '大病'])
      await drawer.getByText(text).waitFor();
    await drawer.getByText(/^5,\d{3} 米/).waitFor();
    await drawer.getByText('补录原因：按纸质走访记录补录').waitFor();
    const photo = drawer.locator('img.ant-image-img');
    await photo.waitFor();
    assert.ok(await photo.evaluate((img) => img.complete && img.naturalWidth > 0));
    await screenshotSizes(page, 'admin-visit-detail', { fullPage: false });
    await drawer.getByText('承诺事项').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-visit-detail-end', { fullPage: false });
  },
);
