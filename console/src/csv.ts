// CSV files of a run's tabs, built from the API's JSON pages (every page, through the cursor): RFC 4180 (CRLF,
// a header row, a cell quoted when it holds a comma, a quote, CR or LF, quotes doubled), amounts as plain decimals
// at their currency's scale, dates as the API writes them (yyyy-MM-dd). The same columns as the API's own CSV
// answers (infra/openapi.yaml, CsvInvoices / CsvAccounts / CsvFailures) except accountName, which the JSON pages
// do not carry; the same guard too: a text cell beginning with =, +, -, @, tab or CR gets a leading ' so that a
// spreadsheet does not run it as a formula. Tested in csv.test.ts.
import { currencyScale } from './format';
import type { Failure, Invoice, RunAccount } from './types';

/** A cell: text (guarded), or a value that is never a formula (an amount, a date, a count). */
export type Cell = string | number | null | undefined | { plain: string };

const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'object') text = value.plain;
  else if (typeof value === 'number') text = String(value);
  else text = FORMULA.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(header: string[], rows: Cell[][]): string {
  return [header.map(cell), ...rows.map((row) => row.map(cell))].map((line) => line.join(',') + '\r\n').join('');
}

/** "1453.7" USD is 1453.70, "150000" JPY 150000, "4.5" KWD 4.500: no grouping, the minus kept, never rounded. */
export function plainAmount(amount: string | undefined, currency: string | undefined): Cell {
  if (amount === undefined || amount === null) return null;
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match || !currency) return { plain: amount };
  const [, sign, whole, fraction = ''] = match;
  const scale = currencyScale(currency);
  const digits = fraction.length > scale ? fraction : fraction.padEnd(scale, '0');
  return { plain: `${sign}${whole}${digits ? '.' + digits : ''}` };
}

const date = (value: string | undefined): Cell => (value ? { plain: value } : null);

export const INVOICE_COLUMNS = ['invoiceId', 'number', 'accountId', 'status', 'currency', 'invoiceDate', 'dueDate',
  'subtotal', 'taxTotal', 'total', 'balance'];

export function invoicesCsv(invoices: Invoice[]): string {
  return csv(INVOICE_COLUMNS, invoices.map((i) => [i.id, i.number, i.accountId, i.status, i.currency,
    date(i.invoiceDate), date(i.dueDate), plainAmount(i.subtotal, i.currency), plainAmount(i.taxTotal, i.currency),
    plainAmount(i.total, i.currency), plainAmount(i.balance, i.currency)]));
}

export const ACCOUNT_COLUMNS = ['accountId', 'outcome', 'invoiceId', 'currency', 'total', 'failedSubscriptions'];

export function accountsCsv(accounts: RunAccount[]): string {
  return csv(ACCOUNT_COLUMNS, accounts.map((a) => [a.accountId, a.outcome, a.invoiceId, a.currency,
    plainAmount(a.total, a.currency), a.failedSubscriptions ?? 0]));
}

export const FAILURE_COLUMNS = ['accountId', 'subscriptionId', 'field', 'reason'];

export function failuresCsv(failures: Failure[]): string {
  return csv(FAILURE_COLUMNS, failures.map((f) => [f.accountId, f.subscriptionId, f.field, f.reason]));
}

/** Every page of a list, following nextCursor until it is null (100 a page, the API's largest). */
export async function allPages<T>(fetchPage: (query: { cursor: string | null; limit: number }) => Promise<{ items: T[]; nextCursor: string | null }>,
  onProgress?: (loaded: number) => void): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage({ cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor;
    onProgress?.(all.length);
  } while (cursor);
  return all;
}

/** Offers TEXT as a file download named NAME (a Blob URL on a temporary link, revoked afterwards). */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function csvBlob(text: string): Blob {
  return new Blob([text], { type: 'text/csv;charset=utf-8' });
}
