import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { formatCount, formatDate, formatTimestamp } from '../format';
import { hasScope, type Session } from '../session';
import { emptyPaged, filterByStatus, hrefOf, pagedReducer, type PagedAction, type PagedState } from '../state';
import { BILL_RUN_STATUSES, type BillRun, type BillRunStatus } from '../types';
import { Empty, ErrorMessage, Loading, Status, Totals, errorText } from './common';

const PAGE = 25;

export function BillRunList({ api, session }: { api: ApiClient; session: Session }) {
  const [state, dispatch] = useReducer<PagedState<BillRun>, PagedAction<BillRun>>(pagedReducer, emptyPaged<BillRun>());
  const [status, setStatus] = useState<BillRunStatus | ''>('');

  // the status filter is the API's (GET /bill-runs?status=): a new status starts the list again from its first page
  const load = useCallback(async (cursor: string | null) => {
    dispatch({ type: 'loading' });
    try {
      dispatch({ type: 'page', page: await api.listBillRuns({ cursor, limit: PAGE, status }), append: cursor !== null });
    } catch (error) {
      dispatch({ type: 'failed', error: errorText(error) });
    }
  }, [api, status]);

  useEffect(() => { load(null); }, [load]);

  const shown = filterByStatus(state.items, status);
  return (
    <main>
      <div class="heading">
        <h1>Bill runs</h1>
        {hasScope(session, 'billing/write') && <a class="button primary" href={hrefOf({ name: 'new-run' })}>New bill run</a>}
      </div>
      <div class="toolbar">
        <label for="status-filter">Status</label>
        <select id="status-filter" value={status} onChange={(e) => setStatus(e.currentTarget.value as BillRunStatus | '')}>
          <option value="">All statuses</option>
          {BILL_RUN_STATUSES.map((s) => <option key={s} value={s}>{s.replace(/_/g, ' ')}</option>)}
        </select>
        <button type="button" onClick={() => load(null)} disabled={state.loading}>Refresh</button>
        {status && state.loaded && !state.loading && (
          <span class="muted" role="status">{shown.length} {status.replace(/_/g, ' ')} run{shown.length === 1 ? '' : 's'} shown</span>
        )}
      </div>
      {state.error && <ErrorMessage error={state.error} retry={() => load(state.loaded ? state.nextCursor : null)} />}
      {!state.loaded && state.loading && <Loading what="bill runs" />}
      {state.loaded && !shown.length && (
        <Empty>{status ? `No ${status.replace(/_/g, ' ')} run${state.nextCursor ? ' among the runs read so far' : ''}.` : 'No bill run yet.'}</Empty>
      )}
      {shown.length > 0 && (
        <table class="runs">
          <caption class="visually-hidden">Bill runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Number</th>
              <th scope="col">Target date</th>
              <th scope="col">Invoice date</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">Accounts</th>
              <th scope="col" class="num">Invoices</th>
              <th scope="col" class="num">Failed</th>
              <th scope="col" class="num">Totals</th>
              <th scope="col">Started by</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((run) => (
              <tr key={run.id} data-run={run.number}>
                <th scope="row"><a href={hrefOf({ name: 'run', id: run.id })}>{run.number}</a></th>
                <td>{formatDate(run.options.targetDate)}</td>
                <td>{formatDate(run.options.invoiceDate ?? run.options.targetDate)}</td>
                <td><Status status={run.status} hasErrors={run.hasErrors} /></td>
                <td class="num">{formatCount(run.counts.accountsSelected)}</td>
                <td class="num">{formatCount(run.counts.invoicesGenerated)}</td>
                <td class="num">{formatCount(run.counts.failedAccounts)}</td>
                <td class="num"><Totals totals={run.totals} /></td>
                <td>{run.initiatorEmail}</td>
                <td>{formatTimestamp(run.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.nextCursor && (
        <button type="button" class="more" onClick={() => load(state.nextCursor)} disabled={state.loading}>
          {state.loading ? 'Loading…' : 'Load more runs'}
        </button>
      )}
    </main>
  );
}
