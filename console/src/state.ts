// The console's own logic, kept out of the components so that it is tested on its own (state.test.ts).
import type { BillRun, BillRunOptions, BillRunStatus, ChargeType, Page } from './types';
import { hasScope, type Session } from './session';

// ---------------------------------------------------------------- routes (the hash: #/bill-runs/ID)

export type Route =
  | { name: 'sign-in' }
  | { name: 'runs' }
  | { name: 'new-run' }
  | { name: 'run'; id: string }
  | { name: 'accounts' }
  | { name: 'account'; id: string }
  | { name: 'schedules' }
  | { name: 'settings' }
  | { name: 'invoice'; id: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/bill-runs';
  if (path === '/sign-in') return { name: 'sign-in' };
  if (path === '/bill-runs/new') return { name: 'new-run' };
  const run = /^\/bill-runs\/([^/]+)$/.exec(path);
  if (run) return { name: 'run', id: decodeURIComponent(run[1]) };
  if (path === '/accounts') return { name: 'accounts' };
  const account = /^\/accounts\/([^/]+)$/.exec(path);
  if (account) return { name: 'account', id: decodeURIComponent(account[1]) };
  if (path === '/schedules') return { name: 'schedules' };
  if (path === '/settings') return { name: 'settings' }
  const invoice = /^\/invoices\/([^/]+)$/.exec(path);
  if (invoice) return { name: 'invoice', id: decodeURIComponent(invoice[1]) };
  return { name: 'runs' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'sign-in': return '#/sign-in';
    case 'runs': return '#/bill-runs';
    case 'new-run': return '#/bill-runs/new';
    case 'run': return `#/bill-runs/${encodeURIComponent(route.id)}`;
    case 'accounts': return '#/accounts';
    case 'account': return `#/accounts/${encodeURIComponent(route.id)}`;
    case 'schedules': return '#/schedules';
    case 'settings': return '#/settings';
    case 'invoice': return `#/invoices/${encodeURIComponent(route.id)}`;
  }
}

// ---------------------------------------------------------------- a paged list (the API's cursor)

