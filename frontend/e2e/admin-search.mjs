// End to end, searching as people search: a township officer finds households by the first two
// characters of a name (no *), narrows them to a village picked by its name, reads the needs by
// household name with the nearest deadline first and gives one to a department picked from the
// registry's, and gives an alert, which says its risk in words, to that department.
//
// Started by tests/test_web_e2e.py, which seeds the township (two villages), its officer, a county
// department, two households whose heads' names start alike (one per village), a need for each and
// an income under the line for the first; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=<officer> E2E_PASSWORD=… E2E_HOUSEHOLD=<head, first village> \
//   E2E_OTHER_HOUSEHOLD=<head, other village> E2E_VILLAGE=<first village's name> \
//   E2E_TOWNSHIP=<township's name> E2E_DEPARTMENT=<department> node e2e/admin-search.mjs
import assert from 'node:assert/strict';
import {
  BASE,
  DESKTOP,
  PHONE_VIEWPORT,
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
const OTHER_HOUSEHOLD = process.env.E2E_OTHER_HOUSEHOLD;
const VILLAGE = process.env.E2E_VILLAGE;
const TOWNSHIP = process.env.E2E_TOWNSHIP;
const DEPARTMENT = process.env.E2E_DEPARTMENT;
// Optional: a cadre of the township, whose phone's 我的 names the township, not its code.
const CADRE_USERNAME = process.env.E2E_CADRE_USERNAME;
const CADRE_PASSWORD = process.env.E2E_CADRE_PASSWORD;

required({ USERNAME, PASSWORD, HOUSEHOLD, OTHER_HOUSEHOLD, VILLAGE, TOWNSHIP, DEPARTMENT });

const PLACE = `${VILLAGE}（${TOWNSHIP}）`;
const dropdown = (page) => page.locator('.ant-select-dropdown:visible');

/** Types into a picker (by its label, inside `scope`) and picks the option titled `title`. */
async function pick(page, scope, label, typed, title) {
  await scope.getByLabel(label).click();
  await scope.getByLabel(label).fill(typed);
  await dropdown(page).getByTitle(title, { exact: true }).click();
}

await run(
  {
    options: DESKTOP,
    failure: (page) => screenshot(page, 'admin-search-failure'),
  },
  async (page) => {
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/**');

    step('the officer types the first two characters of a name, without *');
    await page.goto(`${BASE}/admin/households`);
    const prefix = [...HOUSEHOLD].slice(0, 2).join('');
    await page.getByLabel('姓名').fill(prefix);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    const first = page.getByRole('row', { name: new RegExp(HOUSEHOLD) });
    const other = page.getByRole('row', { name: new RegExp(OTHER_HOUSEHOLD) });
    await first.waitFor();
    await other.waitFor();
    // The village by its name with its township, not its code.
    await first.getByRole('cell', { name: PLACE, exact: true }).waitFor();
    assert.equal(await page.getByText(/\d{12}/).count(), 0, 'no raw area code on the list');

    step('and picks the village by typing part of its name');
    await pick(page, page, '村或乡镇', [...VILLAGE].slice(0, 2).join(''), PLACE);
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await other.waitFor({ state: 'detached' });
    await first.waitFor();
    await screenshotSizes(page, 'admin-search-households');

    step('the needs name their households, the nearest deadline first');
    await page.getByRole('link', { name: '需求' }).click();
    await page.waitForURL('**/admin/needs');
    const needRows = page.locator('.ant-table-tbody tr.ant-table-row');
    await needRows.nth(1).waitFor();
    assert.match((await needRows.nth(0).textContent()) ?? '', new RegExp(OTHER_HOUSEHOLD));
    assert.match((await needRows.nth(1).textContent()) ?? '', new RegExp(HOUSEHOLD));
    const need = page.getByRole('row', { name: new RegExp(HOUSEHOLD) });
    await need.getByRole('cell', { name: PLACE, exact: true }).waitFor();
    await screenshotSizes(page, 'admin-search-needs');

    step('the officer starts one, giving it to a department picked by name');
    await need.getByRole('button', { name: '开始办理' }).click();
    const startDialog = page.getByRole('dialog');
    await pick(page, startDialog, '责任单位', [...DEPARTMENT].slice(1, 3).join(''), DEPARTMENT);
    await startDialog.getByLabel('说明').fill('转县民政局核实');
    await screenshot(page, 'admin-search-need-department');
    await startDialog.getByRole('button', { name: '开始办理' }).click();
    await startDialog.waitFor({ state: 'hidden' });
    await page.getByLabel('状态').click();
    await dropdown(page).getByTitle('办理中').click();
    await need.getByRole('cell', { name: DEPARTMENT, exact: true }).waitFor();
    await screenshotSizes(page, 'admin-search-need-started');

    step('the alert says which risk, and goes to the department');
    await page.getByRole('link', { name: '预警' }).click();
    await page.waitForURL('**/admin/alerts');
    const alert = page.getByRole('row', { name: new RegExp(HOUSEHOLD) });
    await alert
      .getByText(/人均收入 [\d,]+\.\d\d 元，全年折算 [\d,]+\.\d\d 元，低于 13,000\.00 元/)
      .waitFor();
    await alert.getByRole('cell', { name: PLACE, exact: true }).waitFor();
    await alert.getByRole('button', { name: /指\s*派/ }).click();
    const assignDialog = page.getByRole('dialog');
    await assignDialog.getByText('单位', { exact: true }).click();
    await pick(page, assignDialog, '责任单位', [...DEPARTMENT].slice(1, 3).join(''), DEPARTMENT);
    await assignDialog.getByLabel('说明（可不填）').fill('转县民政局核实低保');
    await assignDialog.getByRole('button', { name: /指\s*派/ }).click();
    await assignDialog.waitFor({ state: 'hidden' });
    await alert.getByText(DEPARTMENT, { exact: true }).waitFor();
    await screenshotSizes(page, 'admin-search-alerts');

    if (CADRE_USERNAME) {
      step("a cadre's 我的 names their township");
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await page.setViewportSize(PHONE_VIEWPORT);
      await logIn(page, CADRE_USERNAME, CADRE_PASSWORD, (url) => url.pathname === '/m');
      await page.getByText('我的', { exact: true }).last().click();
      await page.waitForURL('**/m/me');
      await page.getByText(TOWNSHIP, { exact: true }).waitFor();
      await screenshot(page, 'cadre-me');
    }
    console.log('admin search e2e: OK');
  },
);
