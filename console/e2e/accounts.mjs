// The accounts, schedules and settings screens in a real browser, against a local stack whose tenant 'acme' holds
// A-0001..A-0004 (USD, EUR, JPY, KWD) and A-BROKEN (infra/local/app/src/main/java/com/billrun/local/demo/SampleTenant.java):
// balances per currency, an account's subscriptions with charged-through dates, a payment (a field error first),
// a preview, a schedule created (a field error first) and deleted, the settings edited. How the scripts run:
// console/e2e/lib.mjs.
import { accessible, apiCall, check, consoleUrl, runJourney, screenshot, step } from './lib.mjs';

const SCALES = { JPY: 0, USD: 2, EUR: 2, KWD: 3 };

/** The amount as the console must show it: grouped, at the currency's minor units ("1,234.50", "150,000", "4.500"). */
function formatted(amount, currency) {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const scale = SCALES[currency];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const digits = fraction.padEnd(scale, '0');
  return `${negative && /[1-9]/.test(whole + fraction) ? '-' : ''}${grouped}${scale ? `.${digits}` : ''} ${currency}`;
}

/** Cents arithmetic on decimal strings at scale 2. */
const cents = (amount) => Math.round(Number(amount) * 100);
const fromCents = (value) => `${value < 0 ? '-' : ''}${Math.floor(Math.abs(value) / 100)}.${String(Math.abs(value) % 100).padStart(2, '0')}`;

