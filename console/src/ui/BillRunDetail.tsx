import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { ApiClient, PageQuery } from '../api';
import { formatCount, formatDate, formatTimestamp } from '../format';
import type { Session } from '../session';
import {
  canPost, canRetryFailures, draftsToPost, emptyPaged, hasFailures, hrefOf, isLive, pagedReducer, percent,
  postConfirmation, progressOf, type PagedAction, type PagedState,
} from '../state';
import type { BillRun, Failure, Invoice, Page, RunAccount } from '../types';
import { Amount, Empty, ErrorMessage, Loading, Status, Totals, errorText } from './common';
import { Tabs } from './Tabs';
import {
  canCancel, canDelete, canEmail, canResume, cancelConfirmation, deleteConfirmation, emailConfirmation, progressMark,
} from '../actions';
import { accountsCsv, allPages, csvBlob, failuresCsv, invoicesCsv, saveFile } from '../csv';

const POLL_MS = 1000;

export function BillRunDetail({ api, session, id, navigate }: {
  api: ApiClient; session: Session; id: string; navigate: (href: string) => void;
}) {
  const [run, setRun] = useState<BillRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [tab, setTab] = useState('invoices');
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0); // bumped when the run settles: the tabs reload
  const lastChange = useRef({ mark: '', at: Date.now() }); // when the run last moved (Resume of a stalled run)

  const load = useCallback(async () => {
    try {
      const fresh = await api.getBillRun(id);
      const mark = progressMark(fresh);
      if (mark !== lastChange.current.mark) lastChange.current = { mark, at: Date.now() };
      setRun((before) => {
        if (before && isLive(before.status) && !isLive(fresh.status)) setVersion((v) => v + 1);
        return fresh;
      });
      setError(null);
    } catch (cause) {
      setError(errorText(cause));
    }
  }, [api, id]);

  useEffect(() => { setRun(null); load(); }, [load]);
  useEffect(() => { // live progress: GET /bill-runs/{id} again while the run moves by itself
    if (!run || !isLive(run.status)) return;
    const timer = setTimeout(load, POLL_MS);
    return () => clearTimeout(timer);
  }, [run, load]);

  if (!run) return <main>{error ? <ErrorMessage error={error} retry={load} /> : <Loading what="the bill run" />}</main>;

  async function act<A>(action: () => Promise<A>, then: (accepted: A) => void) {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      then(await action());
    } catch (cause) {
      setConfirming(null); // the API's refusal is shown on the page, as it came
      setActionError(errorText(cause));
    } finally {
      setBusy(false);
    }
  }

  const post = () => act(() => api.postBillRun(run.id), () => { setConfirming(null); load(); });
  const retry = () => act(() => api.retryFailures(run.id), (accepted) => navigate(hrefOf({ name: 'run', id: accepted.id })));
  const resume = () => act(() => api.resumeBillRun(run.id), () => { setNotice('Resumed: a new execution drives the run.'); load(); });
  const settled = (message: string) => { setConfirming(null); setNotice(message); setVersion((v) => v + 1); load(); }; // the tabs reload
  const cancel = () => act(() => api.cancelBillRun(run.id), () => settled('The bill run is canceled.'));
  const remove = () => act(() => api.deleteBillRun(run.id), () => settled('The bill run is deleted: it left the list of bill runs.'));
  const email = () => act(() => api.emailBillRun(run.id), (queued) => {
    setConfirming(null);
    setNotice(`Emails queued: ${queued.queued} invoice${queued.queued === 1 ? '' : 's'}`
      + ` (${queued.alreadyEmailed} already emailed, ${queued.zeroAmountSkipped} zero-amount left out).`);
  });
  const dialogs: Record<Confirming, { title: string; confirm: string; working: string; text: string; run: () => void; keep: string }> = {
    post: { title: 'Post the bill run', confirm: `Post ${draftsToPost(run)} invoices`, working: 'Posting…', text: postConfirmation(run), run: post, keep: 'Cancel' },
    cancel: { title: 'Cancel the bill run', confirm: 'Cancel bill run', working: 'Canceling…', text: cancelConfirmation(run), run: cancel, keep: 'Keep it' },
    delete: { title: 'Delete the bill run', confirm: 'Delete bill run', working: 'Deleting…', text: deleteConfirmation(run), run: remove, keep: 'Keep it' },
    email: { title: 'Email the invoices', confirm: 'Email invoices', working: 'Queuing…', text: emailConfirmation(run), run: email, keep: 'Cancel' },
  };
  const dialog = confirming ? dialogs[confirming] : null;
  const progress = progressOf(run);
  const failures = hasFailures(run);
  const tabs = [
    { id: 'invoices', label: 'Generated Invoices' },
    { id: 'accounts', label: 'Selected Customer Accounts' },
    ...(failures ? [{ id: 'failures', label: 'Failed Accounts or Subscriptions' }] : []),
  ];
  const shownTab = tabs.some((t) => t.id === tab) ? tab : 'invoices';

  return (
    <main>
      <p><a href={hrefOf({ name: 'runs' })}>← Bill runs</a></p>
      <div class="heading">
        <h1>Bill run {run.number}</h1>
        <div class="actions">
          {canRetryFailures(run, session) && <button type="button" onClick={retry} disabled={busy}>Retry failures</button>}
          {canResume(run, session, Date.now() - lastChange.current.at) && (
            <button type="button" onClick={resume} disabled={busy}>Resume</button>
          )}
          {canEmail(run, session) && <button type="button" onClick={() => setConfirming('email')} disabled={busy}>Email invoices</button>}
          {canCancel(run, session) && <button type="button" onClick={() => setConfirming('cancel')} disabled={busy}>Cancel run</button>}
          {canDelete(run, session) && <button type="button" class="danger" onClick={() => setConfirming('delete')} disabled={busy}>Delete</button>}
          {canPost(run, session) && (
            <button type="button" class="primary" onClick={() => setConfirming('post')} disabled={busy}>Post</button>
          )}
        </div>
      </div>
      {error && <ErrorMessage error={`Could not refresh: ${error}`} retry={load} />}
      {actionError && <ErrorMessage error={actionError} />}
      {notice && <p class="state notice" role="status" data-testid="run-notice">{notice}</p>}
      {dialog && (
        <ConfirmDialog key={confirming} title={dialog.title} confirm={dialog.confirm} working={dialog.working} keep={dialog.keep}
          busy={busy} onConfirm={dialog.run} onCancel={() => setConfirming(null)}>
          {dialog.text}
        </ConfirmDialog>
      )}
      <section class="summary" aria-label="Summary">
        <dl>
          <div><dt>Status</dt><dd data-testid="run-status"><Status status={run.status} hasErrors={run.hasErrors} /></dd></div>
          <div><dt>Target date</dt><dd>{formatDate(run.options.targetDate)}</dd></div>
          <div><dt>Invoice date</dt><dd>{formatDate(run.options.invoiceDate ?? run.options.targetDate)}</dd></div>
          <div><dt>Accounts selected</dt><dd class="num">{formatCount(run.counts.accountsSelected)}</dd></div>
          <div><dt>Accounts processed</dt><dd class="num">{formatCount(run.counts.accountsProcessed)}</dd></div>
          <div><dt>Invoices generated</dt><dd class="num">{formatCount(run.counts.invoicesGenerated)}</dd></div>
          <div><dt>Failed accounts</dt><dd class="num">{formatCount(run.counts.failedAccounts)}</dd></div>
          <div><dt>Invoices posted</dt><dd class="num">{formatCount(run.invoicesPosted)}</dd></div>
          <div><dt>Totals</dt><dd class="num"><Totals totals={run.totals} /></dd></div>
          <div><dt>Started by</dt><dd>{run.initiatorEmail}</dd></div>
          <div><dt>Created</dt><dd>{formatTimestamp(run.createdAt)}</dd></div>
          {run.retryOf && <div><dt>Retries</dt><dd><a href={hrefOf({ name: 'run', id: run.retryOf })}>the failures of an earlier run</a></dd></div>}
        </dl>
        {progress && (
          <div class="progress">
            <label for="run-progress">{progress.label}: {progress.done} of {progress.total}</label>
            <progress id="run-progress" max={progress.total || 1} value={progress.done}
              aria-valuetext={`${percent(progress)}%`} />
          </div>
        )}
        {run.errorCause && <p class="state error" role="alert">Error: {run.errorCause}</p>}
        {run.retries.length > 0 && (
          <p>Retried by: {run.retries.map((retryId, i) => (
            <a key={retryId} href={hrefOf({ name: 'run', id: retryId })}>{i ? ', ' : ''}run {i + 1}</a>))}</p>
        )}
      </section>
      <Tabs tabs={tabs} selected={shownTab} onSelect={setTab}>
        {shownTab === 'invoices' && <InvoicesTab key={version} api={api} runId={run.id} runNumber={run.number} />}
        {shownTab === 'accounts' && <AccountsTab key={version} api={api} runId={run.id} runNumber={run.number} />}
        {shownTab === 'failures' && <FailuresTab key={version} api={api} runId={run.id} runNumber={run.number} />}
      </Tabs>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit trail</h2>
        {run.auditTrail.length ? (
          <table class="audit">
            <thead><tr><th scope="col">Action</th><th scope="col">By</th><th scope="col">At</th></tr></thead>
            <tbody>
              {run.auditTrail.map((entry, i) => (
                <tr key={i}><td>{entry.action}</td><td>{entry.by}</td><td>{formatTimestamp(entry.at)}</td></tr>
              ))}
            </tbody>
          </table>
        ) : <Empty>Nothing recorded yet.</Empty>}
      </section>
    </main>
  );
}

