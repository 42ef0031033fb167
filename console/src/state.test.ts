import { describe, expect, it } from 'vitest';
import {
  canPost, canRetryFailures, controlOf, emptyPaged, emptyRunForm, filterByStatus, hasFailures, hrefOf, isLive,
  pagedReducer, parseRoute, percent, postConfirmation, progressOf, runRequest,
} from './state';
import { sessionOf, type Session } from './session';
import type { BillRun } from './types';

function run(overrides: Partial<BillRun> = {}): BillRun {
  return {
    id: 'r1', number: 'BR-000001', status: 'COMPLETED', hasErrors: false, options: { targetDate: '2026-12-01' },
    counts: { accountsSelected: 3, accountsProcessed: 3, invoicesGenerated: 2, failedAccounts: 0 },
    totals: { USD: '10.00' }, batchesDone: 1, batchCount: 1, invoicesPosted: 0, retries: [],
    initiatorEmail: 'ana@acme.example', createdAt: '2026-12-01T09:00:00Z', auditTrail: [], ...overrides,
  };
}

function session(...scopes: string[]): Session {
  return { token: 't', tenant: 'acme', email: 'ana@acme.example', scopes, expiresAt: 0 };
}

describe('routes', () => {
  it('reads and writes the hash', () => {
    expect(parseRoute('')).toEqual({ name: 'runs' });
    expect(parseRoute('#/bill-runs/new')).toEqual({ name: 'new-run' });
    expect(parseRoute('#/bill-runs/a%20b')).toEqual({ name: 'run', id: 'a b' });
    expect(parseRoute('#/sign-in')).toEqual({ name: 'sign-in' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'runs' });
    expect(hrefOf({ name: 'run', id: 'a b' })).toBe('#/bill-runs/a%20b');
    expect(parseRoute('#/invoices/i%2F1')).toEqual({ name: 'invoice', id: 'i/1' });
    expect(hrefOf({ name: 'invoice', id: 'i/1' })).toBe('#/invoices/i%2F1');
  });
});

describe('paged lists', () => {
  it('appends the next page and keeps its cursor', () => {
    let state = pagedReducer(emptyPaged<number>(), { type: 'loading' });
    expect(state.loading).toBe(true);
    state = pagedReducer(state, { type: 'page', page: { items: [1, 2], nextCursor: 'c1' }, append: false });
    state = pagedReducer(state, { type: 'loading' });
    state = pagedReducer(state, { type: 'page', page: { items: [3], nextCursor: null }, append: true });
    expect(state).toEqual({ items: [1, 2, 3], nextCursor: null, loading: false, error: null, loaded: true });
  });

  it('keeps what it had when a page fails, with the error', () => {
    let state = pagedReducer(emptyPaged<number>(), { type: 'page', page: { items: [1], nextCursor: 'c1' }, append: false });
    state = pagedReducer(pagedReducer(state, { type: 'loading' }), { type: 'failed', error: 'Forbidden' });
    expect(state.items).toEqual([1]);
    expect(state.nextCursor).toBe('c1');
    expect(state.error).toBe('Forbidden');
  });

  it('filters by status and keeps the order', () => {
    const runs = [run({ id: 'a', status: 'POSTED' }), run({ id: 'b' }), run({ id: 'c', status: 'POSTED' })];
    expect(filterByStatus(runs, 'POSTED').map((r) => r.id)).toEqual(['a', 'c']);
    expect(filterByStatus(runs, '')).toHaveLength(3);
  });
});

