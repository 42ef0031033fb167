// The seed's journey in a real browser, against a local stack whose tenant 'acme' holds A-0001..A-0004 and the
// broken A-BROKEN (infra/local/app/src/main/java/com/billrun/local/demo/SampleTenant.java): a field error from the
// API next to its field, a run watched until COMPLETED, the alert icon, the failures tab, billing/read without Post,
// Post confirmed until POSTED. How the scripts run: console/e2e/lib.mjs.
import { accessible, check, consoleUrl, runJourney, screenshot, step } from './lib.mjs';

const statusOf = (page) => page.getByTestId('run-status').locator('.status').innerText();

await runJourney(async ({ context, signIn }) => {
  const ops = await signIn('ops@acme.example', ['billing/read', 'billing/write', 'billing/post'], (await context.pages())[0]);
  step('signed in as ops@acme.example with billing/read, billing/write, billing/post');
  await ops.getByText('No bill run yet.').waitFor();

  // New bill run: a problem+json from the API is shown next to its field, then the run starts.
  await ops.getByRole('link', { name: 'New bill run' }).click();
  await ops.getByLabel('Target date', { exact: true }).fill('2026-12-01');
  await ops.getByLabel('These accounts').check();
  await ops.getByLabel(/Account ids/).fill('A-0001, A-0001');
  await ops.getByRole('button', { name: 'Start bill run' }).click();
  const fieldError = ops.locator('#accountIds-error');
  await fieldError.waitFor();
  check(await ops.getByLabel(/Account ids/).getAttribute('aria-invalid') === 'true', 'the account ids box is not marked invalid');
  await accessible(ops, 'the new bill run form with a field error');
  step(`the API's problem is next to its field: "${await fieldError.innerText()}"`);
  await ops.getByLabel(/Account ids/).fill('A-0001, A-0002, A-0003, A-0004, A-BROKEN');
  await ops.getByRole('button', { name: 'Start bill run' }).click();
  const heading = ops.getByRole('heading', { name: /^Bill run BR-/ });
  await heading.waitFor();
  const number = (await heading.innerText()).replace('Bill run ', '');
  const runId = decodeURIComponent(new URL(ops.url()).hash.replace('#/bill-runs/', ''));
  step(`started ${number} over A-0001..A-0004 and A-BROKEN`);

  // Its status as it moves (polled by the page), until COMPLETED.
  const seen = [];
  for (const started = Date.now(); Date.now() - started < 90_000;) {
    const status = await statusOf(ops);
    if (seen.at(-1) !== status) seen.push(status);
    if (status === 'PROCESSING' && await ops.locator('#run-progress').count()) seen.push('(progress bar)');
    if (!['PENDING', 'PROCESSING'].includes(status)) break;
    await ops.waitForTimeout(100);
  }
  step(`statuses shown: ${seen.join(' -> ')}`);
  check(seen.at(-1) === 'COMPLETED', `the run ended ${seen.at(-1)}, not COMPLETED`);
  check(await ops.getByTestId('run-status').getByRole('img', { name: 'has errors' }).count() === 1,
    'no alert icon next to the status of a run with a failed account');

  // The list: the run, newest first, with the alert icon next to its status.
  await ops.getByRole('link', { name: '← Bill runs' }).click();
  const row = ops.locator(`tr[data-run="${number}"]`);
  await row.waitFor();
  check((await row.innerText()).includes('COMPLETED'), 'the list does not show the run COMPLETED');
  check(await row.getByRole('img', { name: 'has errors' }).count() === 1, 'no alert icon in the list');
  await accessible(ops, 'the bill runs list');
  await screenshot(ops, 'console-bill-runs');
  step('the list shows it COMPLETED with the alert icon');

  // The detail: the failures tab lists the broken account and why; Post is offered to billing/post.
  await row.getByRole('link', { name: number }).click();
  await ops.getByRole('tab', { name: 'Failed Accounts or Subscriptions' }).click();
  const failure = ops.locator('tr.failure', { hasText: 'A-BROKEN' });
  await failure.waitFor();
  const reason = (await failure.locator('td').nth(3).innerText()).trim();
  check(reason.length > 0, 'the failure of A-BROKEN has no reason');
  step(`the failures tab lists A-BROKEN: "${reason}"`);
  await ops.getByRole('tab', { name: 'Failed Accounts or Subscriptions' }).press('Home'); // keyboard: arrows, Home, End
  check(await ops.getByRole('tab', { name: 'Generated Invoices' }).getAttribute('aria-selected') === 'true',
    'Home on the tabs did not select the first one');
  await ops.locator('tbody tr').first().waitFor();
  await ops.getByRole('tab', { name: 'Generated Invoices' }).press('End');
  await failure.waitFor();
  check(await ops.getByRole('button', { name: 'Post', exact: true }).isVisible(), 'no Post button for billing/post on a COMPLETED run');
  await accessible(ops, 'a bill run (failures tab)');
  await screenshot(ops, 'console-bill-run', true);

  // A billing/read user, in another tab (its own session): no Post, and the API refuses it too.
  const reader = await signIn('viewer@acme.example', ['billing/read']);
  check(await reader.getByRole('link', { name: 'New bill run' }).count() === 0, 'billing/read is offered New bill run');
  await reader.goto(`${consoleUrl}#/bill-runs/${encodeURIComponent(runId)}`);
  await reader.getByRole('heading', { name: `Bill run ${number}` }).waitFor();
  check(await statusOf(reader) === 'COMPLETED', 'the reader does not see the run COMPLETED');
  check(await reader.getByRole('button', { name: 'Post', exact: true }).count() === 0, 'billing/read sees a Post button');
  check(await reader.getByRole('button', { name: 'Retry failures' }).count() === 0, 'billing/read sees Retry failures');
  const direct = await reader.evaluate(async (id) => (await fetch(`/bill-runs/${encodeURIComponent(id)}/post`, {
    method: 'POST', headers: { authorization: `Bearer ${sessionStorage.getItem('billrun.token')}` } })).status, runId);
  check(direct === 403, `billing/read posting through the API got ${direct}, not 403`);
  step('billing/read: no Post button, and POST /bill-runs/{id}/post answers 403');
  await reader.close();

  // Post, confirmed with the number of drafts, until POSTED.
  const generated = await ops.evaluate(async (id) => (await (await fetch(`/bill-runs/${encodeURIComponent(id)}`, {
    headers: { authorization: `Bearer ${sessionStorage.getItem('billrun.token')}` } })).json()).counts.invoicesGenerated, runId);
  await ops.getByRole('button', { name: 'Post', exact: true }).click();
  const dialog = ops.getByRole('dialog', { name: 'Post the bill run' });
  const question = await dialog.locator('#confirm-text').innerText();
  check(question.startsWith(`Post ${generated} draft invoice`), `the confirmation says "${question}" for ${generated} drafts`);
  await dialog.getByRole('button', { name: `Post ${generated} invoices` }).click();
  await ops.getByTestId('run-status').getByText('POSTED').waitFor({ timeout: 60_000 });
  check(await ops.getByRole('button', { name: 'Post', exact: true }).count() === 0, 'Post is still offered on a POSTED run');
  step(`confirmed "${question.split('?')[0]}?", the run is POSTED`);

});