type Confirming = 'post' | 'cancel' | 'delete' | 'email';

function ConfirmDialog({ title, confirm, working, keep, busy, onConfirm, onCancel, children }: {
  title: string; confirm: string; working: string; keep: string; busy: boolean; onConfirm: () => void; onCancel: () => void;
  children: ComponentChildren;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal(); // focus moves in, Escape cancels
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby="confirm-title" aria-describedby="confirm-text"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{children}</p>
      <div class="actions">
        <button type="button" onClick={onCancel} disabled={busy}>{keep}</button>
        <button type="button" class="primary" onClick={onConfirm} disabled={busy}>{busy ? working : confirm}</button>
      </div>
    </dialog>
  );
}

/** One tab's list, a page at a time with the API's cursor. */
function usePaged<T>(fetchPage: (query: PageQuery) => Promise<Page<T>>) {
  const [state, dispatch] = useReducer<PagedState<T>, PagedAction<T>>(pagedReducer, emptyPaged<T>());
  const load = useCallback(async (cursor: string | null) => {
    dispatch({ type: 'loading' });
    try {
      dispatch({ type: 'page', page: await fetchPage({ cursor, limit: 50 }), append: cursor !== null });
    } catch (error) {
      dispatch({ type: 'failed', error: errorText(error) });
    }
  }, [fetchPage]);
  useEffect(() => { load(null); }, [load]);
  return { state, load };
}

