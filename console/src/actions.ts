// Which actions a run or an invoice offers, for which status and scopes: the same rules infra/openapi.yaml states
// for each route, so that the console hides what the API would refuse. The API still decides (a 409 or 403 it
// answers anyway is shown as it came); these only mirror it. Tested in actions.test.ts.
import { hasScope, type Session } from './session';
import type { BillRun, Invoice } from './types';

// ---------------------------------------------------------------- a bill run

/** Nothing of the run has reached a customer's balance: its invoices can still be canceled. */
function nothingPosted(run: BillRun): boolean {
  return run.invoicesPosted === 0;
}

/** POST /bill-runs/{id}/cancel: PENDING, PROCESSING, COMPLETED or ERROR with no posted invoice; billing/write. */
export function canCancel(run: BillRun, session: Session | null): boolean {
  return ['PENDING', 'PROCESSING', 'COMPLETED', 'ERROR'].includes(run.status) && nothingPosted(run)
    && hasScope(session, 'billing/write');
}

/** How long a PROCESSING or POST_IN_PROGRESS run may show no progress before Resume is offered. */
export const STALLED_AFTER_MS = 60_000;

/**
 * POST /bill-runs/{id}/resume: an ERROR run; a PROCESSING or POST_IN_PROGRESS one only when no execution drives it,
 * which the console cannot see: it offers Resume once the page has seen no progress for STALLED_AFTER_MS (the API
 * answers 409 if an execution is in fact running). billing/write, and billing/post to resume posting.
 */
export function canResume(run: BillRun, session: Session | null, unchangedForMs = 0): boolean {
  if (!hasScope(session, 'billing/write')) return false;
  if (run.status === 'ERROR') return true;
  if (run.status === 'PROCESSING') return unchangedForMs >= STALLED_AFTER_MS;
  if (run.status === 'POST_IN_PROGRESS') return unchangedForMs >= STALLED_AFTER_MS && hasScope(session, 'billing/post');
  return false;
}

/** What the page compares to tell progress: the counts that move while a run is driven. */
export function progressMark(run: BillRun): string {
  return [run.status, run.batchesDone, run.counts.accountsProcessed, run.counts.invoicesGenerated,
    run.counts.failedAccounts, run.invoicesPosted].join('/');
}

/** POST /bill-runs/{id}/email: a POSTED run; billing/post (it puts invoices in front of customers). */
export function canEmail(run: BillRun, session: Session | null): boolean {
  return run.status === 'POSTED' && hasScope(session, 'billing/post');
}

/** DELETE /bill-runs/{id}: a CANCELED or ERROR run with no posted invoice; billing/write. */
export function canDelete(run: BillRun, session: Session | null): boolean {
  return (run.status === 'CANCELED' || run.status === 'ERROR') && nothingPosted(run) && hasScope(session, 'billing/write');
}

export function cancelConfirmation(run: BillRun): string {
  const drafts = run.counts.invoicesGenerated;
  return `Cancel bill run ${run.number}? ${run.status === 'PROCESSING' ? 'Its execution is stopped; its' : 'Its'}`
    + ` draft invoices${drafts ? ` (${drafts})` : ''} are canceled and the charged-through dates it moved go back, `
    + 'so a later run bills those periods again.';
}

export function deleteConfirmation(run: BillRun): string {
  return `Delete bill run ${run.number}? `
    + (run.status === 'ERROR' ? 'It is canceled first (drafts canceled, charged-through dates rolled back), then it' : 'It')
    + ' leaves the list of bill runs; its page and audit trail stay.';
}

export function emailConfirmation(run: BillRun): string {
  return `Email the posted invoices of bill run ${run.number} to their customers? `
    + 'Each invoice is emailed once: those already emailed are left out'
    + (run.options.noEmailForZeroAmountInvoice ? ', and so are zero-amount invoices.' : '.');
}

// ---------------------------------------------------------------- an invoice

/** Numerically equal decimal strings ("10.5" and "10.50"): amounts stay strings, never floating point. */
export function sameAmount(a: string | undefined, b: string | undefined): boolean {
  const norm = (value: string | undefined) => {
    const match = /^(-?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec((value ?? '0').trim());
    if (!match) return value;
    const whole = match[2] || '0';
    const fraction = match[3] ?? '';
    const zero = whole === '0' && !fraction;
    return `${zero ? '' : match[1]}${whole}.${fraction}`;
  };
  return norm(a) === norm(b);
}

/** A posted invoice: what the corrections act on. */
function posted(invoice: Invoice): boolean {
  return invoice.status === 'POSTED';
}

/**
 * POST /invoices/{id}/void: a POSTED invoice no payment, credit note or account credit has lowered (its balance is
 * still its total); billing/post.
 */
export function canVoid(invoice: Invoice, session: Session | null): boolean {
  return posted(invoice) && hasScope(session, 'billing/post') && sameAmount(invoice.balance, invoice.total)
    && sameAmount(invoice.creditedTotal ?? '0', '0') && !(invoice.creditApplications?.length);
}

/** POST /invoices/{id}/credit-notes: a POSTED invoice; billing/post. */
export function canCredit(invoice: Invoice, session: Session | null): boolean {
  return posted(invoice) && hasScope(session, 'billing/post');
}

/** POST /invoices/{id}/email: a POSTED invoice; billing/post. */
export function canResend(invoice: Invoice, session: Session | null): boolean {
  return posted(invoice) && hasScope(session, 'billing/post');
}