export interface PagedState<T> {
  items: T[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  loaded: boolean; // the first page has come
}

export type PagedAction<T> =
  | { type: 'loading' }
  | { type: 'page'; page: Page<T>; append: boolean }
  | { type: 'failed'; error: string };

export function emptyPaged<T>(): PagedState<T> {
  return { items: [], nextCursor: null, loading: false, error: null, loaded: false };
}

export function pagedReducer<T>(state: PagedState<T>, action: PagedAction<T>): PagedState<T> {
  switch (action.type) {
    case 'loading':
      return { ...state, loading: true, error: null };
    case 'page':
      return {
        items: action.append ? [...state.items, ...action.page.items] : action.page.items,
        nextCursor: action.page.nextCursor,
        loading: false,
        error: null,
        loaded: true,
      };
    case 'failed':
      return { ...state, loading: false, error: action.error };
  }
}

/**
 * The list filtered by status, over runs loaded (the API filters with GET /bill-runs?status=; this keeps a page
 * loaded before the filter changed honest), newest first kept.
 */
export function filterByStatus(runs: BillRun[], status: BillRunStatus | ''): BillRun[] {
  return status ? runs.filter((run) => run.status === status) : runs;
}

// ---------------------------------------------------------------- one run

/** The statuses a run leaves by itself: the detail page polls while the run is in one. */
export function isLive(status: BillRunStatus): boolean {
  return status === 'PENDING' || status === 'PROCESSING' || status === 'POST_IN_PROGRESS';
}

export interface Progress {
  label: string;
  done: number;
  total: number;
}

/** Batches done of the batch count while generating; invoices posted of those generated while posting. */
export function progressOf(run: BillRun): Progress | null {
  if (run.status === 'PROCESSING' && run.batchCount !== undefined) {
    return { label: 'Batches', done: run.batchesDone, total: run.batchCount };
  }
  if (run.status === 'POST_IN_PROGRESS') {
    return { label: 'Invoices posted', done: run.invoicesPosted, total: run.counts.invoicesGenerated };
  }
  return null;
}

export function percent(progress: Progress): number {
  return progress.total === 0 ? 0 : Math.min(100, Math.round((progress.done * 100) / progress.total));
}

/** Post: a COMPLETED run, for a caller with billing/post (the API refuses everything else anyway). */
export function canPost(run: BillRun, session: Session | null): boolean {
  return run.status === 'COMPLETED' && hasScope(session, 'billing/post');
}

/** The drafts a post would number: those generated and not posted yet. */
export function draftsToPost(run: BillRun): number {
  return Math.max(0, run.counts.invoicesGenerated - run.invoicesPosted);
}

export function postConfirmation(run: BillRun): string {
  const drafts = draftsToPost(run);
  return `Post ${drafts} draft invoice${drafts === 1 ? '' : 's'} of bill run ${run.number}? `
    + 'Each gets its invoice number and updates its account\'s balance; posted invoices cannot be taken back '
    + '(void or credit them instead).';
}

/** The failures tab exists only for a run that has failures. */
export function hasFailures(run: BillRun): boolean {
  return run.hasErrors || run.counts.failedAccounts > 0;
}

export function canRetryFailures(run: BillRun, session: Session | null): boolean {
  return (run.status === 'COMPLETED' || run.status === 'POSTED') && hasFailures(run)
    && hasScope(session, 'billing/write') && (!run.options.autoPost || hasScope(session, 'billing/post'));
}

// ---------------------------------------------------------------- the new-run form

export type Selection = 'all' | 'accounts' | 'batches' | 'billCycleDay';

export interface RunForm {
  targetDate: string;
  invoiceDate: string;
  selection: Selection;
  accountIds: string;
  batches: string;
  billCycleDay: string;
  chargeTypesToExclude: ChargeType[];
  autoPost: boolean;
  autoEmail: boolean;
  noEmailForZeroAmountInvoice: boolean;
}

export function emptyRunForm(): RunForm {
  return {
    targetDate: '', invoiceDate: '', selection: 'all', accountIds: '', batches: '', billCycleDay: '',
    chargeTypesToExclude: [], autoPost: false, autoEmail: false, noEmailForZeroAmountInvoice: false,
  };
}

/** Ids typed one per line or separated by commas or spaces, as typed otherwise: the API judges them. */
function list(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The request body, as the API takes it; absent options are left out (their defaults are the API's). */
export function runRequest(form: RunForm): BillRunOptions {
  const body: BillRunOptions = { targetDate: form.targetDate };
  if (form.invoiceDate) body.invoiceDate = form.invoiceDate;
  if (form.selection === 'accounts') body.accountIds = list(form.accountIds);
  if (form.selection === 'batches') body.batches = list(form.batches);
  if (form.selection === 'billCycleDay') body.billCycleDay = Number(form.billCycleDay);
  if (form.chargeTypesToExclude.length) body.chargeTypesToExclude = form.chargeTypesToExclude;
  if (form.autoPost) body.autoPost = true;
  if (form.autoEmail) body.autoEmail = true;
  if (form.noEmailForZeroAmountInvoice) body.noEmailForZeroAmountInvoice = true;
  return body;
}

/** The form control a problem's `field` belongs to: `accountIds[2]` is the accountIds box. */
export function controlOf(field: string | undefined): keyof RunForm | null {
  if (!field) return null;
  const name = field.replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
  const known: (keyof RunForm)[] = ['targetDate', 'invoiceDate', 'accountIds', 'batches', 'billCycleDay',
    'chargeTypesToExclude', 'autoPost', 'autoEmail', 'noEmailForZeroAmountInvoice'];
  return known.includes(name as keyof RunForm) ? (name as keyof RunForm) : null;
}
