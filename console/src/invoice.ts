// The invoice page's own logic: the credit-note form as the API takes it (POST /invoices/{id}/credit-notes), the
// API's field errors back to the control they belong to, and what is left to credit per line. Tested in
// invoice.test.ts.
import type { CreditNoteRequest, InvoiceLine } from './types';

export interface CreditForm {
  reason: string;
  /** lineId → amount typed (blank: the line is not credited). */
  amounts: Record<string, string>;
}

export function emptyCreditForm(): CreditForm {
  return { reason: '', amounts: {} };
}

/**
 * The request body and, for each `lines[i]` it sends, the line it names (to put the API's `lines[2].amount` next
 * to that line's box). No amount typed on any line: no `lines`, which credits everything left on the invoice.
 * Amounts go as typed (trimmed): the API judges them (not positive, above what is left, finer than the currency).
 */
export function creditRequest(form: CreditForm, lines: InvoiceLine[]): { body: CreditNoteRequest; lineOrder: string[] } {
  const chosen = lines.filter((line) => (form.amounts[line.lineId] ?? '').trim() !== '');
  const body: CreditNoteRequest = { reason: form.reason.trim() };
  if (chosen.length) body.lines = chosen.map((line) => ({ lineId: line.lineId, amount: form.amounts[line.lineId].trim() }));
  return { body, lineOrder: chosen.map((line) => line.lineId) };
}

/** Where a problem's `field` goes on the form: 'reason', 'line:{lineId}', or null (shown above the form). */
export function creditControlOf(field: string | undefined, lineOrder: string[]): string | null {
  if (!field) return null;
  if (field === 'reason') return 'reason';
  const line = /^lines\[(\d+)\](?:\.(amount|lineId))?$/.exec(field);
  if (line) {
    const lineId = lineOrder[Number(line[1])];
    return lineId ? `line:${lineId}` : null;
  }
  return null;
}

/** What a line still has to credit (its amount less what credit notes took), as a decimal string at its scale. */
export function leftToCredit(line: InvoiceLine): string {
  return subtract(line.amount, line.credited ?? '0');
}

/** a - b for decimal strings, exactly (no floating point), at the larger of their scales. */
export function subtract(a: string, b: string): string {
  const scale = Math.max(decimals(a), decimals(b));
  const diff = units(a, scale) - units(b, scale);
  const negative = diff < 0n;
  const digits = (negative ? -diff : diff).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return (negative ? '-' : '') + whole + (scale ? '.' + fraction : '');
}

function decimals(value: string): number {
  const dot = value.indexOf('.');
  return dot < 0 ? 0 : value.length - dot - 1;
}

function units(value: string, scale: number): bigint {
  const negative = value.trim().startsWith('-');
  const [whole, fraction = ''] = value.trim().replace(/^[-+]/, '').split('.');
  const n = BigInt((whole || '0') + fraction.padEnd(scale, '0'));
  return negative ? -n : n;
}

/** "Service period" as shown: 2026-12-01 – 2026-12-31 (inclusive, as the API says). */
export function servicePeriod(line: Pick<InvoiceLine, 'servicePeriodStart' | 'servicePeriodEnd'>): string {
  return line.servicePeriodStart === line.servicePeriodEnd ? line.servicePeriodStart
    : `${line.servicePeriodStart} – ${line.servicePeriodEnd}`;
}

/** The account's page (the Accounts screens' route, #/accounts/{id}). */
export function accountHref(accountId: string): string {
  return `#/accounts/${encodeURIComponent(accountId)}`;
}
