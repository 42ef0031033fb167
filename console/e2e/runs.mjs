// A run's page actions and the list's status filter in a real browser, against a local stack whose tenant 'acme'
// holds A-0001..A-0004 (USD, EUR, JPY, KWD): the Generated Invoices tab exported as a CSV file whose rows are the
// API's, the list filtered by status through the API (GET /bill-runs?status=), Email invoices confirmed on a POSTED
// run, Cancel on a COMPLETED run (CANCELED shown), then Delete (DELETED, out of the list). How the scripts run:
// console/e2e/lib.mjs.
import { readFileSync } from 'node:fs';
import { accessible, apiCall, check, consoleUrl, runJourney, screenshot, step } from './lib.mjs';

const ACCOUNTS = ['A-0001', 'A-0002', 'A-0003', 'A-0004'];

/** A run over the four accounts through the API, waited for until it leaves PENDING and PROCESSING. */
async function completedRun(page, targetDate) {
  const created = await apiCall(page, 'POST', '/bill-runs', { targetDate, accountIds: ACCOUNTS });
  check(created.status === 202, `POST /bill-runs answered ${created.status}: ${JSON.stringify(created.body)}`);
  for (const started = Date.now(); Date.now() - started < 90_000; await page.waitForTimeout(250)) {
    const run = (await apiCall(page, 'GET', `/bill-runs/${created.body.id}`)).body;
    if (!['PENDING', 'PROCESSING', 'POST_IN_PROGRESS'].includes(run.status)) return run;
  }
  throw new Error(`run ${created.body.number} did not settle within 90 s`);
}

/** RFC 4180 lines of a CSV text, cells unquoted (enough for these files: no line break inside a cell). */
function rows(csvText) {
  return csvText.split('\r\n').filter(Boolean).map((line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) { cells.push(cell); cell = ''; }
      else cell += c;
    }
    cells.push(cell);
    return cells;
  });
}

const statusOf = (page) => page.getByTestId('run-status').locator('.status').innerText();

