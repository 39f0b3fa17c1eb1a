// End to end, part B: a township officer imports a spreadsheet with errors, sees them row by row,
// uploads a corrected CSV, commits it; then cannot open another township's household by URL. The
// county admin sees the audit, and a login locked by failed logins in 账号, and unlocks it.
//
// Started by tests/test_web_e2e.py, which writes the two CSV files and seeds the officer and the
// other township's household; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=officer E2E_PASSWORD=… E2E_BAD_CSV=bad.csv E2E_GOOD_CSV=good.csv \
//   E2E_IMPORTED_HEAD=<head name in the file> E2E_FOREIGN_HOUSEHOLD=<id> node e2e/admin-officer.mjs
import assert from 'node:assert/strict';
import {
  BASE,
  DESKTOP,
  TIMEOUT,
  apiToken,
  lockOut,
  logIn,
  logInAgain,
  required,
  run,
  screenshot as shot,
  screenshotSizes,
  step,
} from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME ?? 'officer';
const PASSWORD = process.env.E2E_PASSWORD;
const BAD_CSV = process.env.E2E_BAD_CSV;
const GOOD_CSV = process.env.E2E_GOOD_CSV;
const IMPORTED_HEAD = process.env.E2E_IMPORTED_HEAD;
const FOREIGN = process.env.E2E_FOREIGN_HOUSEHOLD; // a household in another township
const NEW_ID = process.env.E2E_NEW_ID_NUMBER; // a valid ID number nobody has, for a household made in the form
const VILLAGE = process.env.E2E_VILLAGE; // a village of the officer's township
// Optional: a leader, who reads the same screens with nothing to change.
const LEADER_USERNAME = process.env.E2E_LEADER_USERNAME;
const LEADER_PASSWORD = process.env.E2E_LEADER_PASSWORD;
// Optional: the county admin, who sees the audit of the officer's whole reads.
const ADMIN_USERNAME = process.env.E2E_ADMIN_USERNAME;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;

required({ PASSWORD, BAD_CSV, GOOD_CSV, IMPORTED_HEAD, FOREIGN, NEW_ID, VILLAGE });

/** As a second client of the same officer: save the household unchanged, so its version moves on. */
async function saveBehindTheForm(householdId) {
  const headers = { Authorization: `Bearer ${await apiToken(USERNAME, PASSWORD)}` };
  const url = `${BASE}/api/v1/households/${householdId}`;
  const h = await (
    await fetch(`${url}?unmask=true&reason=${encodeURIComponent('端到端测试')}`, { headers })
  ).json();
  const body = {
    village_code: h.village_code,
    address: h.address,
    phone: h.phone,
    category: h.category,
    low_income_subtype: h.low_income_subtype,
    monitoring_type: h.monitoring_type,
    members: h.members.map(
      ({ id, name, id_number, relation, resident, health, labour_ability, employment }) => ({
        id,
        name,
        id_number,
        relation,
        resident,
        health,
        labour_ability,
        employment,
      }),
    ),
  };
  const saved = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': `"${h.version}"` },
    body: JSON.stringify(body),
  });
  assert.equal(saved.status, 200, await saved.text());
}

