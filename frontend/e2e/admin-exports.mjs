// End to end, the exports (issue 15, bug 8): a township officer downloads the farmer-income
// progress table from the dashboard as XLSX and as CSV; the files are saved for
// tests/test_web_e2e.py to open and check (the plan's layout, numbers as numbers, the period).
//
// Started by tests/test_web_e2e.py, which seeds a township with income records; by hand:
//   E2E_BASE_URL=… E2E_USERNAME=<officer> E2E_PASSWORD=… E2E_DOWNLOADS=<folder> \
//   node e2e/admin-exports.mjs
import assert from 'node:assert/strict';
import { BASE, DESKTOP, logIn, required, run, screenshot as shot, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const DOWNLOADS = process.env.E2E_DOWNLOADS;

required({ USERNAME, PASSWORD, DOWNLOADS });

await run(
  {
    options: { ...DESKTOP, acceptDownloads: true },
    failure: (page) => shot(page, 'admin-exports-failure'),
  },
  async (page) => {
    step('log in: the officer lands on the dashboard');
    await page.goto(`${BASE}/login`);
    await logIn(page, USERNAME, PASSWORD, '**/admin/dashboard');

    for (const format of ['XLSX', 'CSV']) {
      step(`the farmer-income progress table downloads as ${format}, named by its title`);
      const button = page.getByRole('button', {
        name: new RegExp(`^导出.*农民增收.*（${format}）$`),
      });
      await button.scrollIntoViewIfNeeded();
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      const name = download.suggestedFilename();
      assert.match(
        name,
        new RegExp(`^\\d{4}年度.+农民增收工作进度表_截至[一二三四]季度\\.${format.toLowerCase()}$`),
      );
      await download.saveAs(`${DOWNLOADS}/progress.${format.toLowerCase()}`);
    }
    console.log('admin exports e2e: OK');
  },
);
