// End to end, short tokens and revocation on the cadre's phone: a visit logged offline while the
// access token ran out is sent after a refresh when the network returns, exactly once; a visit
// logged offline while the county admin deactivated the cadre is never sent, stays on the phone
// refused with the reason (across a reload), and is never silently dropped.
//
// Started by tests/test_web_e2e.py (which seeds the cadre and a paired household); by hand:
//   E2E_BASE_URL=http://127.0.0.1:8000 E2E_USERNAME=zhang E2E_PASSWORD=… E2E_HOUSEHOLD=<head name> \
//   E2E_ADMIN_USERNAME=admin E2E_ADMIN_PASSWORD=… node e2e/cadre-revoked.mjs
import assert from 'node:assert/strict';
import { BASE, SHOTS, apiToken, fillLogin, required, run, screenshot, step } from './lib.mjs';

const USERNAME = process.env.E2E_USERNAME;
const PASSWORD = process.env.E2E_PASSWORD;
const HOUSEHOLD = process.env.E2E_HOUSEHOLD; // the head's name of a household paired to the cadre
const ADMIN_USERNAME = process.env.E2E_ADMIN_USERNAME;
const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD;
const tag = () => Math.random().toString(36).slice(2, 6);
const SENT_NOTE = `令牌过期后补传（${tag()}）`;
const KEPT_NOTE = `停用后留在手机上（${tag()}）`;
// What the phone says for /problems/account-deactivated (zh-CN problems.accountDeactivated).
const DEACTIVATED = '账号已停用，记录未能发送：请联系管理员';

required({ USERNAME, PASSWORD, HOUSEHOLD, ADMIN_USERNAME, ADMIN_PASSWORD });

async function apiGet(token, path) {
  const response = await fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `${path}: ${await response.clone().text()}`);
  return response.json();
}

async function visitsWithNote(token, householdId, note) {
  const body = await apiGet(token, `/api/v1/visits?household_id=${householdId}&limit=100`);
  return body.items.filter((visit) => visit.observations.income === note);
}

/** As the county admin: the cadre's user, replaced with `active: false` (If-Match its version). */
async function deactivate(admin) {
  const { items } = await apiGet(admin, `/api/v1/users?q=${USERNAME}`);
  const user = items.find((u) => u.username === USERNAME);
  assert.ok(user, `user ${USERNAME} not found`);
  const { username, display_name, roles, area_code, cadre_id } = user;
  const response = await fetch(`${BASE}/api/v1/users/${user.id}`, {
    method: 'PUT',
    headers: {
      Authorization: `Bearer ${admin}`,
      'Content-Type': 'application/json',
      'If-Match': `"${user.version}"`,
    },
    body: JSON.stringify({ username, display_name, roles, area_code, cadre_id, active: false }),
  });
  assert.equal(response.status, 200, await response.text());
}

