// The seed's journey in a real browser, against a local stack whose tenant 'acme' holds A-0001..A-0004 and the
// broken A-BROKEN (infra/local/app/src/main/java/com/billrun/local/demo/SampleTenant.java): a field error from the
// API next to its field, a run watched until COMPLETED, the alert icon, the failures tab, billing/read without Post,
// the broken account fixed through the console (its tiered charge edited), Retry failures until a run without
// failures, Post confirmed with the API's number of drafts until POSTED. How the scripts run: console/e2e/lib.mjs.
import { accessible, apiCall, check, consoleUrl, runJourney, screenshot, step } from './lib.mjs';

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

  // Fix the account through the console: from the failures tab to A-BROKEN's page, S-LEGACY's tiered charge
  // edited so that its last tier is open (first saved as it is: the API's 422 is shown next to the tier's bound).
  await ops.getByRole('tab', { name: 'Failed Accounts or Subscriptions' }).click();
  await failure.getByRole('link', { name: 'A-BROKEN' }).click();
  await ops.getByRole('heading', { name: 'Account A-BROKEN' }).waitFor();
  const legacy = ops.locator('[data-subscription="S-LEGACY"]');
  await legacy.locator('tr[data-charge="seats"]').waitFor();
  check((await legacy.locator('[data-testid="charged-through"]').innerText()).includes('never billed'),
    'S-LEGACY\'s charge shows a charged-through date before any run billed it');
  await legacy.getByRole('button', { name: 'Edit charge Seats of S-LEGACY' }).click();
  const editor = ops.getByRole('form', { name: 'Edit charge Seats' });
  await editor.getByRole('button', { name: 'Save charge' }).click();
  const tierError = editor.locator('#tier-0-upTo-error');
  await tierError.waitFor();
  check((await tierError.innerText()).includes('the last tier must be open'), `the tier's error reads "${await tierError.innerText()}"`);
  check(await editor.getByLabel('Tier 1 up to').getAttribute('aria-invalid') === 'true', 'the tier bound is not marked invalid');
  step(`the API's problem is next to the tier: "${await tierError.innerText()}"`);
  await editor.getByRole('button', { name: 'Add tier' }).click();
  check(await editor.getByLabel('Tier 2 open (no upper bound)').isChecked(), 'the added last tier is not open');
  await editor.getByLabel('Tier 2 unit price').fill('10.00');
  await accessible(ops, 'the account page with the charge editor');
  await editor.getByRole('button', { name: 'Save charge' }).click();
  await ops.getByText('Saved the pricing of Seats (S-LEGACY).').waitFor();
  await legacy.getByText('above 10 at 10.00').waitFor();
  const stored = await apiCall(ops, 'GET', '/subscriptions/S-LEGACY');
  const tiers = stored.body.charges[0].tiers;
  check(tiers.length === 2 && tiers[1].upTo === undefined && tiers[1].unitPrice === '10.00',
    `S-LEGACY's tiers are ${JSON.stringify(tiers)}`);
  await ops.locator('tr[data-kind="CHARGE_AMENDED"]').waitFor();
  step('fixed S-LEGACY through the console: tiers up to 10 at 12.00, above 10 at 10.00 (CHARGE_AMENDED in its activity)');

  // Back to the run: Retry failures starts a run over A-BROKEN alone; it completes without failures.
  await ops.evaluate((id) => { location.hash = `#/bill-runs/${encodeURIComponent(id)}`; }, runId);
  await ops.getByRole('heading', { name: `Bill run ${number}` }).waitFor();
  await ops.getByRole('button', { name: 'Retry failures' }).click();
  const retryHeading = ops.getByRole('heading', { name: /^Bill run BR-/ }).filter({ hasNotText: number });
  await retryHeading.waitFor();
  const retryNumber = (await retryHeading.innerText()).replace('Bill run ', '');
  const retryId = decodeURIComponent(new URL(ops.url()).hash.replace('#/bill-runs/', ''));
  await ops.getByTestId('run-status').getByText('COMPLETED').waitFor({ timeout: 90_000 });
  check(await ops.getByTestId('run-status').getByRole('img', { name: 'has errors' }).count() === 0,
    'the alert icon is shown on a retry without failures');
  check(await ops.getByRole('tab', { name: 'Failed Accounts or Subscriptions' }).count() === 0,
    'the failures tab is shown on a run without failures');
  const invoiced = ops.locator('tbody tr', { hasText: 'A-BROKEN' });
  await invoiced.waitFor();
  check((await invoiced.innerText()).includes('270.00'), `A-BROKEN's invoice reads "${await invoiced.innerText()}", not 270.00 (10 x 12.00 + 15 x 10.00)`);
  step(`after retry, no failures tab: ${retryNumber} COMPLETED, A-BROKEN invoiced 270.00 USD`);

  // Post, confirmed with the number of drafts (the API's), until POSTED: the retry, then the run itself.
  await postRun(ops, retryId);
  await ops.evaluate((id) => { location.hash = `#/bill-runs/${encodeURIComponent(id)}`; }, runId);
  await ops.getByRole('heading', { name: `Bill run ${number}` }).waitFor();
  await postRun(ops, runId);
});

/** Post on the run's page: the confirmation counts the drafts the API has, then the run is POSTED. */
async function postRun(ops, id) {
  const run = (await apiCall(ops, 'GET', `/bill-runs/${encodeURIComponent(id)}`)).body;
  const drafts = run.counts.invoicesGenerated - run.invoicesPosted;
  await ops.getByRole('button', { name: 'Post', exact: true }).click();
  const dialog = ops.getByRole('dialog', { name: 'Post the bill run' });
  const question = await dialog.locator('#confirm-text').innerText();
  check(question.startsWith(`Post ${drafts} draft invoice${drafts === 1 ? '' : 's'} of bill run ${run.number}?`),
    `the confirmation says "${question}" for the API's ${drafts} drafts`);
  await dialog.getByRole('button', { name: `Post ${drafts} invoices` }).click();
  await ops.getByTestId('run-status').getByText('POSTED').waitFor({ timeout: 60_000 });
  check(await ops.getByRole('button', { name: 'Post', exact: true }).count() === 0, 'Post is still offered on a POSTED run');
  step(`confirmed "${question.split('?')[0]}?" (the API's ${drafts} drafts), the run is POSTED`);
}
