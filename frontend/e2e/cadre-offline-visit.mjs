// End to end, part A: a cadre on a phone-sized screen logs a visit with a photo while offline and
// adds a happiness-list item and makes the year's plan, sees them counted on the badge, goes back
// online, and each arrives exactly once.
//
// Drives Debian's Chromium (never a downloaded browser) with playwright-core against a running
// system. Started by tests/test_web_e2e.py, which seeds the data and checks the API afterwards;
// runnable by hand against `make run` too:
//   E2E_BASE_URL=http://127.0.0.1:8000 E2E_USERNAME=cadre E2E_PASSWORD=fumin-demo-2026 \
//   E2E_HOUSEHOLD=<head name> node e2e/cadre-offline-visit.mjs
import assert from 'node:assert/strict';
import {
  BASE,
  SHOTS,
  apiToken as tokenOf,
  fillLogin,
  logIn,
  required,
  run,
  screenshot,
  step,
} from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME ?? 'cadre';
const PASSWORD = process.env.E2E_PASSWORD ?? 'fumin-demo-2026';
const HOUSEHOLD = process.env.E2E_HOUSEHOLD; // the head's name of a household paired to the cadre
// Optional: a second paired household whose pairing an admin ends while the phone is offline, so
// the server refuses its visit (422) and the refusal must stay on the phone with the reason.
const REFUSED = process.env.E2E_REFUSED_HOUSEHOLD;
const ADMIN_USERNAME = process.env.E2E_ADMIN_USERNAME;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;
const NOTE = `毛竹、香菇收入稳定（${Math.random().toString(36).slice(2, 6)}）`;
// The happiness-list item added offline; the pytest driver checks it arrived once by this title.
const YEAR = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
}).format(new Date());
const ITEM =
  process.env.E2E_HAPPINESS_TITLE ?? `光伏发电分红（${Math.random().toString(36).slice(2, 6)}）`;

required({ HOUSEHOLD }); // a household head's name

/** The API as a second client (not the browser): a token, then GETs. */
const apiToken = (username = USERNAME, password = PASSWORD) => tokenOf(username, password);

async function apiGet(token, path) {
  const response = await fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? await response.json() : null,
  };
}

async function itemsTitled(token, householdId) {
  const { status, body } = await apiGet(
    token,
    `/api/v1/happiness-items?household_id=${householdId}&limit=100`,
  );
  assert.equal(status, 200);
  return body.items.filter((item) => item.title === ITEM);
}

async function visitsWithNote(token, householdId) {
  const { status, body } = await apiGet(
    token,
    `/api/v1/visits?household_id=${householdId}&limit=100`,
  );
  assert.equal(status, 200);
  return body.items.filter((visit) => visit.observations.income === NOTE);
}

