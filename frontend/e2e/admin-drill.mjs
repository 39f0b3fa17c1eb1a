// End to end, settings and the drill-down: the county admin changes a township's #1 target for the
// year in 设置, the dashboard's progress table shows it; then from the dashboard the admin drills
// county → township → village → cadre to the cadre's households not visited this month and opens
// one. Started by tests/test_web_e2e.py, which seeds the township, its village, a cadre and two
// unvisited households; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=admin E2E_PASSWORD=… E2E_TOWNSHIP=安南镇 E2E_VILLAGE=安南村 \
//   E2E_CADRE_NAME=… E2E_HEADS=<head>,<head> E2E_HOUSEHOLD_ID=<first's id> node e2e/admin-drill.mjs
import { BASE, DESKTOP, logIn, required, run, screenshot, screenshotSizes, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const TOWNSHIP = process.env.E2E_TOWNSHIP;
const VILLAGE = process.env.E2E_VILLAGE;
const CADRE_NAME = process.env.E2E_CADRE_NAME;
const HEADS = (process.env.E2E_HEADS ?? '').split(',');
const HOUSEHOLD_ID = process.env.E2E_HOUSEHOLD_ID;
required({ USERNAME, PASSWORD, TOWNSHIP, VILLAGE, CADRE_NAME, HOUSEHOLD_ID });

await run(
  { options: DESKTOP, failure: (page) => screenshot(page, 'admin-drill-failure') },
  async (page) => {
    step('the county admin logs in and opens 设置 from the menu');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/**');
    await page.getByRole('link', { name: '设置' }).click();
    await page.waitForURL('**/admin/settings');

    step("the township's per-capita target for the year follows the plan's path until set");
    const year = new Date().getFullYear();
    await page.getByText(`${year} 年全年目标值`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(`${TOWNSHIP}.*人均可支配收入`) });
    await row.getByText('方案默认').waitFor();
    await row.getByRole('button', { name: /修\s*改/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('目标值（元）').fill('41000');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('41,000.00 元').waitFor();
    await row.getByText(`已设定（${year} 年全年）`).waitFor();
    await screenshotSizes(page, 'admin-settings-targets');

    step('the dashboard progress table shows the new target on the township row');
    await page.getByRole('link', { name: '指标看板' }).click();
    await page.waitForURL('**/admin/dashboard');
    const progress = page
      .locator('.ant-card')
      .filter({ hasText: '农民增收' })
      .getByRole('row', { name: new RegExp(TOWNSHIP) });
    await progress
      .getByText(/41,?000/)
      .first()
      .waitFor();
    await progress.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-drill-dashboard-progress', { fullPage: false });

    step('drill down from the dashboard: county → township → village → cadre');
    await page.getByRole('link', { name: /下钻查看/ }).click();
    await page.waitForURL('**/admin/drill');
    const visits = page.locator('.ant-card').filter({ hasText: '走访完成情况' });
    await visits.getByRole('button', { name: TOWNSHIP, exact: true }).click();
    await page.waitForURL(/area=331126104/);
    await visits.getByRole('button', { name: VILLAGE, exact: true }).click();
    await page.waitForURL(/area=331126104201/);
    const cadre = visits.getByRole('button', { name: CADRE_NAME, exact: true });
    await cadre.waitFor();

    step("the village's six ones: the households without a main measure open as a list");
    const sixOnes = page.locator('.ant-card').filter({ hasText: '六个一' });
    await sixOnes.getByRole('row', { name: new RegExp(`${VILLAGE}（合计）`) }).waitFor();
    await screenshotSizes(page, 'admin-drill-village');
    await sixOnes.getByRole('button', { name: new RegExp(`有主帮扶措施 未覆盖`) }).click();
    const drawer = page.locator('.ant-drawer');
    for (const head of HEADS) await drawer.getByRole('link', { name: head }).waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    step('the cadre: their households not visited this month');
    await cadre.click();
    await page.waitForURL(/cadre=/);
    await visits.getByRole('button', { name: new RegExp(`查看 ${CADRE_NAME} 本月未走访`) }).click();
    for (const head of HEADS) await drawer.getByRole('link', { name: head }).waitFor();
    await page.waitForTimeout(400); // the drawer slides in: the shot after it has come to rest
    await screenshotSizes(page, 'admin-drill-unvisited');

    step('a household in the list opens its page');
    await drawer.getByRole('link', { name: HEADS[0] }).click();
    await page.waitForURL(`**/admin/households/${HOUSEHOLD_ID}`);
    console.log('admin drill e2e: OK');
  },
);
