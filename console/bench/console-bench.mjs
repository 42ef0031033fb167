// The console's bench (./billrun bench-console, infra/local/app's ConsoleBench, which starts the stack, seeds it,
// generates the run and sets the variables below): Chromium against the console on the local stack, figures on
// stdout. Not a test: it asserts only that the pages it times show what they should.
//   RUN_ID     the run whose Generated Invoices tab is paged
//   LOADS      loads of the bill-run list to time (median shown)
//   UI_PAGES   "Load more" clicks to time on the invoices tab
import { check, consoleUrl, runJourney } from '../e2e/lib.mjs';

const runId = process.env.RUN_ID;
const loads = Number(process.env.LOADS ?? 10);
const uiPages = Number(process.env.UI_PAGES ?? 20);

const sorted = (values) => [...values].sort((a, b) => a - b);
const median = (values) => {
  const s = sorted(values);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const p95 = (values) => sorted(values)[Math.min(values.length - 1, Math.ceil(0.95 * values.length) - 1)];
const ms = (value) => `${value.toFixed(0)} ms`;
const say = (text) => console.log(`bench-console: ${text}`);

await runJourney(async ({ context, signIn }) => {
  const page = await signIn('bench@acme.example', ['billing/read'], (await context.pages())[0]);
  // When the first row of a list is in the document, in the page's own clock (0 = the navigation's start).
  await page.addInitScript(() => {
    const watch = () => {
      if (window.__firstRunRow === undefined && document.querySelector('table.runs tbody tr')) window.__firstRunRow = performance.now();
      if (window.__firstInvoiceRow === undefined && document.querySelector('#panel-invoices tbody tr')) window.__firstInvoiceRow = performance.now();
    };
    new MutationObserver(watch).observe(document, { childList: true, subtree: true });
  });

  // The bill-run list: navigation to its first rendered row, each load a new document (the token stays in the tab).
  const listTimes = [];
  for (let i = 0; i < loads; i++) {
    await page.goto('about:blank');
    await page.goto(`${consoleUrl}#/bill-runs`);
    await page.locator('table.runs tbody tr').first().waitFor();
    listTimes.push(await page.waitForFunction(() => window.__firstRunRow).then((h) => h.jsonValue()));
  }
  say(`first rendered bill-run list (navigation -> first row): median ${ms(median(listTimes))} of ${loads} loads; `
    + `first load (cold cache) ${ms(listTimes[0])}, min ${ms(sorted(listTimes)[0])}, max ${ms(sorted(listTimes).at(-1))}`);

  // The run's Generated Invoices tab: navigation to its first row, then "Load more" (50 invoices a click).
  await page.goto('about:blank');
  await page.goto(`${consoleUrl}#/bill-runs/${encodeURIComponent(runId)}`);
  const rows = page.locator('#panel-invoices tbody tr');
  await rows.first().waitFor();
  const firstTab = await page.waitForFunction(() => window.__firstInvoiceRow).then((h) => h.jsonValue());
  say(`the run's page (navigation -> first invoice row of 50): ${ms(firstTab)}`);
  const more = page.getByRole('button', { name: 'Load more invoices' });
  const clicks = [];
  for (let i = 0; i < uiPages && await more.count(); i++) {
    const before = await rows.count();
    const started = performance.now();
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#panel-invoices tbody tr').length > n, before);
    clicks.push(performance.now() - started);
  }
  const shown = await rows.count();
  check(shown === 50 * (clicks.length + 1), `${shown} rows after ${clicks.length} clicks`);
  say(`UI "Load more invoices" (50 a click, appended): median ${ms(median(clicks))}, p95 ${ms(p95(clicks))}, `
    + `max ${ms(sorted(clicks).at(-1))} over ${clicks.length} clicks (${shown} rows shown at the end)`);
});