/** As the admin: end the household's pairing long ago, then wait until assistance knows. */
async function unpair(householdId, cadreToken) {
  const admin = await apiToken(ADMIN_USERNAME, ADMIN_PASSWORD);
  const { body } = await apiGet(admin, `/api/v1/pairings?household_id=${householdId}&active=true`);
  const [pairing] = body.items;
  const ended = await fetch(`${BASE}/api/v1/pairings/${pairing.id}/end`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${admin}`,
      'Content-Type': 'application/json',
      'If-Match': `"${pairing.version}"`,
    },
    body: JSON.stringify({ ended_on: '2025-01-01' }),
  });
  assert.equal(ended.status, 200, await ended.text());
  for (let i = 0; i < 100; i++) {
    const schedule = await apiGet(cadreToken, '/api/v1/schedule');
    if (!schedule.body.items.some((item) => item.household_id === householdId)) return admin;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('assistance never saw the pairing end');
}

const shot = (page, name) => screenshot(page, name, { fullPage: false });

const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  permissions: ['geolocation'],
  geolocation: { latitude: 27.6186, longitude: 119.0623, accuracy: 12 },
};

async function failure(page) {
  console.error(`at ${page.url()}; the screen is in ${SHOTS}failure.png`);
  await shot(page, 'failure');
}

await run({ options: phone, logApiErrors: false, failure }, async (page, context) => {
  step('log in');
  await page.goto(BASE);
  await page.waitForURL('**/login');
  await fillLogin(page, USERNAME, PASSWORD);
  await shot(page, 'cadre-login');
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/m');

  step('my households: the service worker takes over, the list is there');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.getByText(HOUSEHOLD).first().waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'cadre-households');

  step('open the household once online (its page is kept for offline)');
  await page.getByText(HOUSEHOLD).first().click();
  await page.waitForURL('**/m/households/*');
  const householdId = page.url().split('/').pop();
  await page.getByText('家庭成员').waitFor();
  await page.getByText('暂无走访记录').waitFor();
  await page.getByText('本年度尚未制定帮扶计划').waitFor();
  await page.getByText('本年度暂无事项').waitFor();
  await page.getByText('没有未办结的诉求').waitFor();
  await page.waitForLoadState('networkidle');
  await shot(page, 'cadre-household');

  step('a photo to take: drawn on a canvas in the page');
  const photo = Buffer.from(
    await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const g = canvas.getContext('2d');
      const gradient = g.createLinearGradient(0, 0, 2400, 1800);
      gradient.addColorStop(0, '#4caf50');
      gradient.addColorStop(1, '#1677ff');
      g.fillStyle = gradient;
      g.fillRect(0, 0, 2400, 1800);
      g.fillStyle = '#fff';
      g.font = '200px sans-serif';
      g.fillText('走访照片', 600, 950);
      return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
    }),
    'base64',
  );

  step('the network goes; the app reloads from the service worker');
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('offline-notice').waitFor();
  await page.getByText('家庭成员').waitFor();

  step('log the visit offline, with a photo and the location');
  await page.getByRole('button', { name: '记录走访' }).click();
  await page.waitForURL('**/visit');
  await page.getByLabel('收入情况').fill(NOTE);
  await page.getByLabel('提出的诉求').fill('希望学习香菇种植技术\n屋顶漏雨需要修缮');
  await page.getByLabel('已办事项').fill('讲解了低保续办政策');
  await page
    .locator('#visit-photos')
    .setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('img', { name: '第 1 张照片' }).waitFor();
  await page.getByText('±12 米').waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'cadre-visit-form');
  await page.getByRole('button', { name: '保存走访' }).click();
  await page.waitForURL(`**/m/households/${householdId}`);

  step('it waits on the phone: counted on the badge, listed as waiting');
  await page.getByText('待上传').first().waitFor();
  const badge = page.getByTestId('outbox-badge');
  await badge.getByText('1', { exact: true }).waitFor();

  step('add a happiness-list item offline: it waits too');
  await page.getByRole('button', { name: '添加幸福清单事项' }).click();
  await page.waitForURL('**/happiness');
  await page.getByLabel('事项').fill(ITEM);
  await page.getByLabel('价值（元）').fill('1200');
  await shot(page, 'cadre-happiness-form');
  await page.getByRole('button', { name: '保存事项' }).click();
  await page.waitForURL(`**/m/households/${householdId}`);
  await page.getByText(`${ITEM} · 1,200.00 元`).waitFor();
  await badge.getByText('2', { exact: true }).waitFor();

  step('make the plan offline: a main measure and the insurance');
  await page.getByRole('button', { name: '制定帮扶计划' }).click();
  await page.waitForURL('**/plan');
  await page.getByRole('radio', { name: '产业帮扶' }).check();
  await page.getByRole('radio', { name: '已参保' }).check();
  await page.getByLabel('保险公司').fill('中国人保');
  await page.getByLabel('保单号').fill('PICC-2026-001');
  await page.getByLabel('保障起期').fill(`${YEAR}-01-01`);
  await page.getByLabel('保障止期').fill(`${YEAR}-12-31`);
  await page.getByRole('button', { name: '保存帮扶计划' }).click();
  await page.waitForURL(`**/m/households/${householdId}`);
  await page.getByText('有一项修改保存在手机上').waitFor();
  await badge.getByText('3', { exact: true }).waitFor();
  const token = await apiToken();

  let refusedId = null;
  if (REFUSED && ADMIN_USERNAME) {
    step('a second visit offline, for a household never opened online (kept from the list)');
    await page.getByText('我的农户', { exact: true }).last().click();
    await page.waitForURL('**/m');
    await page.getByText(REFUSED).first().click();
    await page.waitForURL('**/m/households/*');
    refusedId = page.url().split('/').pop();
    await page.getByRole('button', { name: '记录走访' }).click();
    await page.waitForURL('**/visit');
    await page.getByRole('radio', { name: '电话' }).check();
    await page.getByLabel('收入情况').fill(`${NOTE}（电话）`);
    await page.getByRole('button', { name: '保存走访' }).click();
    await page.waitForURL(`**/m/households/${refusedId}`);
    await badge.getByText('4', { exact: true }).waitFor();

    step('meanwhile the township ends that pairing: the server will refuse the visit');
    await unpair(refusedId, token);
  }

  await page.getByText('待上传', { exact: true }).last().click();
  await page.waitForURL('**/m/outbox');
  await page.getByText(`等待上传（${refusedId ? 4 : 3}）`).waitFor();
  await page.locator('.adm-toast-mask').waitFor({ state: 'detached' });
  await shot(page, 'cadre-outbox-offline');
  assert.equal(
    (await visitsWithNote(token, householdId)).length,
    0,
    'nothing reached the server while offline',
  );
  assert.equal(
    (await itemsTitled(token, householdId)).length,
    0,
    'no item reached the server while offline',
  );

  step('the network returns: the visits are sent by themselves');
  await context.setOffline(false);
  if (refusedId) {
    await page.getByText('被退回，需修改（1）').waitFor({ timeout: 30_000 });
    await page.getByText('等待上传').waitFor({ state: 'detached', timeout: 30_000 });
    await page.getByText('退回原因（422）').waitFor();
    await badge.getByText('1', { exact: true }).waitFor();
    await shot(page, 'cadre-outbox-rejected');

    step('the refused visit stays on the phone with the reason, across a reload');
    await page.reload();
    await page.getByText('被退回，需修改（1）').waitFor();
    await page.getByRole('button', { name: '修改' }).click();
    await page.getByText('服务器未接受这条走访').waitFor();
    await shot(page, 'cadre-visit-correct');
    await page.goBack();
    await page.waitForURL('**/m/outbox');
  } else {
    await page.getByText('没有待上传的内容').waitFor({ timeout: 30_000 });
  }
  const sent = await visitsWithNote(token, householdId);
  assert.equal(sent.length, 1, 'the visit arrived once');
  const items = await itemsTitled(token, householdId);
  assert.equal(items.length, 1, 'the happiness item arrived once');
  assert.equal(items[0].value, '1200.00');
  const plan = await apiGet(token, `/api/v1/plans/${householdId}/${YEAR}`);
  assert.equal(plan.status, 200, 'the plan arrived');
  assert.equal(plan.body.main_measure?.code, 'industry');
  assert.equal(plan.body.insurance.insurer, '中国人保');
  assert.equal(plan.body.version, 1, 'made once');
  const [visit] = sent;
  assert.equal(visit.photo_ids.length, 1, 'with its photo');
  assert.deepEqual(visit.needs_raised, ['希望学习香菇种植技术', '屋顶漏雨需要修缮']);
  assert.ok(Math.abs(visit.latitude - 27.6186) < 1e-6, 'with the location');
  const stored = await fetch(`${BASE}/api/v1/attachments/${visit.photo_ids[0]}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(stored.status, 200);
  const bytes = Buffer.from(await stored.arrayBuffer());
  assert.equal(bytes[0], 0xff, 'a JPEG');
  console.log(`  photo on the server: ${bytes.length} bytes (taken as ${photo.length})`);
  if (refusedId) {
    const admin = await apiToken(ADMIN_USERNAME, ADMIN_PASSWORD);
    const { body } = await apiGet(admin, `/api/v1/visits?household_id=${refusedId}`);
    assert.equal(body.items.length, 0, 'the refused visit was not stored');
  }

  step('another sync (a reload) sends nothing again');
  await page.reload();
  await page.getByText('等待上传').waitFor({ state: 'detached' });
  await page.waitForTimeout(1000);
  assert.equal((await visitsWithNote(token, householdId)).length, 1, 'still exactly one');
  assert.equal((await itemsTitled(token, householdId)).length, 1, 'still exactly one item');

  step('the household shows the visit');
  await page.goto(`${BASE}/m/households/${householdId}`);
  await page.getByText('希望学习香菇种植技术', { exact: false }).first().waitFor();
  await page.getByText(`${ITEM} · 1,200.00 元`).waitFor();
  await page.getByText('合计（1 项）').waitFor();
  await page.getByText('产业帮扶').first().waitFor();
  await shot(page, 'cadre-household-visited');
  await page.getByText(`${YEAR} 年帮扶计划`).evaluate((header) => {
    const bar = document.querySelector('.cadre-top')?.getBoundingClientRect().height ?? 0; // sticky
    window.scrollTo(0, header.getBoundingClientRect().top + window.scrollY - bar);
  });
  await shot(page, 'cadre-household-plan'); // the plan and the happiness list, below the members

  step('update the plan online: an edit of the version read (If-Match)');
  await page.getByRole('button', { name: '修改帮扶计划' }).click();
  await page.waitForURL('**/plan');
  assert.equal(
    await page.getByLabel('保险公司').inputValue(),
    '中国人保',
    'the form opens with the plan',
  );
  await page.getByLabel('保单号').fill('PICC-2026-002');
  await page.getByRole('button', { name: '保存帮扶计划' }).click();
  await page.waitForURL(`**/m/households/${householdId}`);
  await page.getByText('保单号 PICC-2026-002', { exact: false }).waitFor();
  await page.getByText('有一项修改保存在手机上').waitFor({ state: 'detached' }); // sent
  const edited = await apiGet(token, `/api/v1/plans/${householdId}/${YEAR}`);
  assert.equal(edited.body.insurance.policy_number, 'PICC-2026-002');
  assert.equal(edited.body.version, 2, 'edited once');

  step('log out from 我的: the next login starts at home, not at the page left');
  await page.getByText('我的', { exact: true }).last().click();
  await page.waitForURL('**/m/me');
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.locator('.adm-dialog').getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  // The dialog closes (fade and all) before the app navigates: none of it lingers over the form.
  assert.equal(
    await page.locator('.adm-dialog').count(),
    0,
    'the logout dialog is gone when the login shows',
  );
  await logIn(page, USERNAME, PASSWORD, (url) => url.pathname === '/m');
  console.log('e2e cadre offline visit: ok');
});
