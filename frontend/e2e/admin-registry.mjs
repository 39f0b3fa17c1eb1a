// End to end, the admin app's registry screens: a township officer adds a member to a household
// (an invalid ID number is refused at the field), creates a cadre, pairs them with a household
// from the cadre's page, and hands the pairing over to another cadre after a confirmation that
// names how many move; the household's page then shows the new cadre. Screens of the cadres,
// a cadre, the entities and the area tree go to E2E_SCREENSHOTS.
//
// Started by tests/test_web_e2e.py, which seeds the officer, a department, the cadre taking over,
// an entity and a low-income household; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=regofficer E2E_PASSWORD=… E2E_HOUSEHOLD=<head name> \
//   E2E_DEPARTMENT=<department name> E2E_OTHER_CADRE=<cadre name> E2E_NEW_ID_NUMBER=<valid, unused> \
//   E2E_ENTITY=<entity name> \
//   node e2e/admin-registry.mjs
import assert from 'node:assert/strict';
import {
  BASE,
  DESKTOP,
  apiToken,
  logIn,
  logInAgain,
  required,
  run,
  screenshot,
  step,
} from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME ?? 'regofficer';
const PASSWORD = process.env.E2E_PASSWORD;
const HOUSEHOLD = process.env.E2E_HOUSEHOLD; // the head of a low-income household in the officer's township
const DEPARTMENT = process.env.E2E_DEPARTMENT; // a department the officer may choose
const OTHER_CADRE = process.env.E2E_OTHER_CADRE; // an active cadre who takes the pairings over
const NEW_ID = process.env.E2E_NEW_ID_NUMBER; // a valid ID number nobody has, for the new member
const ENTITY = process.env.E2E_ENTITY; // an entity of the township
// Optional: a leader, who reads the same screens with nothing to change.
const LEADER_USERNAME = process.env.E2E_LEADER_USERNAME;
const LEADER_PASSWORD = process.env.E2E_LEADER_PASSWORD;
const TOWNSHIP = process.env.E2E_TOWNSHIP ?? '黄田镇'; // the new cadre's home area, as the picker shows it
const NEW_CADRE = '王新来';

required({ PASSWORD, HOUSEHOLD, DEPARTMENT, OTHER_CADRE, NEW_ID, ENTITY });

/** A screenshot once the page's reads have answered and no table is loading. */
async function shot(page, name) {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
  await screenshot(page, name, { animations: 'disabled' });
}

/** Type into an antd search select and choose the option shown as `title`. */
async function choose(scope, page, label, typed, title) {
  await scope.getByLabel(label).fill(typed);
  await page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' }); // out of the screenshots
}

/** As a second client of the same officer: give the cadre a skill, so their version moves on. */
async function editBehindTheForm(cadreId) {
  const headers = { Authorization: `Bearer ${await apiToken(USERNAME, PASSWORD)}` };
  const url = `${BASE}/api/v1/cadres/${cadreId}`;
  const c = await (
    await fetch(`${url}?unmask=true&reason=${encodeURIComponent('端到端测试')}`, { headers })
  ).json();
  const { name, phone, department_id, type, home_area_code, active } = c;
  const saved = await fetch(url, {
    method: 'PUT',
    headers: { ...headers, 'Content-Type': 'application/json', 'If-Match': `"${c.version}"` },
    body: JSON.stringify({
      name,
      phone,
      department_id,
      type,
      home_area_code,
      active,
      skills: ['茶叶种植'],
    }),
  });
  assert.equal(saved.status, 200, await saved.text());
}