/**
 * "Export CSV": every page of the tab through the API's cursor (not only those shown), built into one CSV file
 * (console/src/csv.ts) and offered as a download.
 */
function ExportCsv<T>({ what, fileName, fetchPage, build }: {
  what: string; fileName: string; fetchPage: (query: PageQuery) => Promise<Page<T>>; build: (items: T[]) => string;
}) {
  const [state, setState] = useState<{ busy: boolean; loaded: number; error: string | null }>({ busy: false, loaded: 0, error: null });
  async function run() {
    setState({ busy: true, loaded: 0, error: null });
    try {
      const items = await allPages(fetchPage, (loaded) => setState((s) => ({ ...s, loaded })));
      saveFile(fileName, csvBlob(build(items)));
      setState({ busy: false, loaded: items.length, error: null });
    } catch (error) {
      setState({ busy: false, loaded: 0, error: errorText(error) });
    }
  }
  return (
    <div class="toolbar export">
      <button type="button" onClick={run} disabled={state.busy}>Export CSV</button>
      <span class="muted" role="status">{state.busy ? `Reading ${what}… ${state.loaded}` : ''}</span>
      {state.error && <ErrorMessage error={`The export failed: ${state.error}`} />}
    </div>
  );
}

function PagedTable<T>({ what, state, load, head, row, exportCsv }: {
  what: string; state: PagedState<T>; load: (cursor: string | null) => void;
  head: ComponentChildren; row: (item: T, index: number) => ComponentChildren; exportCsv?: ComponentChildren;
}) {
  return (
    <>
      {state.items.length > 0 && exportCsv}
      {state.error && <ErrorMessage error={state.error} retry={() => load(state.loaded ? state.nextCursor : null)} />}
      {!state.loaded && state.loading && <Loading what={what} />}
      {state.loaded && !state.items.length && <Empty>No {what}.</Empty>}
      {state.items.length > 0 && (
        <table><thead><tr>{head}</tr></thead><tbody>{state.items.map(row)}</tbody></table>
      )}
      {state.nextCursor && (
        <button type="button" class="more" onClick={() => load(state.nextCursor)} disabled={state.loading}>
          {state.loading ? 'Loading…' : `Load more ${what}`}
        </button>
      )}
    </>
  );
}

