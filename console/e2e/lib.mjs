// Shared by the console's browser scripts (console/e2e/*.mjs): Playwright (playwright-core, pinned in
// console/package.json) driving Debian's Chromium against a running local stack, one script per journey, each run
// by ConsoleBrowserTest (infra/local/app/src/test/java/com/billrun/local/console/ConsoleBrowserTest.java) on its
// own freshly seeded stack, so by ./billrun test.
//   CONSOLE_URL   the console, e.g. http://127.0.0.1:8080/console/ (required)
//   CHROMIUM      the browser (default /usr/bin/chromium)
//   SCREENSHOTS   where the PNGs go (default: no screenshots)
// A script's exit status is 0 when every step held; otherwise the step that failed and why, on stderr.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const consoleUrl = process.env.CONSOLE_URL;
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const screenshotDir = process.env.SCREENSHOTS;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const step = (text) => console.log(`journey: ${text}`);

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** The API's answer to a call made with the page's session token: { status, body }. */
export async function apiCall(page, method, path, body) {
  return page.evaluate(async ({ method, path, body }) => {
    const headers = { authorization: `Bearer ${sessionStorage.getItem('billrun.token')}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    let parsed = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: response.status, body: parsed };
  }, { method, path, body });
}

/** Saves a screenshot named NAME.png when SCREENSHOTS is set. */
export async function screenshot(page, name, fullPage = false) {
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/**
 * Runs axe-core (pinned in console/package.json) on the page as it is and fails on any serious or critical
 * violation, naming the rule and the elements.
 */
export async function accessible(page, screen) {
  // evaluated through the DevTools protocol, not a <script> tag: the console's Content-Security-Policy stays on
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })));
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  check(blocking.length === 0, `axe on ${screen}: ${blocking.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`).join('; ')}`);
  step(`axe on ${screen}: no serious or critical violation${violations.length ? ` (${violations.length} minor: ${violations.map((v) => v.id).join(', ')})` : ''}`);
}

/**
 * Launches Chromium with a fresh profile, runs the journey with the browser context, and exits non-zero when a step
 * failed or the page logged an error.
 */
export async function runJourney(journey) {
  if (!consoleUrl) {
    console.error('journey: CONSOLE_URL is not set');
    process.exit(2);
  }
  if (!existsSync(browserPath)) {
    console.error(`journey: no Chromium at ${browserPath}: apt-get install -y chromium (npx playwright install cannot download here)`);
    process.exit(3);
  }
  const profile = mkdtempSync(join(tmpdir(), 'billrun-console-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
  });
  context.setDefaultTimeout(20_000);
  const browserErrors = [];
  const session = {
    context,
    /** Signs in through the dev sign-in as EMAIL of tenant acme with SCOPES, on PAGE (default: a new page). */
    async signIn(email, scopes, page) {
      const target = page ?? await context.newPage();
      target.on('pageerror', (error) => browserErrors.push(`${email}: ${error.message}`));
      target.on('console', (message) => { // an answer the journey asks for (422, 403) is logged by Chromium too: not a fault
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) browserErrors.push(`${email}: ${message.text()}`);
      });
      await target.goto(consoleUrl);
      await target.getByRole('heading', { name: 'Sign in (dev)' }).waitFor();
      await target.getByLabel('Tenant').fill('acme');
      await target.getByLabel('Email', { exact: true }).fill(email);
      for (const scope of ['billing/read', 'billing/write', 'billing/post']) {
        await target.getByLabel(scope).setChecked(scopes.includes(scope));
      }
      await target.getByRole('button', { name: 'Sign in' }).click();
      await target.getByRole('heading', { name: 'Bill runs' }).waitFor();
      return target;
    },
  };
  try {
    await journey(session);
    check(browserErrors.length === 0, `errors in the browser: ${browserErrors.join('; ')}`);
    step('ok');
  } catch (error) {
    console.error(`journey: FAILED: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