await run(
  { options: DESKTOP, failure: (page) => shot(page, 'admin-registry-failure') },
  async (page) => {
    step('log in as the township officer');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/**');

    step("a member is added from the household's page: a wrong ID number is refused at its field");
    await page.getByRole('link', { name: '农户', exact: true }).click();
    await page.getByLabel('姓名').fill(HOUSEHOLD);
    await page.getByLabel('姓名').press('Enter');
    await page.getByRole('link', { name: HOUSEHOLD }).click();
    await page.getByRole('heading', { name: HOUSEHOLD }).waitFor();
    const householdUrl = page.url();
    await page.getByRole('button', { name: '添加成员' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill('周小林');
    const wrong = NEW_ID.slice(0, -1) + (NEW_ID.endsWith('0') ? '1' : '0');
    await dialog.getByLabel('身份证号').fill(wrong);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.locator('#id_number_help, .ant-form-item-explain-error').first().waitFor();
    assert.match(
      await dialog.locator('.ant-form-item-has-error').innerText(),
      /身份证号/,
      'the refusal shows at the ID number',
    );
    await shot(page, 'admin-member-error');
    await dialog.getByLabel('身份证号').fill(NEW_ID);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '周小林', exact: true }).waitFor();
    await page
      .getByRole('cell', { name: `${NEW_ID.slice(0, 4)}**********${NEW_ID.slice(-4)}` })
      .waitFor();

    step('the officer creates a cadre in their township');
    await page.getByRole('link', { name: '帮扶干部' }).click();
    await page.waitForURL('**/admin/cadres');
    await page.getByRole('link', { name: OTHER_CADRE }).waitFor();
    await page.getByRole('cell', { name: TOWNSHIP, exact: true }).first().waitFor(); // by name, not code
    await shot(page, 'admin-cadres');
    await page.getByRole('button', { name: '新增干部' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill(NEW_CADRE);
    await dialog.getByLabel('电话').fill('13900001111');
    await choose(dialog, page, '所在单位', DEPARTMENT.slice(0, 2), DEPARTMENT);
    await choose(dialog, page, '所属区划', TOWNSHIP.slice(0, 3), TOWNSHIP);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/admin\/cadres\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: NEW_CADRE }).waitFor();
    await page.getByText('139****1111').waitFor();

    step(
      'an edit after someone else saved is refused with a clear message and the fresh data; saved again, it goes',
    );
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('新电话').fill('13900002222');
    await editBehindTheForm(page.url().split('/').pop());
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('他人已先保存了此记录').waitFor();
    await dialog.getByText('茶叶种植').waitFor(); // the other save's skill, now in the form
    await shot(page, 'admin-cadre-conflict');
    await dialog.getByLabel('新电话').fill('13900002222');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('139****2222').waitFor();
    await page.locator('.ant-descriptions').getByText('茶叶种植').waitFor();

    step("the cadre is paired with the household from the cadre's page");
    await page.getByRole('button', { name: '新增结对' }).click();
    dialog = page.getByRole('dialog');
    await choose(dialog, page, '农户', HOUSEHOLD, new RegExp(`^${HOUSEHOLD}`));
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: HOUSEHOLD }).waitFor();
    await shot(page, 'admin-cadre');

    step('the pairings are handed over to another cadre, after a confirmation naming how many');
    await page.getByRole('button', { name: '移交结对（1 户）' }).click();
    dialog = page.getByRole('dialog');
    await choose(dialog, page, '接手干部', OTHER_CADRE, OTHER_CADRE);
    await dialog.getByRole('button', { name: '下一步' }).click();
    await dialog.getByText(`将把 1 户的结对从 ${NEW_CADRE} 移交给 ${OTHER_CADRE}`).waitFor();
    await shot(page, 'admin-handover-confirm');
    await dialog.getByRole('button', { name: '确认移交' }).click();
    await dialog.getByText('已移交 1 户').waitFor();
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    // Nothing is left to hand over: the button goes once the cadre's pairings are read again.
    await page.getByRole('button', { name: /移交结对/ }).waitFor({ state: 'detached' });
    assert.equal(
      await page.getByText('有效', { exact: true }).count(),
      0,
      "the cadre's pairing has ended",
    );

    step(
      "the household's page shows the cadre who took over, the handed-over pairing kept as history",
    );
    await page.goto(householdUrl);
    await page.getByRole('heading', { name: HOUSEHOLD }).waitFor();
    await page.getByRole('tab', { name: '结对与带动' }).click();
    const pairings = page.locator('.ant-card').filter({ hasText: '结对帮扶' });
    await pairings.getByRole('row').filter({ hasText: OTHER_CADRE }).getByText('有效').waitFor();
    await pairings.getByRole('link', { name: NEW_CADRE }).waitFor();
    await shot(page, 'admin-household-links');

    step('entities and the area tree open');
    await page.getByRole('link', { name: '经营主体' }).click();
    await page.waitForURL('**/admin/entities');
    await page.getByRole('link', { name: ENTITY }).waitFor();
    await shot(page, 'admin-entities');
    await page.getByRole('link', { name: '行政区划' }).click();
    await page.waitForURL('**/admin/areas');
    await page
      .locator('.ant-tree-treenode')
      .filter({ hasText: '黄田镇（331126101）' })
      .locator('.ant-tree-switcher')
      .click();
    await page.getByText('黄田村（331126101201）').click();
    await page.getByRole('cell', { name: '大村' }).waitFor();
    assert.equal(
      await page.getByRole('button', { name: '新增村' }).count(),
      0,
      'only the county admin adds villages',
    );
    await shot(page, 'admin-areas');

    if (LEADER_USERNAME) {
      step(
        "a leader reads the cadre's page: no edit, no deactivation, no new link, no handover, no end",
      );
      await logInAgain(page, LEADER_USERNAME, LEADER_PASSWORD);
      await page.getByRole('link', { name: '帮扶干部' }).click();
      await page.getByRole('link', { name: OTHER_CADRE }).click();
      await page.getByRole('heading', { name: OTHER_CADRE }).waitFor();
      await page.getByRole('link', { name: HOUSEHOLD }).waitFor();
      for (const name of [
        /编\s*辑/,
        /停\s*用/,
        '新增结对',
        '新增挂联',
        /移交结对/,
        /结\s*束/,
        '新增干部',
      ]) {
        assert.equal(
          await page.getByRole('button', { name }).count(),
          0,
          `a leader is offered no ${name}`,
        );
      }
    }
    console.log('admin registry e2e: OK');
  },
);