describe('a run', () => {
  it('is polled while it changes by itself', () => {
    expect(['PENDING', 'PROCESSING', 'POST_IN_PROGRESS'].every((s) => isLive(s as BillRun['status']))).toBe(true);
    expect(['COMPLETED', 'ERROR', 'POSTED', 'CANCELED'].some((s) => isLive(s as BillRun['status']))).toBe(false);
  });

  it('shows batches while processing and invoices while posting', () => {
    const processing = progressOf(run({ status: 'PROCESSING', batchCount: 4, batchesDone: 1 }))!;
    expect(processing).toEqual({ label: 'Batches', done: 1, total: 4 });
    expect(percent(processing)).toBe(25);
    expect(progressOf(run({ status: 'PROCESSING', batchCount: undefined }))).toBeNull();
    expect(progressOf(run({ status: 'POST_IN_PROGRESS', invoicesPosted: 1 }))).toEqual({ label: 'Invoices posted', done: 1, total: 2 });
    expect(progressOf(run())).toBeNull();
    expect(percent({ label: '', done: 0, total: 0 })).toBe(0);
  });

  it('offers Post only to billing/post, only when COMPLETED, and counts the drafts', () => {
    expect(canPost(run(), session('billing/read', 'billing/post'))).toBe(true);
    expect(canPost(run(), session('billing/read', 'billing/write'))).toBe(false);
    expect(canPost(run({ status: 'POSTED' }), session('billing/post'))).toBe(false);
    expect(canPost(run(), null)).toBe(false);
    expect(postConfirmation(run())).toMatch(/^Post 2 draft invoices of bill run BR-000001\?/);
    expect(postConfirmation(run({ counts: { ...run().counts, invoicesGenerated: 1 } }))).toMatch(/^Post 1 draft invoice of/);
  });

  it('has a failures tab and Retry failures only when it has failures', () => {
    const failed = run({ hasErrors: true, counts: { ...run().counts, failedAccounts: 1 } });
    expect(hasFailures(run())).toBe(false);
    expect(hasFailures(failed)).toBe(true);
    expect(canRetryFailures(failed, session('billing/write'))).toBe(true);
    expect(canRetryFailures(failed, session('billing/read'))).toBe(false);
    expect(canRetryFailures({ ...failed, options: { targetDate: '2026-12-01', autoPost: true } }, session('billing/write'))).toBe(false);
    expect(canRetryFailures(run(), session('billing/write'))).toBe(false);
  });
});

describe('the new-run form', () => {
  it('sends only what was chosen', () => {
    expect(runRequest({ ...emptyRunForm(), targetDate: '2026-12-01' })).toEqual({ targetDate: '2026-12-01' });
    expect(runRequest({ ...emptyRunForm(), targetDate: '2026-12-01', invoiceDate: '2026-12-02', selection: 'accounts',
      accountIds: 'A-1, A-2\nA-3', chargeTypesToExclude: ['USAGE'], autoEmail: true })).toEqual({
      targetDate: '2026-12-01', invoiceDate: '2026-12-02', accountIds: ['A-1', 'A-2', 'A-3'],
      chargeTypesToExclude: ['USAGE'], autoEmail: true });
    expect(runRequest({ ...emptyRunForm(), targetDate: 'x', selection: 'billCycleDay', billCycleDay: '15' }).billCycleDay).toBe(15);
  });

  it("puts a problem's field next to its control", () => {
    expect(controlOf('accountIds[2]')).toBe('accountIds');
    expect(controlOf('targetDate')).toBe('targetDate');
    expect(controlOf('Idempotency-Key')).toBeNull();
    expect(controlOf(undefined)).toBeNull();
  });
});

describe('session', () => {
  it("reads the token's claims", () => {
    const claims = JSON.stringify({ tenant: 'acme', email: 'zoë@acme.example', scope: 'billing/read billing/post', exp: 99 });
    const utf8 = btoa(String.fromCharCode(...new TextEncoder().encode(claims))).replace(/=+$/, '');
    expect(sessionOf(`h.${utf8}.s`)).toEqual({ token: `h.${utf8}.s`, tenant: 'acme', email: 'zoë@acme.example',
      scopes: ['billing/read', 'billing/post'], expiresAt: 99 });
    expect(sessionOf('not-a-jwt')).toBeNull();
  });
});
