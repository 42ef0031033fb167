import { describe, expect, it } from 'vitest';
import {
  STALLED_AFTER_MS, canCancel, canCredit, canDelete, canEmail, canResend, canResume, canVoid, cancelConfirmation,
  deleteConfirmation, emailConfirmation, progressMark, sameAmount,
} from './actions';
import type { Session } from './session';
import type { BillRun, BillRunStatus, Invoice } from './types';

function run(status: BillRunStatus, overrides: Partial<BillRun> = {}): BillRun {
  return {
    id: 'r1', number: 'BR-000001', status, hasErrors: false, options: { targetDate: '2026-12-01' },
    counts: { accountsSelected: 3, accountsProcessed: 3, invoicesGenerated: 2, failedAccounts: 0 },
    totals: { USD: '10.00' }, batchesDone: 1, batchCount: 1, invoicesPosted: 0, retries: [],
    initiatorEmail: 'ana@acme.example', createdAt: '2026-12-01T09:00:00Z', auditTrail: [], ...overrides,
  };
}

const session = (...scopes: string[]): Session => ({ token: 't', tenant: 'acme', email: 'a@acme.example', scopes, expiresAt: 0 });
const all = session('billing/read', 'billing/write', 'billing/post');
const writer = session('billing/read', 'billing/write');
const reader = session('billing/read');
const STATUSES: BillRunStatus[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'ERROR', 'CANCELED', 'POST_IN_PROGRESS', 'POSTED', 'DELETED'];
const offered = (rule: (r: BillRun) => boolean) => STATUSES.filter((s) => rule(run(s)));

describe('a run: what each status and scope offers (infra/openapi.yaml)', () => {
  it('Cancel: PENDING, PROCESSING, COMPLETED, ERROR with nothing posted; billing/write', () => {
    expect(offered((r) => canCancel(r, writer))).toEqual(['PENDING', 'PROCESSING', 'COMPLETED', 'ERROR']);
    expect(canCancel(run('COMPLETED', { invoicesPosted: 1 }), all)).toBe(false);
    expect(offered((r) => canCancel(r, reader))).toEqual([]);
  });

  it('Delete: CANCELED or ERROR with nothing posted; billing/write', () => {
    expect(offered((r) => canDelete(r, writer))).toEqual(['ERROR', 'CANCELED']);
    expect(canDelete(run('ERROR', { invoicesPosted: 3 }), all)).toBe(false);
    expect(offered((r) => canDelete(r, reader))).toEqual([]);
  });

  it('Email invoices: POSTED; billing/post', () => {
    expect(offered((r) => canEmail(r, all))).toEqual(['POSTED']);
    expect(offered((r) => canEmail(r, writer))).toEqual([]);
  });

  it('Resume: ERROR; a driven status only once stalled; posting needs billing/post', () => {
    expect(offered((r) => canResume(r, all))).toEqual(['ERROR']);
    expect(offered((r) => canResume(r, all, STALLED_AFTER_MS))).toEqual(['PROCESSING', 'ERROR', 'POST_IN_PROGRESS']);
    expect(offered((r) => canResume(r, writer, STALLED_AFTER_MS))).toEqual(['PROCESSING', 'ERROR']);
    expect(offered((r) => canResume(r, reader, STALLED_AFTER_MS))).toEqual([]);
  });

  it('progress is what moves', () => {
    expect(progressMark(run('PROCESSING'))).not.toBe(progressMark(run('PROCESSING', { batchesDone: 2 })));
    expect(progressMark(run('PROCESSING'))).toBe(progressMark(run('PROCESSING')));
  });

  it('says what each confirmation does', () => {
    expect(cancelConfirmation(run('COMPLETED'))).toContain('draft invoices (2) are canceled');
    expect(cancelConfirmation(run('PROCESSING'))).toContain('execution is stopped');
    expect(deleteConfirmation(run('ERROR'))).toContain('canceled first');
    expect(emailConfirmation(run('POSTED', { options: { targetDate: '2026-12-01', noEmailForZeroAmountInvoice: true } })))
      .toContain('zero-amount');
  });
});

function invoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'i1', number: 'INV-1', accountId: 'A-0001', status: 'POSTED', currency: 'USD', invoiceDate: '2026-12-01',
    dueDate: '2026-12-31', subtotal: '10.00', taxTotal: '1.00', total: '11.00', balance: '11.00', ...overrides,
  };
}

describe('an invoice: what its status and scopes offer', () => {
  it('void: POSTED, untouched (balance is the total, nothing credited), billing/post', () => {
    expect(canVoid(invoice(), all)).toBe(true);
    expect(canVoid(invoice({ balance: '11' }), all)).toBe(true);
    expect(canVoid(invoice({ balance: '5.00' }), all)).toBe(false);
    expect(canVoid(invoice({ creditedTotal: '1.00' }), all)).toBe(false);
    expect(canVoid(invoice({ creditApplications: [{ amount: '1.00' }] }), all)).toBe(false);
    expect(canVoid(invoice({ status: 'DRAFT' }), all)).toBe(false);
    expect(canVoid(invoice(), writer)).toBe(false);
  });

  it('credit note and re-send: POSTED, billing/post', () => {
    for (const can of [canCredit, canResend]) {
      expect(can(invoice(), all)).toBe(true);
      expect(can(invoice({ status: 'VOIDED' }), all)).toBe(false);
      expect(can(invoice({ status: 'DRAFT' }), all)).toBe(false);
      expect(can(invoice(), writer)).toBe(false);
    }
  });

  it('compares amounts as decimals, not floats', () => {
    expect(sameAmount('10.5', '10.50')).toBe(true);
    expect(sameAmount('0', '0.000')).toBe(true);
    expect(sameAmount('-0', '0')).toBe(true);
    expect(sameAmount('010', '10.0')).toBe(true);
    expect(sameAmount('10.01', '10.1')).toBe(false);
    expect(sameAmount('-1', '1')).toBe(false);
  });
});