await run({ options: DESKTOP, failure: (page) => shot(page, 'admin-failure') }, async (page) => {
  // run logs refused API calls, which help explain a failure (some are expected: the 412, the 404).
  page.on('requestfailed', (request) =>
    console.log(`request failed: ${request.url()} ${request.failure()?.errorText}`),
  );

  step('log in: the officer lands in the admin app, with no audit in the menu');
  await page.goto(`${BASE}/login`);
  await logIn(page, USERNAME, PASSWORD, '**/admin/dashboard');
  await page.getByText('走访完成情况').waitFor();
  await page.getByRole('link', { name: '数据导入' }).waitFor();
  assert.equal(
    await page.getByRole('link', { name: '审计' }).count(),
    0,
    'an officer is offered no audit',
  );
  assert.equal(
    await page.getByRole('link', { name: '账号' }).count(),
    0,
    'an officer is offered no accounts',
  );
  await page.goto(`${BASE}/admin/users`);
  await page.getByText('页面不存在').waitFor();
  await page.goto(`${BASE}/admin/dashboard`);

  step('imports: a file with errors is checked, its rows and fields listed, nothing committed');
  await page.getByRole('link', { name: '数据导入' }).click();
  await page.waitForURL('**/admin/imports');
  await page.locator('#import-file').setInputFiles(BAD_CSV);
  await page.getByRole('button', { name: /检查/ }).click();
  await page.getByText(/行错误，请修改文件/).waitFor();
  await page.locator('.import-error').first().waitFor();
  assert.ok(
    await page.getByRole('button', { name: /确认导入/ }).isDisabled(),
    'a file with errors cannot be committed',
  );
  await shot(page, 'admin-import-errors');

  step('the corrected CSV passes the check and is committed');
  await page.locator('#import-file').setInputFiles(GOOD_CSV);
  await page.getByRole('button', { name: /检查/ }).click();
  await page.getByText('检查通过，可以确认导入').waitFor();
  await page.getByRole('button', { name: /确认导入/ }).click();
  await page.getByText(/导入完成/).waitFor();
  await shot(page, 'admin-import-committed');

  step('the imported household is found by name prefix, its members masked');
  await page.getByRole('link', { name: '农户', exact: true }).click();
  await page.waitForURL('**/admin/households');
  await page.getByLabel('姓名').fill(`${IMPORTED_HEAD.slice(0, 1)}*`);
  await page.getByLabel('姓名').press('Enter');
  await page.getByRole('link', { name: IMPORTED_HEAD }).click();
  await page.waitForURL('**/admin/households/*');
  await page
    .getByRole('cell', { name: /\*{4,}/ })
    .first()
    .waitFor();
  await shot(page, 'admin-household');
  const householdId = page.url().split('/').pop();

  step(
    'an edit after someone else saved is refused with a clear message, and works after a reload',
  );
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await page.getByLabel('地址').fill('黄田村21号');
  await saveBehindTheForm(householdId);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('他人已先保存了此农户，请重新加载后再修改').waitFor();
  await shot(page, 'admin-household-conflict');
  await page.getByRole('button', { name: '重新加载' }).click();
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await page.getByLabel('地址').fill('黄田村21号');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByRole('cell', { name: '黄田村21号' }).waitFor();

  step('alerts and needs lists open');
  await page.getByRole('link', { name: '预警' }).click();
  await page.waitForURL('**/admin/alerts');
  await page.waitForLoadState('networkidle');
  await shot(page, 'admin-alerts');

  step('a new household is made in the form and opens with its member masked');
  await page.getByRole('link', { name: '农户', exact: true }).click();
  await page.getByRole('button', { name: '新增农户' }).click();
  await page.waitForURL('**/admin/households/new');
  await page.getByRole('heading', { name: '新增农户' }).waitFor(); // the search page, with the same labels, is gone
  // The village is picked, not typed: its code finds the one option (its name, with the township).
  await page.getByLabel('所在村').fill(VILLAGE);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByLabel('地址').fill('黄田村30号');
  await page.getByLabel('低收入类型').click();
  await page.getByTitle('低保户').click();
  await page.getByLabel('姓名').fill('何永福');
  await page.getByLabel('身份证号').fill(NEW_ID);
  await shot(page, 'admin-household-new');
  await page.getByRole('button', { name: '保存新农户' }).click();
  await page.waitForURL(/\/admin\/households\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: '何永福' }).waitFor();
  await page
    .getByRole('cell', { name: `${NEW_ID.slice(0, 4)}**********${NEW_ID.slice(-4)}` })
    .waitFor();

  step("another township's household, opened by URL, is a 404 page");
  await page.goto(`${BASE}/admin/households/${FOREIGN}`);
  await page.getByText('页面不存在').waitFor();
  await shot(page, 'admin-not-found');

  if (LEADER_USERNAME) {
    step('a leader reads: no imports, no new household, no edit');
    // Where the leader lands depends on whether the login kept the officer's last page: either is fine.
    await logInAgain(page, LEADER_USERNAME, LEADER_PASSWORD);
    await page.getByText('只读').waitFor();
    assert.equal(
      await page.getByRole('link', { name: '数据导入' }).count(),
      0,
      'a leader is offered no imports',
    );
    assert.equal(
      await page.getByRole('link', { name: '账号' }).count(),
      0,
      'a leader is offered no accounts',
    );
    await page.getByRole('link', { name: '农户', exact: true }).click();
    await page.getByLabel('姓名').fill(IMPORTED_HEAD);
    await page.getByLabel('姓名').press('Enter');
    await page.getByRole('link', { name: IMPORTED_HEAD }).click();
    await page.getByRole('heading', { name: IMPORTED_HEAD }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: /编\s*辑/ }).count(),
      0,
      'a leader is offered no edit',
    );
    await page.goto(`${BASE}/admin/imports`);
    await page.getByText('页面不存在').waitFor();
    step(
      'a leader is not offered alerts (the API refuses them) but reads the needs, with nothing to do on them',
    );
    assert.equal(
      await page.getByRole('link', { name: '预警', exact: true }).count(),
      0,
      'a leader is offered no alerts',
    );
    await page.goto(`${BASE}/admin/alerts`);
    await page.getByText('页面不存在').waitFor();
    await page.getByRole('link', { name: '需求', exact: true }).click();
    await page.getByRole('heading', { name: '需求' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(
      await page.getByRole('alert').count(),
      0,
      'the needs page shows no error to a leader',
    );
    assert.equal(
      await page.getByRole('columnheader', { name: '操作' }).count(),
      0,
      'a leader is offered no action on a need',
    );
    // The dashboard, shot last: the county's townships side by side, every service warmed up.
    await page.getByRole('link', { name: '指标看板' }).click();
    await page.getByText('走访完成情况').waitFor();
    await page.waitForLoadState('networkidle');
    // Every card loaded (a leader reads the whole dashboard): no skeleton or spinner left.
    await page.waitForFunction(
      () => !document.querySelector('.ant-skeleton, .ant-spin-spinning'),
      null,
      { timeout: TIMEOUT },
    );
    await shot(page, 'admin-dashboard');
  }
  if (ADMIN_USERNAME) {
    step("the county admin's audit lists the officer's whole read for the edit, with its reason");
    await logInAgain(page, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole('link', { name: '审计' }).click();
    await page.getByRole('cell', { name: '编辑农户信息' }).first().waitFor();
    await shot(page, 'admin-audit');
  }
  if (ADMIN_USERNAME && LEADER_USERNAME) {
    step('five wrong passwords lock the leader; the county admin sees it in 账号 and unlocks it');
    assert.equal(
      await lockOut(LEADER_USERNAME, LEADER_PASSWORD),
      423,
      'the right password is refused while locked',
    );
    await page.getByRole('link', { name: '账号' }).click();
    await page.waitForURL('**/admin/users');
    await page.getByRole('heading', { name: '账号' }).waitFor();
    // Every login of the area, the admin's own too (made by the operator: no area, 全部区域).
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: ADMIN_USERNAME, exact: true }) })
      .getByText('全部区域')
      .waitFor();
    assert.equal(await page.getByRole('alert').count(), 0, 'the accounts list shows no error');
    const row = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: LEADER_USERNAME, exact: true }) });
    await row.getByRole('cell', { name: '庆元县', exact: true }).waitFor(); // the area by its name
    await page.waitForLoadState('networkidle');
    await shot(page, 'admin-users');
    await page.getByText('已锁定', { exact: true }).click(); // only the locked ones
    await row.getByText(/^已锁定至 \d{2}:\d{2}$/).waitFor();
    await row.getByText('领导', { exact: true }).waitFor(); // the role as a word
    await page.waitForLoadState('networkidle');
    await screenshotSizes(page, 'admin-users-locked');
    await row.getByRole('button', { name: /解\s*锁/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(LEADER_USERNAME, { exact: false }).waitFor();
    // A click during antd's zoom-in can be lost: wait until the modal stands still.
    await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter'));
    await dialog.getByRole('button', { name: /解\s*锁/ }).click();
    await page.getByText('没有被锁定的账号').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    step('the leader logs in again');
    await apiToken(LEADER_USERNAME, LEADER_PASSWORD);
    await logInAgain(page, LEADER_USERNAME, LEADER_PASSWORD);
    await page.getByText('只读').waitFor();
  }
  console.log('admin e2e: OK');
});
