// End to end, issue 15 bugs 1–3: the dashboard opens on periods that have data and names them.
// Income records exist for 2025 and 2026 Q1–Q3 (none in Q4), and a visit was logged last month:
// - the progress table names 2026Q3 and shows Q3's year-to-date figure (not Q1's);
// - the ranking opens on 2026Q3; its picker switches to 2026 (Q4), where no one is numbered;
// - visit completion opens on last month, the running month beside it in progress.
//
// Started by tests/test_web_e2e.py, which seeds the data; by hand against a running system:
//   E2E_BASE_URL=… E2E_USERNAME=<leader> E2E_PASSWORD=… E2E_LAST_MONTH=2026-11 \
//   E2E_CADRE_NAME=<the cadre who visited> node e2e/admin-periods.mjs
import assert from 'node:assert/strict';

import { BASE, DESKTOP, logIn, required, run, screenshot, screenshotSizes, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const LAST_MONTH = process.env.E2E_LAST_MONTH;
const CADRE_NAME = process.env.E2E_CADRE_NAME;

required({ USERNAME, PASSWORD, LAST_MONTH, CADRE_NAME });

const rowText = async (region, name) =>
  (await region.getByRole('row', { name }).first().innerText()).replace(/\s+/g, ' ');

/** The first cells (rank) of a table's body rows. */
const firstCells = (region) =>
  region.locator('.ant-table-tbody tr.ant-table-row td:first-child').allInnerTexts();

await run(
  { options: DESKTOP, failure: (page) => screenshot(page, 'admin-periods-failure') },
  async (page) => {
    step('the leader logs in and lands on the dashboard');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/dashboard');

    step("the progress table names 2026Q3 and shows 黄田镇's Q3 figure, not Q1's");
    const progress = page.getByRole('region', { name: '农民增收工作进度表' });
    await progress.getByText('2026年1–9月（2026Q3）').first().waitFor();
    await progress.getByRole('row', { name: /黄田镇/ }).waitFor();
    const huangtian = await rowText(progress, /黄田镇/);
    assert.match(huangtian, /13,500\.00 元/, `黄田镇 reads: ${huangtian}`);
    assert.doesNotMatch(huangtian, /4,500\.00 元/);
    // An annual level in Q3 is progress toward the year's target: no pass/fail colour.
    const levelRate = progress
      .getByRole('row', { name: /黄田镇/ })
      .locator('.ant-tag')
      .first();
    // 13,500 ÷ the year's target (38,517 on the plan's growth path; 34,700 where 2025's stands).
    assert.match(await levelRate.innerText(), /^(35\.05|38\.90)%$/);
    assert.doesNotMatch((await levelRate.getAttribute('class')) ?? '', /ant-tag-(green|red)/);

    step('the ranking opens on 2026Q3: those with figures numbered, the rest 无数据 at the end');
    const ranking = page.getByRole('region', { name: '综合排名' });
    await ranking.getByText('综合排名 · 2026年1–9月（2026Q3）').waitFor();
    await ranking.getByRole('row', { name: /黄田镇/ }).waitFor();
    assert.match(await rowText(ranking, /黄田镇/), /^1 黄田镇 \d+\.\d{2}%$/);
    assert.match(await rowText(ranking, /隆宫乡/), /^2 隆宫乡 \d+\.\d{2}%$/);
    const ranks = await firstCells(ranking);
    const numbered = ranks.filter((text) => /^\d+$/.test(text.trim()));
    assert.deepEqual(numbered, ['1', '2'], `ranks: ${ranks.join(', ')}`);
    assert.ok(
      ranks.slice(2).every((text) => text.trim() === '无数据'),
      ranks.join(', '),
    );

    step('visit completion opens on last month, the running month beside it in progress');
    const compliance = page.getByRole('region', { name: '走访完成情况' });
    await compliance.getByText(`${LAST_MONTH} 走访完成情况（按乡镇）`).waitFor();
    const cadres = page.getByRole('region', { name: '各帮扶干部走访率' });
    await cadres.getByText(`${LAST_MONTH} 各帮扶干部走访率`).waitFor();
    await cadres.getByRole('row', { name: new RegExp(CADRE_NAME) }).waitFor();
    const cadreRow = await rowText(cadres, new RegExp(CADRE_NAME));
    // 周走访: 1 due, 1 visited last month (100.00 %); this month nothing yet (0.00 %).
    assert.match(cadreRow, new RegExp(`^${CADRE_NAME} 1 1 100\\.00% 0\\.00%$`), cadreRow);

    step('the headline card names its quarter and shows #1 against its target');
    const headline = page.getByRole('region', { name: '核心指标' });
    await headline.getByText('核心指标 · 2026年1–9月（2026Q3）').waitFor();
    await screenshotSizes(page, 'admin-periods-dashboard');

    step('the ranking picker switches to 2026 (Q4): no records, no one numbered');
    await ranking.getByLabel('期间').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('2026年全年').click();
    await ranking.getByText('综合排名 · 2026年全年').waitFor();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('[aria-label="综合排名"] .ant-table-tbody tr.ant-table-row')]
          .length > 0 &&
        [
          ...document.querySelectorAll(
            '[aria-label="综合排名"] .ant-table-tbody tr.ant-table-row td:first-child',
          ),
        ].every((cell) => cell.textContent.trim() === '无数据'),
    );
    const q4 = await firstCells(ranking);
    assert.ok(q4.length >= 2 && q4.every((text) => text.trim() === '无数据'), q4.join(', '));
    await ranking.scrollIntoViewIfNeeded();
    await screenshotSizes(page, 'admin-periods-ranking-q4', { fullPage: false });
    console.log('admin periods e2e: OK');
  },
);
