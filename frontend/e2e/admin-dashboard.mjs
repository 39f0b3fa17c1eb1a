// End to end, the dashboard and alerts: a township officer notes the share of low-income households
// visited this month (#14 六个一) on the dashboard; the cadre logs a visit that flags a risk; on
// reload the figure (read by the indicators service from the assistance feed) and the cadre's visit
// rate have changed. Then the officer assigns the alert the visit raised to another cadre of the
// township and closes it.
//
// Started by tests/test_web_e2e.py, which seeds the township, its officer, two cadres and two
// households paired to the first; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=<officer> E2E_PASSWORD=… E2E_CADRE_USERNAME=… E2E_CADRE_PASSWORD=… \
//   E2E_HOUSEHOLD_ID=<id> E2E_HOUSEHOLD=<its head> E2E_TOWNSHIP=<officer's township> \
//   E2E_CADRE_NAME=<paired cadre> E2E_OTHER_CADRE=<another cadre> node e2e/admin-dashboard.mjs
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BASE, DESKTOP, apiToken, logIn, required, run, screenshot as shot, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const CADRE_USERNAME = process.env.E2E_CADRE_USERNAME;
const CADRE_PASSWORD = process.env.E2E_CADRE_PASSWORD;
const HOUSEHOLD_ID = process.env.E2E_HOUSEHOLD_ID;
const HOUSEHOLD = process.env.E2E_HOUSEHOLD;
const TOWNSHIP = process.env.E2E_TOWNSHIP;
const CADRE_NAME = process.env.E2E_CADRE_NAME;
const OTHER_CADRE = process.env.E2E_OTHER_CADRE;
const FEED_WAIT_MS = 20_000; // the indicators service reads the assistance feed every few seconds

required({
  USERNAME,
  PASSWORD,
  CADRE_USERNAME,
  CADRE_PASSWORD,
  HOUSEHOLD_ID,
  HOUSEHOLD,
  TOWNSHIP,
  CADRE_NAME,
  OTHER_CADRE,
});

/** The cadre logs a visit from their phone (by API here: the cadre app has its own e2e). */
async function logVisit() {
  const headers = {
    Authorization: `Bearer ${await apiToken(CADRE_USERNAME, CADRE_PASSWORD)}`,
    'Content-Type': 'application/json',
  };
  const visit = {
    household_id: HOUSEHOLD_ID,
    mode: 'in_person',
    occurred_at: new Date().toISOString(),
    observations: { income: '毛竹收入稳定' },
    risk_flags: ['serious_illness'],
  };
  const saved = await fetch(`${BASE}/api/v1/visits/${randomUUID()}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify(visit),
  });
  assert.equal(saved.status, 201, await saved.text());
}

/** The text of a row's cell (0-based column) in the table of the named region. */
async function cell(page, region, rowName, column) {
  const row = page.getByRole('region', { name: region }).getByRole('row', { name: rowName });
  return (await row.getByRole('cell').nth(column).textContent())?.trim();
}

/** Polls a cell until it reads ``expected`` (a few seconds), answering it; fails with the last text. */
async function cellBecomes(page, region, rowName, column, expected) {
  const deadline = Date.now() + 10_000;
  let text;
  while (Date.now() < deadline) {
    text = await cell(page, region, rowName, column).catch(() => undefined);
    if (text === expected) return text;
    await page.waitForTimeout(200);
  }
  assert.fail(`${rowName}: expected ${expected}, the table shows ${text}`);
}

await run(
  {
    options: { ...DESKTOP, acceptDownloads: true },
    failure: (page) => shot(page, 'admin-dashboard-failure'),
  },
  async (page) => {
    step('log in: the officer lands on the dashboard');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/dashboard');

    step("the indicator table shows #14's visited share for the township: none visited yet");
    const table = '指标值表';
    const township = new RegExp(`^${TOWNSHIP}`);
    // The list is long (and virtual): search it.
    await page
      .getByRole('region', { name: table })
      .getByLabel('指标', { exact: true })
      .fill('六个一');
    await page.getByTitle('14. 低收入农户“六个一”').click();
    await page.getByRole('region', { name: table }).getByLabel('分项').click();
    await page.getByTitle('本月已走访').click();
    await page.waitForURL(
      /indicator=I14_six_ones.*measure=visited|measure=visited.*indicator=I14_six_ones/,
    );
    // The measure's own rows replace the first measure's a moment after the URL changes: wait
    // for the figure rather than read whatever row is there first.
    const before = await cellBecomes(page, table, township, 1, '0.00%');
    const cadres = /各帮扶干部走访率/;
    await page
      .getByRole('region', { name: cadres })
      .getByRole('row', { name: new RegExp(CADRE_NAME) })
      .waitFor();
    assert.equal(await cell(page, cadres, new RegExp(CADRE_NAME), 4), '0.00%'); // this month, in progress

    step('the indicator table downloads as XLSX with its Chinese name');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出指标值表（XLSX）' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^.+六个一.*_截至\d{4}年[一二三四]季度\.xlsx$/);

    step(
      'the cadre logs a visit flagging an illness; the reloaded dashboard shows the figure changed',
    );
    await logVisit();
    const deadline = Date.now() + FEED_WAIT_MS;
    let after = before;
    while (after === before) {
      assert.ok(
        Date.now() < deadline,
        `#14 still showed ${after} ${FEED_WAIT_MS / 1000} s after the visit`,
      );
      await page.waitForTimeout(1_000);
      await page.reload();
      await page
        .getByRole('region', { name: table })
        .getByRole('row', { name: township })
        .waitFor();
      after = await cell(page, table, township, 1);
    }
    assert.equal(after, '50.00%', 'one of the two households visited');
    assert.equal(await cell(page, cadres, new RegExp(CADRE_NAME), 4), '50.00%');
    await shot(page, 'admin-dashboard-after-visit');

    step(
      'the alert the visit raised is found by its rule, assigned to another cadre of the township',
    );
    await page.getByRole('link', { name: '预警' }).click();
    await page.waitForURL('**/admin/alerts');
    await page.getByLabel('预警类型').click();
    await page.getByTitle('走访发现风险').click();
    const row = page.getByRole('row', { name: new RegExp(HOUSEHOLD) });
    await row.getByRole('cell', { name: CADRE_NAME }).waitFor();
    await row.getByRole('button', { name: /指\s*派/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('负责干部').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle(OTHER_CADRE).click();
    await dialog.getByLabel('说明（可不填）').fill('由刘接手上门核实');
    await dialog.getByRole('button', { name: /指\s*派/ }).click();
    await row.getByText('已指派').waitFor();
    await row.getByRole('cell', { name: new RegExp(OTHER_CADRE) }).waitFor();
    await dialog.waitFor({ state: 'hidden' }); // the modal's closing fade, out of the shot
    await shot(page, 'admin-alert-assigned');

    step('the officer closes it with a note: it leaves the open alerts');
    await row.getByRole('button', { name: /关\s*闭/ }).click();
    await page.getByRole('dialog').getByLabel('说明').fill('已联系医保办理大病救助');
    // The modal's × is also named 关闭; the step's button is antd's spaced 关 闭.
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^关\s+闭$/ })
      .click();
    await row.waitFor({ state: 'detached' });
    console.log('admin dashboard e2e: OK');
  },
);
