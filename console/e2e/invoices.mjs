// The invoice page in a real browser, against a local stack whose tenant 'acme' holds A-0001..A-0004 (USD, EUR, JPY,
// KWD): a run over them started and posted through the console, each invoice opened from the run's Generated
// Invoices tab with its amounts as the API has them at its currency's decimals (JPY 0, USD and EUR 2, KWD 3), the
// PDF downloaded (application/pdf, %PDF), a credit note refused with the API's field error next to its line and
// then issued (the balance on the page is the API's new balance, the note listed with its PDF), another invoice
// voided (VOID shown), a re-send confirmed. How the scripts run: console/e2e/lib.mjs.
import { readFileSync } from 'node:fs';
import { accessible, apiCall, check, runJourney, screenshot, step } from './lib.mjs';

const ACCOUNTS = ['A-0001', 'A-0002', 'A-0003', 'A-0004'];
const DECIMALS = { USD: 2, EUR: 2, JPY: 0, KWD: 3 };

/** The amount as the console must show it: grouped thousands, exactly DECIMALS[currency] decimals, the code after. */
function shown(amount, currency) {
  const [whole, fraction = ''] = amount.replace(/^-/, '').split('.');
  const decimals = DECIMALS[currency];
  check(fraction.length <= decimals, `the API sent ${amount} ${currency}, finer than ${decimals} decimals`);
  const text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (decimals ? '.' + fraction.padEnd(decimals, '0') : '');
  return `${amount.startsWith('-') && /[1-9]/.test(amount) ? '-' : ''}${text} ${currency}`;
}

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

/** Clicks BUTTON and returns the file the page offers: its bytes, and the API's answer that brought it (if any). */
async function downloadFrom(page, button, apiPath) {
  const answer = apiPath ? page.waitForResponse((r) => new URL(r.url()).pathname === apiPath) : null;
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const response = answer ? await answer : null;
  return { bytes: readFileSync(await download.path()), name: download.suggestedFilename(), response };
}