await runJourney(async ({ context, signIn }) => {
  const ops = await signIn('ops@acme.example', ['billing/read', 'billing/write', 'billing/post'], (await context.pages())[0]);
  step('signed in as ops@acme.example with billing/read, billing/write, billing/post');

  // A posted run over A-0001 (through the API) gives it an invoice to pay and charged-through dates.
  const started = await apiCall(ops, 'POST', '/bill-runs', { targetDate: '2026-12-01', accountIds: ['A-0001'] });
  check(started.status === 202, `POST /bill-runs answered ${started.status}`);
  const runPath = `/bill-runs/${encodeURIComponent(started.body.id)}`;
  const settle = async (status) => {
    for (let i = 0; i < 600; i++) {
      const run = (await apiCall(ops, 'GET', runPath)).body;
      if (run.status === status) return run;
      check(!['ERROR', 'CANCELED'].includes(run.status), `the run ended ${run.status}`);
      await ops.waitForTimeout(100);
    }
    throw new Error(`the run never reached ${status}`);
  };
  await settle('COMPLETED');
  check((await apiCall(ops, 'POST', `${runPath}/post`)).status === 202, 'the run could not be posted');
  await settle('POSTED');
  step(`posted ${started.body.number} over A-0001 through the API`);

  // The list: the five accounts, each balance at its currency's minor units, right-aligned.
  await ops.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await ops.getByRole('heading', { name: 'Accounts' }).waitFor();
  await ops.locator('tr[data-account="A-BROKEN"]').waitFor();
  const listed = (await apiCall(ops, 'GET', '/accounts')).body.items;
  const ids = await ops.locator('tr[data-account]').evaluateAll((rows) => rows.map((row) => row.dataset.account));
  check(JSON.stringify([...ids].sort()) === JSON.stringify(['A-0001', 'A-0002', 'A-0003', 'A-0004', 'A-BROKEN']), `the list shows ${ids}`);
  check(JSON.stringify(ids) === JSON.stringify(listed.map((a) => a.id)), `the list shows ${ids} in another order than the API's`);
  const shown = [];
  for (const account of listed) {
    const cell = ops.locator(`tr[data-account="${account.id}"] td.num`);
    const text = (await cell.innerText()).trim();
    check(text === formatted(account.balance, account.currency), `${account.id}'s balance reads "${text}", not "${formatted(account.balance, account.currency)}"`);
    check(await cell.evaluate((td) => getComputedStyle(td).textAlign) === 'right', `${account.id}'s balance is not right-aligned`);
    shown.push(`${account.id} ${text}`);
  }
  await accessible(ops, 'the accounts list');
  await screenshot(ops, 'console-accounts');
  step(`the accounts list shows ${shown.join(', ')}`);

  // The account: its subscriptions with their charges' charged-through dates, as the API has them.
  await ops.getByRole('link', { name: 'A-0001', exact: true }).click();
  await ops.getByRole('heading', { name: 'Account A-0001' }).waitFor();
  const subscriptions = (await apiCall(ops, 'GET', '/accounts/A-0001/subscriptions')).body.items;
  const dates = [];
  for (const subscription of subscriptions) {
    for (const charge of subscription.charges) {
      const cell = ops.locator(`[data-subscription="${subscription.id}"] tr[data-charge="${charge.id}"] [data-testid="charged-through"]`);
      await cell.waitFor();
      const text = (await cell.innerText()).trim();
      check(text === (charge.chargedThroughDate ?? 'never billed'), `${subscription.id}/${charge.id} reads "${text}", the API ${charge.chargedThroughDate}`);
      dates.push(`${subscription.id}/${charge.id} ${text}`);
    }
  }
  check(dates.some((d) => /\d{4}-\d{2}-\d{2}$/.test(d)), `no charge of A-0001 shows a charged-through date: ${dates}`);
  step(`the account page lists its subscriptions with charged-through dates: ${dates.join(', ')}`);

  // Record a payment: a problem+json error next to its field, then a valid one; balance and payments updated.
  const { balance: before, currency } = (await apiCall(ops, 'GET', '/accounts/A-0001')).body;
  check(SCALES[currency] === 2, `A-0001 is billed in ${currency}: the payment below is in cents`);
  await ops.getByLabel(`Amount (${currency})`).fill('12.345');
  await ops.getByRole('button', { name: 'Record payment' }).click();
  const amountError = ops.locator('#payment-amount-error');
  await amountError.waitFor();
  check(await ops.getByLabel(`Amount (${currency})`).getAttribute('aria-invalid') === 'true', 'the amount box is not marked invalid');
  step(`the payment's problem is next to its field: "${await amountError.innerText()}"`);
  await ops.getByLabel(`Amount (${currency})`).fill('100.25');
  await ops.getByLabel('Payment date').fill('2026-12-05');
  await ops.getByRole('button', { name: 'Record payment' }).click();
  await ops.getByTestId('payment-receipt').waitFor();
  const expected = fromCents(cents(before) - cents('100.25'));
  await ops.getByTestId('account-balance').getByText(formatted(expected, currency).replace(` ${currency}`, '')).waitFor();
  const after = (await apiCall(ops, 'GET', '/accounts/A-0001')).body.balance;
  check(after === expected, `the API's balance is ${after}, not ${expected}`);
  const payment = ops.locator('table.payments tbody tr', { hasText: '2026-12-05' });
  await payment.waitFor();
  check((await payment.innerText()).includes('100.25'), `the payments list reads "${await payment.innerText()}"`);
  step(`recorded 100.25 ${currency}: the balance went from ${before} to ${after}, listed in the payments`);

  // Preview the next invoice at a date: its lines and total, as the API computes them.
  await ops.getByLabel('Target date').fill('2027-01-01');
  await ops.getByRole('button', { name: 'Preview' }).click();
  await ops.getByTestId('preview').waitFor();
  const preview = (await apiCall(ops, 'POST', '/accounts/A-0001/invoice-preview', { targetDate: '2027-01-01' })).body.invoice;
  const lines = await ops.locator('tr.preview-line').count();
  check(lines === preview.items.length && lines > 0, `the preview shows ${lines} lines, the API ${preview.items.length}`);
  const total = (await ops.getByTestId('preview-total').innerText()).trim();
  check(total === formatted(preview.total, currency), `the preview's total reads "${total}", the API ${preview.total}`);
  step(`the preview at 2027-01-01 shows ${lines} line(s) and the total ${total}`);
  await accessible(ops, 'the account page');
  await screenshot(ops, 'console-account', true);

  // Schedules: a field error from the API next to its field, then created, listed with its next firing, deleted.
  await ops.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
  await ops.getByRole('heading', { name: 'Schedules', exact: true }).waitFor();
  await ops.getByText('No schedules.').waitFor();
  await ops.getByLabel(/^Name/).fill('Monthly close');
  await ops.getByLabel(/^Expression/).fill('cron(0 2 31 2 ? *)');
  await ops.getByLabel(/^Time zone/).fill('Europe/Paris');
  await ops.getByRole('button', { name: 'Create schedule' }).click();
  const expressionError = ops.locator('#schedule-expression-error');
  await expressionError.waitFor();
  check(await ops.getByLabel(/^Expression/).getAttribute('aria-invalid') === 'true', 'the expression box is not marked invalid');
  step(`the schedule's problem is next to its field: "${await expressionError.innerText()}"`);
  await ops.getByLabel(/^Expression/).fill('cron(0 2 1 * ? *)');
  await ops.getByRole('button', { name: 'Create schedule' }).click();
  const scheduleRow = ops.locator('tr[data-schedule="Monthly close"]');
  await scheduleRow.waitFor();
  const created = (await apiCall(ops, 'GET', '/schedules')).body.items[0];
  const next = (await scheduleRow.getByTestId('next-firing').innerText()).trim();
  check(next === created.nextRunAt.replace(/\.\d+Z$/, 'Z'), `the next firing reads "${next}", the API ${created.nextRunAt}`);
  await accessible(ops, 'the schedules');
  await ops.evaluate(() => window.scrollTo(0, 0));
  await screenshot(ops, 'console-schedules');
  step(`created "Monthly close" (cron(0 2 1 * ? *), Europe/Paris), listed with its next firing ${next}`);
  await scheduleRow.getByRole('button', { name: 'Delete schedule Monthly close' }).click();
  const confirm = ops.getByRole('dialog', { name: 'Delete the schedule' });
  await confirm.getByRole('button', { name: 'Delete schedule' }).click();
  await ops.getByText('No schedules.').waitFor();
  check((await apiCall(ops, 'GET', '/schedules')).body.items.length === 0, 'the API still lists the schedule');
  step('deleted it after a confirmation: the list and the API have no schedule');

  // Settings: shown as GET /settings has them; a field error from the API, then saved.
  await ops.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await ops.getByRole('heading', { name: 'Settings' }).waitFor();
  const settings = (await apiCall(ops, 'GET', '/settings')).body;
  check(await ops.getByLabel('Proration').inputValue() === settings.prorationMethod, 'the proration shown is not the API\'s');
  check(await ops.getByLabel('Invoice number prefix').inputValue() === (settings.invoiceNumberPrefix ?? ''), 'the prefix shown is not the API\'s');
  await ops.getByLabel('Invoice number prefix').fill('INV 2026!');
  await ops.getByRole('button', { name: 'Save settings' }).click();
  const prefixError = ops.locator('#settings-invoiceNumberPrefix-error');
  await prefixError.waitFor();
  step(`the settings' problem is next to its field: "${await prefixError.innerText()}"`);
  await ops.getByLabel('Invoice number prefix').fill('ACME-');
  await ops.getByLabel('Rounding').selectOption('HALF_EVEN');
  await ops.getByRole('button', { name: 'Save settings' }).click();
  await ops.getByText(/^Saved:/).waitFor();
  const saved = (await apiCall(ops, 'GET', '/settings')).body;
  check(saved.invoiceNumberPrefix === 'ACME-' && saved.roundingMode === 'HALF_EVEN', `the API's settings are ${JSON.stringify(saved)}`);
  await accessible(ops, 'the settings');
  await screenshot(ops, 'console-settings');
  step('settings shown as the API has them, and saved: invoice prefix ACME-, rounding HALF_EVEN');

  // billing/read: the same screens without their forms; the API refuses the writes anyway.
  const reader = await signIn('viewer@acme.example', ['billing/read']);
  await reader.goto(`${consoleUrl}#/accounts/A-BROKEN`);
  await reader.getByRole('heading', { name: 'Account A-BROKEN' }).waitFor();
  await reader.locator('tr[data-charge="seats"]').waitFor();
  check(await reader.getByRole('button', { name: /^Edit charge/ }).count() === 0, 'billing/read is offered Edit charge');
  check(await reader.getByRole('heading', { name: 'Record a payment' }).count() === 0, 'billing/read is offered Record a payment');
  const amend = await apiCall(reader, 'PUT', '/subscriptions/S-LEGACY/charges/seats', { tiers: [{ unitPrice: '1.00' }] });
  check(amend.status === 403, `billing/read amending a charge through the API got ${amend.status}, not 403`);
  await reader.goto(`${consoleUrl}#/settings`);
  await reader.getByRole('heading', { name: 'Settings' }).waitFor();
  await reader.getByLabel('Proration').waitFor();
  check(await reader.getByLabel('Proration').isDisabled(), 'billing/read can change the settings');
  check(await reader.getByRole('button', { name: 'Save settings' }).count() === 0, 'billing/read is offered Save settings');
  step('billing/read: no Edit charge, no payment form, settings read-only, and PUT .../charges/seats answers 403');
  await reader.close();
});