await runJourney(async ({ context, signIn }) => {
  const ops = await signIn('ops@acme.example', ['billing/read', 'billing/write', 'billing/post'], (await context.pages())[0]);

  // Two runs: December posted, January left COMPLETED.
  const december = await completedRun(ops, '2026-12-01');
  check(december.status === 'COMPLETED', `December ended ${december.status}`);
  const posting = await apiCall(ops, 'POST', `/bill-runs/${december.id}/post`);
  check(posting.status === 202, `posting answered ${posting.status}`);
  let posted = december;
  for (const started = Date.now(); posted.status !== 'POSTED' && Date.now() - started < 60_000; await ops.waitForTimeout(250)) {
    posted = (await apiCall(ops, 'GET', `/bill-runs/${december.id}`)).body;
  }
  check(posted.status === 'POSTED', `December is ${posted.status}, not POSTED`);
  const january = await completedRun(ops, '2027-01-01');
  check(january.status === 'COMPLETED', `January ended ${january.status}`);
  step(`${december.number} POSTED and ${january.number} COMPLETED, over A-0001..A-0004`);

  // The list filtered by status: the API is asked (?status=), and only matching runs are shown.
  await ops.reload();
  await ops.locator(`tr[data-run="${january.number}"]`).waitFor();
  for (const [status, shown, hidden] of [['POSTED', december, january], ['COMPLETED', january, december]]) {
    const asked = ops.waitForRequest((r) => new URL(r.url()).pathname === '/bill-runs' && new URL(r.url()).searchParams.get('status') === status);
    await ops.getByLabel('Status', { exact: true }).selectOption(status);
    await asked;
    await ops.locator(`tr[data-run="${shown.number}"]`).waitFor();
    const statuses = await ops.locator('table.runs tbody tr .status').allInnerTexts();
    check(statuses.length > 0 && statuses.every((s) => s === status.replace(/_/g, ' ')), `filter ${status} shows ${statuses.join(', ')}`);
    check(await ops.locator(`tr[data-run="${hidden.number}"]`).count() === 0, `filter ${status} shows ${hidden.number}`);
    step(`status filter ${status}: GET /bill-runs?status=${status} asked, ${statuses.length} run(s) shown, all ${status}`);
  }
  await accessible(ops, 'the bill runs list filtered by status');
  await ops.getByLabel('Status', { exact: true }).selectOption('');

  // CSV export of the Generated Invoices tab: every row is the API's (its own CSV, less accountName).
  await ops.goto(`${consoleUrl}#/bill-runs/${encodeURIComponent(december.id)}`);
  await ops.getByRole('heading', { name: `Bill run ${december.number}` }).waitFor();
  await ops.locator('tbody tr').first().waitFor();
  const [download] = await Promise.all([ops.waitForEvent('download'), ops.getByRole('button', { name: 'Export CSV' }).click()]);
  const exported = readFileSync(await download.path(), 'utf8');
  check(download.suggestedFilename() === `${december.number}-invoices.csv`, `the file is named ${download.suggestedFilename()}`);
  const apiCsv = await ops.evaluate(async (id) => (await fetch(`/bill-runs/${id}/invoices?limit=100`, { headers: {
    authorization: `Bearer ${sessionStorage.getItem('billrun.token')}`, accept: 'text/csv' } })).text(), december.id);
  const withoutName = (cells) => cells.filter((_, i) => i !== 3); // the API's 4th column is accountName
  const expected = rows(apiCsv).map(withoutName);
  const got = rows(exported);
  check(exported.endsWith('\r\n') && exported.split('\r\n')[0] === 'invoiceId,number,accountId,status,currency,invoiceDate,dueDate,subtotal,taxTotal,total,balance',
    `the CSV's header row: ${exported.split('\r\n')[0]}`);
  check(JSON.stringify(got) === JSON.stringify(expected), `the CSV rows differ from the API's:\n${exported}\nvs\n${apiCsv}`);
  const currencies = got.slice(1).map((r) => `${r[9]} ${r[4]}`).join(', ');
  step(`CSV export of the invoices tab: ${download.suggestedFilename()}, a header and ${got.length - 1} rows equal to the API's (totals ${currencies})`);

  // Email invoices on the POSTED run, confirmed.
  await ops.getByRole('button', { name: 'Email invoices' }).click();
  const emailDialog = ops.getByRole('dialog', { name: 'Email the invoices' });
  await accessible(ops, 'a POSTED bill run with the email confirmation');
  await emailDialog.getByRole('button', { name: 'Email invoices' }).click();
  const notice = ops.getByTestId('run-notice');
  await notice.getByText(/^Emails queued/).waitFor();
  step(`Email invoices confirmed: "${await notice.innerText()}"`);
  check(await ops.getByRole('button', { name: 'Cancel run' }).count() === 0, 'a POSTED run offers Cancel');
  check(await ops.getByRole('button', { name: 'Delete' }).count() === 0, 'a POSTED run offers Delete');

  // Cancel the COMPLETED run, then delete it.
  await ops.goto(`${consoleUrl}#/bill-runs/${encodeURIComponent(january.id)}`);
  await ops.getByRole('heading', { name: `Bill run ${january.number}` }).waitFor();
  check(await ops.getByRole('button', { name: 'Email invoices' }).count() === 0, 'a COMPLETED run offers Email invoices');
  check(await ops.getByRole('button', { name: 'Delete' }).count() === 0, 'a COMPLETED run offers Delete');
  await ops.getByRole('button', { name: 'Cancel run' }).click();
  const cancelDialog = ops.getByRole('dialog', { name: 'Cancel the bill run' });
  step(`cancel asks: "${await cancelDialog.locator('#confirm-text').innerText()}"`);
  await cancelDialog.getByRole('button', { name: 'Cancel bill run' }).click();
  await ops.getByTestId('run-status').getByText('CANCELED').waitFor();
  check((await apiCall(ops, 'GET', `/bill-runs/${january.id}`)).body.status === 'CANCELED', 'the API does not have the run CANCELED');
  await ops.locator('#panel-invoices tbody tr').first().getByText('CANCELED').waitFor();
  const invoiceStatuses = await ops.locator('#panel-invoices tbody tr td:nth-child(3)').allInnerTexts();
  check(invoiceStatuses.every((s) => s === 'CANCELED'), `its invoices after the cancel: ${invoiceStatuses.join(', ')}`);
  step(`${january.number} canceled: CANCELED shown, its ${invoiceStatuses.length} drafts shown CANCELED`);
  await ops.getByRole('button', { name: 'Delete' }).click();
  const deleteDialog = ops.getByRole('dialog', { name: 'Delete the bill run' });
  await accessible(ops, 'a CANCELED bill run with the delete confirmation');
  await screenshot(ops, 'console-bill-run-delete');
  await deleteDialog.getByRole('button', { name: 'Delete bill run' }).click();
  await ops.getByTestId('run-status').getByText('DELETED').waitFor();
  check(await statusOf(ops) === 'DELETED', 'the run is not shown DELETED');
  await ops.getByRole('link', { name: '← Bill runs' }).click();
  await ops.locator(`tr[data-run="${december.number}"]`).waitFor();
  check(await ops.locator(`tr[data-run="${january.number}"]`).count() === 0, 'a DELETED run is still listed');
  step(`${january.number} deleted: DELETED shown, out of the list`);

  // A billing/read user sees none of the actions.
  const reader = await signIn('viewer@acme.example', ['billing/read']);
  await reader.goto(`${consoleUrl}#/bill-runs/${encodeURIComponent(december.id)}`);
  await reader.getByRole('heading', { name: `Bill run ${december.number}` }).waitFor();
  for (const name of ['Email invoices', 'Cancel run', 'Delete', 'Resume']) {
    check(await reader.getByRole('button', { name }).count() === 0, `billing/read is offered ${name}`);
  }
  const refused = await apiCall(reader, 'POST', `/bill-runs/${december.id}/email`);
  check(refused.status === 403, `billing/read emailing through the API got ${refused.status}`);
  step('billing/read: no run actions, and POST /bill-runs/{id}/email answers 403');
  await reader.close();
});