function InvoicesTab({ api, runId, runNumber }: { api: ApiClient; runId: string; runNumber: string }) {
  const fetchPage = useCallback((query: PageQuery) => api.listRunInvoices(runId, query), [api, runId]);
  const { state, load } = usePaged<Invoice>(fetchPage);
  return (
    <PagedTable what="invoices" state={state} load={load}
      exportCsv={<ExportCsv what="invoices" fileName={`${runNumber}-invoices.csv`} fetchPage={fetchPage} build={invoicesCsv} />}
      head={<>
        <th scope="col">Invoice</th><th scope="col">Account</th><th scope="col">Status</th>
        <th scope="col">Invoice date</th><th scope="col">Due date</th><th scope="col" class="num">Subtotal</th>
        <th scope="col" class="num">Tax</th><th scope="col" class="num">Total</th><th scope="col" class="num">Balance</th>
      </>}
      row={(invoice) => (
        <tr key={invoice.id}>
          <td><a href={hrefOf({ name: 'invoice', id: invoice.id })} aria-label={`Invoice ${invoice.number ?? `draft of ${invoice.accountId}`}`}>
            {invoice.number ?? 'draft'}</a></td>
          <td>{invoice.accountId}</td><td>{invoice.status}</td>
          <td>{formatDate(invoice.invoiceDate)}</td><td>{formatDate(invoice.dueDate)}</td>
          <td class="num"><Amount amount={invoice.subtotal} currency={invoice.currency} /></td>
          <td class="num"><Amount amount={invoice.taxTotal} currency={invoice.currency} /></td>
          <td class="num"><Amount amount={invoice.total} currency={invoice.currency} /></td>
          <td class="num"><Amount amount={invoice.balance} currency={invoice.currency} /></td>
        </tr>
      )} />
  );
}

function AccountsTab({ api, runId, runNumber }: { api: ApiClient; runId: string; runNumber: string }) {
  const fetchPage = useCallback((query: PageQuery) => api.listRunAccounts(runId, query), [api, runId]);
  const { state, load } = usePaged<RunAccount>(fetchPage);
  return (
    <PagedTable what="accounts" state={state} load={load}
      exportCsv={<ExportCsv what="accounts" fileName={`${runNumber}-accounts.csv`} fetchPage={fetchPage} build={accountsCsv} />}
      head={<>
        <th scope="col">Account</th><th scope="col">Outcome</th><th scope="col" class="num">Total</th>
        <th scope="col" class="num">Failed subscriptions</th>
      </>}
      row={(account) => (
        <tr key={account.accountId}>
          <td><a href={hrefOf({ name: 'account', id: account.accountId })}>{account.accountId}</a></td><td>{account.outcome.replace(/_/g, ' ')}</td>
          <td class="num"><Amount amount={account.total} currency={account.currency} /></td>
          <td class="num">{formatCount(account.failedSubscriptions ?? 0)}</td>
        </tr>
      )} />
  );
}

function FailuresTab({ api, runId, runNumber }: { api: ApiClient; runId: string; runNumber: string }) {
  const fetchPage = useCallback((query: PageQuery) => api.listRunFailures(runId, query), [api, runId]);
  const { state, load } = usePaged<Failure>(fetchPage);
  return (
    <PagedTable what="failures" state={state} load={load}
      exportCsv={<ExportCsv what="failures" fileName={`${runNumber}-failures.csv`} fetchPage={fetchPage} build={failuresCsv} />}
      head={<><th scope="col">Account</th><th scope="col">Subscription</th><th scope="col">Field</th><th scope="col">Reason</th></>}
      row={(failure, i) => (
        <tr key={i} class="failure">
          <td><a href={hrefOf({ name: 'account', id: failure.accountId })}>{failure.accountId}</a></td><td>{failure.subscriptionId ?? <span class="muted">whole account</span>}</td>
          <td><code>{failure.field ?? ''}</code></td><td>{failure.reason}</td>
        </tr>
      )} />
  );
}