/** Waits until the phone's old access token gets 401 from registry and assistance (each polls). */
async function refused(token, householdId) {
  for (let i = 0; i < 100; i++) {
    const answers = await Promise.all(
      ['/api/v1/auth/me', `/api/v1/visits?household_id=${householdId}`].map((path) =>
        fetch(`${BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } }).then(
          (r) => r.status,
        ),
      ),
    );
    if (answers.every((status) => status === 401)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the old token was never refused');
}

/** The phone's own outbox (IndexedDB), read in the page: [{ status, income, type }]. */
const outboxOnPhone = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('fumin-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            resolve(
              all.result.map((e) => ({
                status: e.status,
                income: e.body?.observations?.income,
                type: e.rejection?.problem?.type ?? null,
              })),
            );
            open.result.close();
          };
        };
      }),
  );

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
  console.error(`at ${page.url()}; the screen is in ${SHOTS}revoked-failure.png`);
  await shot(page, 'revoked-failure');
}

/** Logs a visit (by phone) with `note` on the open household's page; waits until it is queued. */
async function logVisit(page, householdId, note) {
  await page.getByRole('button', { name: '记录走访' }).click();
  await page.waitForURL('**/visit');
  await page.getByRole('radio', { name: '电话' }).check();
  await page.getByLabel('收入情况').fill(note);
  await page.getByRole('button', { name: '保存走访' }).click();
  await page.waitForURL(`**/m/households/${householdId}`);
  await page.getByText('待上传').first().waitFor();
}

await run({ options: phone, logApiErrors: false, failure }, async (page, context) => {
  // Every API request the page makes, in order: the token refresh must come before the visit.
  const requests = [];
  page.on('request', (request) => {
    if (!request.url().includes('/api/v1/')) return;
    const refresh =
      request.method() === 'POST' &&
      request.url().endsWith('/auth/token') &&
      (request.postData() ?? '').includes('grant_type=refresh_token');
    requests.push({ method: request.method(), url: request.url(), refresh, failed: false });
  });
  page.on('requestfailed', (request) => {
    const entry = requests.findLast(
      (r) => r.url === request.url() && r.method === request.method(),
    );
    if (entry) entry.failed = true;
  });

  step('log in on the phone');
  await page.goto(BASE);
  await page.waitForURL('**/login');
  await fillLogin(page, USERNAME, PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL('**/m');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.getByText(HOUSEHOLD).first().click();
  await page.waitForURL('**/m/households/*');
  const householdId = page.url().split('/').pop();
  await page.getByText('家庭成员').waitFor();
  await page.waitForLoadState('networkidle');
  const admin = await apiToken(ADMIN_USERNAME, ADMIN_PASSWORD);

  step('offline: a visit waits on the phone');
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('offline-notice').waitFor();
  await page.getByText('家庭成员').waitFor();
  await logVisit(page, householdId, SENT_NOTE);

  step(
    'days pass offline: the stored access token has expired (the app opens again from the phone)',
  );
  await page.evaluate(() => {
    const session = JSON.parse(localStorage.getItem('fumin.session'));
    session.expiresAt = Date.now() - 60_000;
    localStorage.setItem('fumin.session', JSON.stringify(session));
  });
  await page.reload();
  await page.getByTestId('offline-notice').waitFor();
  await page.getByText('家庭成员').waitFor();
  // Each request the reopened app makes tries a refresh first; after that, only the timer's retry
  // (every 30 s) — never a busy loop (it was hundreds a second).
  await page.waitForTimeout(1_500);
  const triedBefore = requests.filter((r) => r.refresh).length;
  await page.waitForTimeout(3_000);
  const triedOffline = requests.filter((r) => r.refresh).length - triedBefore;
  console.log(`refresh attempts in 3 s offline: ${triedOffline}`);
  assert.ok(
    triedOffline < 10,
    `the phone tried to refresh ${triedOffline} times in 3 s offline (a busy loop)`,
  );
  assert.equal(
    (await visitsWithNote(admin, householdId, SENT_NOTE)).length,
    0,
    'nothing reached the server while offline',
  );

  step('the network returns: a refresh first, then the visit, once');
  const since = requests.length;
  await context.setOffline(false);
  await page.getByTestId('offline-notice').waitFor({ state: 'detached' });
  await page
    .getByTestId('outbox-badge')
    .getByText('1', { exact: true })
    .waitFor({ state: 'detached', timeout: 30_000 });
  for (let i = 0; i < 50 && (await visitsWithNote(admin, householdId, SENT_NOTE)).length === 0; i++)
    await page.waitForTimeout(200);
  const online = requests.slice(since).filter((r) => !r.failed);
  const refreshAt = online.findIndex((r) => r.refresh);
  const visitAt = online.findIndex((r) => r.method === 'PUT' && r.url.includes('/api/v1/visits/'));
  console.log(
    online
      .map((r) => `${r.method} ${new URL(r.url).pathname}${r.refresh ? ' (refresh)' : ''}`)
      .join('\n'),
  );
  assert.ok(refreshAt >= 0, 'the phone refreshed its token');
  assert.ok(
    visitAt > refreshAt,
    `the refresh (#${refreshAt}) came before the visit's PUT (#${visitAt})`,
  );
  assert.equal(
    (await visitsWithNote(admin, householdId, SENT_NOTE)).length,
    1,
    'the visit arrived once',
  );
  assert.deepEqual(await outboxOnPhone(page), [], 'nothing left on the phone');

  step('offline again: another visit waits on the phone');
  await context.setOffline(true);
  await page.getByTestId('offline-notice').waitFor();
  await logVisit(page, householdId, KEPT_NOTE);

  step(
    'meanwhile the county admin deactivates the cadre; in time every service refuses the old token',
  );
  const { accessToken } = await page.evaluate(() =>
    JSON.parse(localStorage.getItem('fumin.session')),
  );
  await deactivate(admin);
  await refused(accessToken, householdId);

  step(
    'the network returns: the refresh is refused, the visit is not sent, it stays refused with the reason',
  );
  await context.setOffline(false);
  await page.waitForURL('**/login', { timeout: 30_000 });
  const left = page.getByTestId('left-on-phone');
  await left.getByText(DEACTIVATED, { exact: false }).waitFor({ timeout: 30_000 });
  console.log(`the login page says: ${await left.textContent()}`);
  assert.match(await left.textContent(), /1 条记录仍保存在本机/);
  assert.deepEqual(await outboxOnPhone(page), [
    { status: 'rejected', income: KEPT_NOTE, type: '/problems/account-deactivated' },
  ]);
  assert.equal(
    (await visitsWithNote(admin, householdId, KEPT_NOTE)).length,
    0,
    'the refused visit never reached the server',
  );
  await shot(page, 'cadre-deactivated-login');

  step('after a reload it is still there, still refused');
  await page.reload();
  await left.getByText(DEACTIVATED, { exact: false }).waitFor();
  assert.deepEqual(await outboxOnPhone(page), [
    { status: 'rejected', income: KEPT_NOTE, type: '/problems/account-deactivated' },
  ]);
  assert.equal(
    (await visitsWithNote(admin, householdId, SENT_NOTE)).length,
    1,
    'the first visit is still there once',
  );
  assert.equal(
    (await visitsWithNote(admin, householdId, KEPT_NOTE)).length,
    0,
    'the refused visit is not',
  );
});
