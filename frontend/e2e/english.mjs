// The app in English: the cadre, a township officer, the county admin and a leader log in with
// English chosen and open every route of both apps (e2e/english-routes.mjs); no screen may show
// Chinese outside data (docs/frontend.md, "English"). Data is what the API answered (names,
// addresses, notes: any string of a JSON answer, except the Chinese labels of the catalogues,
// which an English screen must not show, and problem details, which no screen shows), and any
// element marked `data-data`. Chinese punctuation counts as Chinese.
import assert from 'node:assert/strict';

import { ENGLISH_ROUTES } from './english-routes.mjs';
import { BASE, DESKTOP, PHONE_VIEWPORT, required, run, screenshot, step } from './lib.mjs';

const env = process.env;
const LOGINS = {
  cadre: [env.E2E_CADRE_USERNAME, env.E2E_CADRE_PASSWORD],
  officer: [env.E2E_OFFICER_USERNAME, env.E2E_OFFICER_PASSWORD],
  admin: [env.E2E_ADMIN_USERNAME, env.E2E_ADMIN_PASSWORD],
  leader: [env.E2E_LEADER_USERNAME, env.E2E_LEADER_PASSWORD],
};
const IDS = {
  household: env.E2E_HOUSEHOLD_ID,
  cadre: env.E2E_CADRE_ID,
  entity: env.E2E_ENTITY_ID,
  visit: env.E2E_VISIT_ID,
  town: env.E2E_TOWN,
};
required({ ...IDS, CADRE_USERNAME: LOGINS.cadre[0], OFFICER_USERNAME: LOGINS.officer[0] });

// CJK ideographs, CJK and full-width punctuation (、。「」（），：；), kana.
const CHINESE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
// Strings of the API's answers that are not data: Chinese labels beside English ones, a
// progress table's Chinese title.
const NOT_DATA_KEYS = new Set(['zh', 'title_zh', 'name_zh', 'measure_name_zh', 'action_name_zh']);
const NOT_DATA_PATHS = [/\/api\/v1\/progress\b/];

/** Every Chinese string in a JSON answer (the data the screens may show as it is). */
function collect(value, into, key = '') {
  if (typeof value === 'string') {
    if (CHINESE.test(value) && !NOT_DATA_KEYS.has(key)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collect(v, into, k);
  }
}

/** In the page: each visible text (and placeholder, aria-label, title) with Chinese left once the data is taken out. */
function chineseOutsideData({ data, pattern }) {
  const chinese = new RegExp(pattern);
  const strip = (text) => data.reduce((left, value) => left.split(value).join(' '), text);
  const found = [];
  const visible = (el) =>
    el.checkVisibility?.({ checkOpacity: true, checkVisibilityCSS: true }) ?? true;
  const outsideData = (el) => !el.closest('[data-data], script, style, noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !outsideData(el) || !visible(el)) continue;
    const left = strip(node.textContent ?? '');
    if (chinese.test(left)) found.push(node.textContent.trim().slice(0, 80));
  }
  for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
    if (!outsideData(el) || !visible(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = el.getAttribute(name);
      if (value && chinese.test(strip(value))) found.push(`@${name}: ${value.slice(0, 80)}`);
    }
  }
  return [...new Set(found)];
}

const longestFirst = (set) => [...set].sort((a, b) => b.length - a.length);

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 4_000 }).catch(() => undefined);
  await page.waitForTimeout(250);
}

async function visitAs(browser, role, offenders) {
  const [username, password] = LOGINS[role];
  const phone = role === 'cadre';
  const context = await browser.newContext({
    ...DESKTOP,
    locale: 'en-US',
    ...(phone ? { viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(20_000);
  // English is chosen on the device before the app starts.
  await context.addInitScript(() => localStorage.setItem('fumin.language', 'en'));
  const page = await context.newPage();
  const data = new Set();
  page.on('pageerror', (error) => console.log(`page error (${role}): ${error.message}`));
  const reading = new Set();
  const refused = new Set();
  page.on('response', (response) => {
    const url = response.url();
    const type = response.headers()['content-type'] ?? '';
    // A request the screen built wrong (the first admin's dashboard asked for `area=`).
    if (url.includes('/api/') && response.status() === 422) refused.add(url.replace(BASE, ''));
    if (!url.includes('/api/') || !type.startsWith('application/json')) return;
    if (NOT_DATA_PATHS.some((p) => p.test(url))) return;
    const read = response
      .json()
      .then((body) => collect(body, data))
      .catch(() => undefined) // a body already gone (a navigation): nothing to learn
      .finally(() => reading.delete(read));
    reading.add(read);
  });
  const check = async (name) => {
    await settle(page);
    await Promise.all(reading); // every answer read before the screen is judged
    const found = await page.evaluate(chineseOutsideData, {
      data: longestFirst(data),
      pattern: CHINESE.source,
    });
    await screenshot(page, `en-${role}-${name}`);
    if (refused.size) found.push(...[...refused].map((url) => `422 from ${url}`));
    refused.clear();
    if (found.length)
      offenders.push(`${role} ${name} (${page.url()}):\n    ${found.join('\n    ')}`);
  };

  step(`${role}: the login form in English`);
  await page.goto(`${BASE}/login`);
  await check('login');
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await page.waitForURL(phone ? '**/m**' : '**/admin/**');
  for (const [name, route] of ENGLISH_ROUTES[role]) {
    const path = route.replace(/:(\w+)/g, (_, id) => IDS[id]);
    step(`${role}: ${path}`);
    await page.goto(`${BASE}${path}`);
    await check(name);
  }
  await context.close();
}

run(
  {
    options: DESKTOP,
    logApiErrors: false,
    failure: (page) => screenshot(page, 'en-failure'),
  },
  async (page) => {
    const browser = page.context().browser();
    const offenders = [];
    for (const role of Object.keys(ENGLISH_ROUTES)) await visitAs(browser, role, offenders);
    assert.deepEqual(offenders, [], `Chinese outside data in English:\n${offenders.join('\n')}`);
  },
);