await runJourney(async ({ context, signIn }) => {
  const ops = await signIn('ops@acme.example', ['billing/read', 'billing/write', 'billing/post'], (await context.pages())[0]);

  // A run over the four accounts, started and posted through the console.
  await ops.getByRole('link', { name: 'New bill run' }).click();
  await ops.getByLabel('Target date', { exact: true }).fill('2026-12-01');
  await ops.getByLabel('These accounts').check();
  await ops.getByLabel(/Account ids/).fill(ACCOUNTS.join(', '));
  await ops.getByRole('button', { name: 'Start bill run' }).click();
  await ops.getByRole('heading', { name: /^Bill run BR-/ }).waitFor();
  const runId = decodeURIComponent(new URL(ops.url()).hash.replace('#/bill-runs/', ''));
  await ops.getByTestId('run-status').getByText('COMPLETED').waitFor({ timeout: 90_000 });
  await ops.getByRole('button', { name: 'Post', exact: true }).click();
  await ops.getByRole('dialog', { name: 'Post the bill run' }).getByRole('button', { name: /^Post \d+ invoices$/ }).click();
  await ops.getByTestId('run-status').getByText('POSTED').waitFor({ timeout: 60_000 });
  step('a run over A-0001..A-0004 started and posted through the console');

  const invoices = (await apiCall(ops, 'GET', `/bill-runs/${encodeURIComponent(runId)}/invoices?limit=100`)).body.items;
  check(invoices.length === 4, `the run has ${invoices.length} invoices, not 4`);
  const byCurrency = Object.fromEntries(invoices.map((invoice) => [invoice.currency, invoice]));
  check(['USD', 'EUR', 'JPY', 'KWD'].every((c) => byCurrency[c]), `currencies: ${Object.keys(byCurrency).join(', ')}`);

  // Each invoice, opened from the run's Generated Invoices tab: its amounts and lines as the API has them.
  const runUrl = ops.url();
  for (const currency of ['USD', 'EUR', 'JPY', 'KWD']) {
    const expected = byCurrency[currency];
    await ops.goto(runUrl);
    await ops.getByRole('link', { name: `Invoice ${expected.number}` }).click();
    await ops.getByRole('heading', { name: `Invoice ${expected.number}` }).waitFor();
    const api = (await apiCall(ops, 'GET', `/invoices/${encodeURIComponent(expected.id)}`)).body;
    for (const [testId, field] of [['invoice-subtotal', 'subtotal'], ['invoice-tax', 'taxTotal'], ['invoice-total', 'total'],
      ['invoice-balance', 'balance']]) {
      const onPage = await text(ops.getByTestId(testId));
      check(onPage === shown(api[field], currency), `${expected.number} ${field}: the page shows "${onPage}", the API ${api[field]} ${currency}`);
    }
    check(await text(ops.getByTestId('invoice-status')) === 'POSTED', `${expected.number} is not shown POSTED`);
    const rows = ops.locator('table.lines tbody tr');
    check(await rows.count() === api.items.length, `${expected.number}: ${await rows.count()} lines shown, ${api.items.length} in the API`);
    for (const [i, line] of api.items.entries()) {
      const row = await text(rows.nth(i));
      check(row.includes(line.chargeName) && row.includes(line.servicePeriodStart) && row.includes(shown(line.amount, currency)),
        `${expected.number} line ${line.lineId}: "${row}" lacks ${line.chargeName}, ${line.servicePeriodStart} or ${shown(line.amount, currency)}`);
    }
    step(`${expected.number} (${currency}): subtotal, tax, total, balance and ${api.items.length} line(s) as the API has them, `
      + `total ${shown(api.total, currency)}`);
  }

  // The PDF of the USD invoice.
  const usd = byCurrency.USD;
  await ops.goto(runUrl.replace(/#.*$/, `#/invoices/${encodeURIComponent(usd.id)}`));
  await ops.getByRole('heading', { name: `Invoice ${usd.number}` }).waitFor();
  const pdf = await downloadFrom(ops, ops.getByRole('button', { name: 'Download PDF' }), `/invoices/${usd.id}/pdf`);
  check(pdf.response.status() === 200 && (pdf.response.headers()['content-type'] ?? '').startsWith('application/pdf'),
    `the PDF answer: ${pdf.response.status()} ${pdf.response.headers()['content-type']}`);
  check(pdf.bytes.subarray(0, 4).toString('latin1') === '%PDF', `the download ${pdf.name} does not start with %PDF`);
  step(`the PDF link returns a PDF: ${pdf.name}, application/pdf, ${pdf.bytes.length} bytes starting %PDF`);

  // A credit note: the API's field error next to the line's amount, then a valid one lowers the balance.
  await ops.getByRole('button', { name: 'Credit note' }).click();
  await ops.getByRole('heading', { name: 'Issue a credit note' }).waitFor();
  await ops.getByLabel('Reason').fill('Goodwill: service outage');
  const firstLine = ops.locator('#credit-line-1');
  await firstLine.fill('999999.00');
  await ops.getByRole('button', { name: 'Issue credit note' }).click();
  const lineError = ops.locator('#credit-line-1-error');
  await lineError.waitFor();
  check(await firstLine.getAttribute('aria-invalid') === 'true', 'the line amount is not marked invalid');
  check((await firstLine.getAttribute('aria-describedby') ?? '').includes('credit-line-1-error'), 'the error is not tied to its box');
  await accessible(ops, 'the credit-note form with a field error');
  await screenshot(ops, 'console-credit-note', true);
  step(`the API's problem is next to line 1's amount: "${await lineError.innerText()}"`);
  await firstLine.fill('10.00');
  await ops.getByRole('button', { name: 'Issue credit note' }).click();
  await ops.getByTestId('invoice-notice').getByText(/^Credit note .* issued/).waitFor();
  const credited = (await apiCall(ops, 'GET', `/invoices/${encodeURIComponent(usd.id)}`)).body;
  const notes = (await apiCall(ops, 'GET', `/invoices/${encodeURIComponent(usd.id)}/credit-notes`)).body.items;
  check(notes.length === 1, `${notes.length} credit notes in the API, not 1`);
  check(credited.balance !== usd.balance, `the API's balance did not change: ${credited.balance}`);
  await ops.getByTestId('invoice-balance').getByText(shown(credited.balance, 'USD').split(' ')[0]).waitFor();
  const noteRow = ops.locator(`tr[data-note="${notes[0].number}"]`);
  await noteRow.waitFor();
  const notePdf = await downloadFrom(ops, noteRow.getByRole('button', { name: /PDF/ }), `/credit-notes/${notes[0].id}/pdf`);
  check(notePdf.bytes.subarray(0, 4).toString('latin1') === '%PDF', 'the credit note PDF does not start with %PDF');
  await accessible(ops, 'the invoice page');
  await screenshot(ops, 'console-invoice', true);
  step(`credit note ${notes[0].number} of ${shown(notes[0].total, 'USD')} issued: balance ${shown(usd.balance, 'USD')} -> `
    + `${shown(credited.balance, 'USD')} on the page, listed with its PDF`);

  // Re-send the email of the same invoice.
  await ops.getByRole('button', { name: 'Re-send email' }).click();
  await ops.getByTestId('invoice-notice').getByText(/email is queued again/).waitFor();
  step(`re-send confirmed: "${await text(ops.getByTestId('invoice-notice'))}"`);
  check(await ops.getByRole('button', { name: 'Void' }).count() === 0, 'Void is offered on a credited invoice (the API refuses it)');

  // Void another invoice: the reason the API asks for, then VOIDED.
  const eur = byCurrency.EUR;
  await ops.goto(runUrl.replace(/#.*$/, `#/invoices/${encodeURIComponent(eur.id)}`));
  await ops.getByRole('heading', { name: `Invoice ${eur.number}` }).waitFor();
  await ops.getByRole('button', { name: 'Void' }).click();
  const dialog = ops.getByRole('dialog', { name: `Void invoice ${eur.number}` });
  await dialog.getByRole('button', { name: 'Void invoice' }).click();
  await dialog.locator('#void-reason-error').waitFor();
  step(`voiding without a reason: "${await dialog.locator('#void-reason-error').innerText()}" next to the reason`);
  await dialog.getByLabel('Reason').fill('Billed to the wrong customer');
  await dialog.getByRole('button', { name: 'Void invoice' }).click();
  await ops.getByTestId('invoice-status').getByText('VOIDED').waitFor();
  const voided = (await apiCall(ops, 'GET', `/invoices/${encodeURIComponent(eur.id)}`)).body;
  check(voided.status === 'VOIDED' && Number(voided.balance) === 0, `the API has ${voided.status} balance ${voided.balance}`);
  await ops.getByTestId('invoice-voided').waitFor();
  check(await ops.getByRole('button', { name: 'Credit note' }).count() === 0, 'a VOIDED invoice still offers a credit note');
  step(`${eur.number} voided: VOIDED shown, balance ${shown(voided.balance, 'EUR')}`);
});
