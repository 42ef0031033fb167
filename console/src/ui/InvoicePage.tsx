import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiClient } from '../api';
import { canCredit, canResend, canVoid } from '../actions';
import { saveFile } from '../csv';
import { formatDate, formatTimestamp } from '../format';
import {
  accountHref, creditControlOf, creditRequest, emptyCreditForm, leftToCredit, servicePeriod, type CreditForm,
} from '../invoice';
import type { Session } from '../session';
import { hrefOf } from '../state';
import type { CreditNote, Invoice } from '../types';
import { Amount, Empty, ErrorMessage, Loading, errorText } from './common';

/** An invoice: its lines and amounts, its PDF, and the corrections the API offers on it (void, credit note, re-send). */
export function InvoicePage({ api, session, id }: { api: ApiClient; session: Session; id: string }) {
  const [invoice, setInvoice] = useState<Invoice | null>(null);
  const [notes, setNotes] = useState<CreditNote[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [voiding, setVoiding] = useState(false);
  const [crediting, setCrediting] = useState(false);

  const load = useCallback(async () => {
    try {
      const [fresh, page] = await Promise.all([api.getInvoice(id), api.listInvoiceCreditNotes(id, { limit: 100 })]);
      setInvoice(fresh);
      setNotes(page.items);
      setError(null);
    } catch (cause) {
      setError(errorText(cause));
    }
  }, [api, id]);
  useEffect(() => { setInvoice(null); load(); }, [load]);

  if (!invoice) return <main>{error ? <ErrorMessage error={error} retry={load} /> : <Loading what="the invoice" />}</main>;

  async function act<A>(action: () => Promise<A>, then: (answer: A) => void) {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      then(await action());
    } catch (cause) {
      setActionError(errorText(cause));
    } finally {
      setBusy(false);
    }
  }

  const pdf = () => act(() => api.invoicePdf(invoice.id), (file) => saveFile(file.filename, file.blob));
  const resend = () => act(() => api.resendInvoice(invoice.id), (queued) =>
    setNotice(`The invoice's email is queued again (asked by ${queued.requestedBy} at ${formatTimestamp(queued.requestedAt)}).`));
  const title = invoice.number ? `Invoice ${invoice.number}` : `Draft invoice of ${invoice.accountId}`;
  const lines = invoice.items ?? [];

  return (
    <main>
      <p>{invoice.billRunId ? <a href={hrefOf({ name: 'run', id: invoice.billRunId })}>← Its bill run</a>
        : <a href={hrefOf({ name: 'runs' })}>← Bill runs</a>}</p>
      <div class="heading">
        <h1>{title}</h1>
        <div class="actions">
          <button type="button" onClick={pdf} disabled={busy}>Download PDF</button>
          {canResend(invoice, session) && <button type="button" onClick={resend} disabled={busy}>Re-send email</button>}
          {canCredit(invoice, session) && !crediting && (
            <button type="button" onClick={() => { setCrediting(true); setNotice(null); }} disabled={busy}>Credit note</button>
          )}
          {canVoid(invoice, session) && <button type="button" class="danger" onClick={() => setVoiding(true)} disabled={busy}>Void</button>}
        </div>
      </div>
      {error && <ErrorMessage error={`Could not refresh: ${error}`} retry={load} />}
      {actionError && <ErrorMessage error={actionError} />}
      {notice && <p class="state notice" role="status" data-testid="invoice-notice">{notice}</p>}
      {voiding && (
        <VoidDialog api={api} invoice={invoice} onCancel={() => setVoiding(false)}
          onVoided={(voided) => { setVoiding(false); setInvoice(voided); setNotice(`${title} is void.`); load(); }} />
      )}
      <section class="summary" aria-label="Summary">
        <dl>
          <div><dt>Status</dt><dd data-testid="invoice-status"><span class={`status status-${invoice.status.toLowerCase()}`}>{invoice.status}</span></dd></div>
          <div><dt>Number</dt><dd>{invoice.number ?? <span class="muted">none yet (draft)</span>}</dd></div>
          <div><dt>Account</dt><dd><a href={accountHref(invoice.accountId)}>{invoice.accountId}</a></dd></div>
          <div><dt>Invoice date</dt><dd>{formatDate(invoice.invoiceDate)}</dd></div>
          <div><dt>Due date</dt><dd>{formatDate(invoice.dueDate)}</dd></div>
          <div><dt>Currency</dt><dd>{invoice.currency}</dd></div>
          <div><dt>Subtotal</dt><dd class="num" data-testid="invoice-subtotal"><Amount amount={invoice.subtotal} currency={invoice.currency} /></dd></div>
          <div><dt>Tax</dt><dd class="num" data-testid="invoice-tax"><Amount amount={invoice.taxTotal} currency={invoice.currency} /></dd></div>
          <div><dt>Total</dt><dd class="num" data-testid="invoice-total"><Amount amount={invoice.total} currency={invoice.currency} /></dd></div>
          <div><dt>Balance</dt><dd class="num" data-testid="invoice-balance"><Amount amount={invoice.balance} currency={invoice.currency} /></dd></div>
          {invoice.creditedTotal !== undefined && (
            <div><dt>Credited (before tax)</dt><dd class="num"><Amount amount={invoice.creditedTotal} currency={invoice.currency} /></dd></div>
          )}
        </dl>
        {invoice.voided && (
          <p data-testid="invoice-voided">Voided {formatTimestamp(invoice.voided.at)}{invoice.voided.by ? ` by ${invoice.voided.by}` : ''}:
            {' '}{invoice.voided.reason}{invoice.voided.rebilled ? ' (its periods go back to be billed again)' : ''}</p>
        )}
      </section>
      {crediting && (
        <CreditNoteForm api={api} invoice={invoice} onCancel={() => setCrediting(false)}
          onIssued={(note) => {
            setCrediting(false);
            setNotice(`Credit note ${note.number} issued: ${note.total} ${note.currency}.`);
            load();
          }} />
      )}
      <section aria-labelledby="lines-heading">
        <h2 id="lines-heading">Lines</h2>
        {lines.length ? (
          <table class="lines">
            <thead>
              <tr>
                <th scope="col" class="num">#</th><th scope="col">Charge</th><th scope="col">Kind</th>
                <th scope="col">Service period</th><th scope="col" class="num">Quantity</th>
                <th scope="col" class="num">Unit price</th><th scope="col" class="num">Amount</th>
                <th scope="col" class="num">Credited</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.lineId} data-line={line.lineId}>
                  <td class="num">{line.lineId}</td><td>{line.chargeName}</td><td>{line.kind}</td>
                  <td>{servicePeriod(line)}</td><td class="num">{line.quantity ?? ''}</td>
                  <td class="num">{line.unitPrice ?? ''}</td>
                  <td class="num"><Amount amount={line.amount} currency={invoice.currency} /></td>
                  <td class="num"><Amount amount={line.credited ?? '0'} currency={invoice.currency} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : <Empty>No lines.</Empty>}
      </section>
      <section aria-labelledby="notes-heading">
        <h2 id="notes-heading">Credit notes</h2>
        {notes === null ? <Loading what="credit notes" />
          : notes.length ? (
            <table class="credit-notes">
              <thead>
                <tr>
                  <th scope="col">Number</th><th scope="col">Date</th><th scope="col">Reason</th>
                  <th scope="col" class="num">Total</th><th scope="col" class="num">Off the balance</th>
                  <th scope="col" class="num">To account credit</th><th scope="col">PDF</th>
                </tr>
              </thead>
              <tbody>
                {notes.map((note) => (
                  <tr key={note.id} data-note={note.number}>
                    <td>{note.number}</td><td>{formatDate(note.date)}</td><td>{note.reason}</td>
                    <td class="num"><Amount amount={note.total} currency={note.currency} /></td>
                    <td class="num"><Amount amount={note.appliedToInvoice} currency={note.currency} /></td>
                    <td class="num"><Amount amount={note.toAccountCredit} currency={note.currency} /></td>
                    <td><button type="button" disabled={busy} aria-label={`Download the PDF of credit note ${note.number}`}
                      onClick={() => act(() => api.creditNotePdf(note.id), (file) => saveFile(file.filename, file.blob))}>PDF</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <Empty>No credit note.</Empty>}
      </section>
    </main>
  );
}

function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  return error ? <span id={id} class="field-error" role="alert">{error}</span> : null;
}

function problemText(cause: unknown): string {
  return cause instanceof ApiError ? (cause.problem.detail ?? cause.problem.title) : errorText(cause);
}

/** Void, confirmed with the reason the API asks for, and whether the periods go back to be billed again. */
function VoidDialog({ api, invoice, onCancel, onVoided }: {
  api: ApiClient; invoice: Invoice; onCancel: () => void; onVoided: (voided: Invoice) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [rebill, setRebill] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<{ reason?: string; rebill?: string; other?: string }>({});
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      onVoided(await api.voidInvoice(invoice.id, reason, rebill));
    } catch (cause) {
      const field = cause instanceof ApiError ? cause.field : undefined;
      if (field === 'reason' || field === 'rebill') setErrors({ [field]: problemText(cause) });
      else setErrors({ other: errorText(cause) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <dialog ref={dialog} aria-labelledby="void-title" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <form onSubmit={submit} noValidate>
        <h2 id="void-title">Void {invoice.number ? `invoice ${invoice.number}` : 'the invoice'}</h2>
        <p>Its balance becomes 0 and the account's balance drops by its total; the number is kept. This cannot be undone.</p>
        {errors.other && <ErrorMessage error={errors.other} />}
        <label for="void-reason">Reason</label>
        <textarea id="void-reason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)}
          aria-invalid={errors.reason ? 'true' : undefined} aria-describedby={errors.reason ? 'void-reason-error' : undefined} />
        <FieldError id="void-reason-error" error={errors.reason} />
        <label class="check"><input type="checkbox" checked={rebill} onChange={(e) => setRebill(e.currentTarget.checked)}
          aria-invalid={errors.rebill ? 'true' : undefined} aria-describedby={errors.rebill ? 'void-rebill-error' : undefined} />
          Bill these periods again in the next run</label>
        <FieldError id="void-rebill-error" error={errors.rebill} />
        <div class="actions">
          <button type="button" onClick={onCancel} disabled={busy}>Keep it</button>
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Voiding…' : 'Void invoice'}</button>
        </div>
      </form>
    </dialog>
  );
}

/** A credit note: a reason, and an amount per line to credit (none: everything left on the invoice). */
function CreditNoteForm({ api, invoice, onCancel, onIssued }: {
  api: ApiClient; invoice: Invoice; onCancel: () => void; onIssued: (note: CreditNote) => void;
}) {
  const [form, setForm] = useState<CreditForm>(emptyCreditForm());
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const lines = invoice.items ?? [];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    const { body, lineOrder } = creditRequest(form, lines);
    setBusy(true);
    setErrors({});
    try {
      onIssued(await api.createCreditNote(invoice.id, body));
    } catch (cause) {
      const control = creditControlOf(cause instanceof ApiError ? cause.field : undefined, lineOrder);
      setErrors({ [control ?? 'form']: control ? problemText(cause) : errorText(cause) });
    } finally {
      setBusy(false);
    }
  }
  const described = (key: string, errorId: string, hint?: string): Record<string, string | undefined> => ({
    'aria-invalid': errors[key] ? 'true' : undefined,
    'aria-describedby': [hint, errors[key] ? errorId : undefined].filter(Boolean).join(' ') || undefined,
  });
  return (
    <section aria-labelledby="credit-heading" class="panel">
      <h2 id="credit-heading" ref={heading} tabIndex={-1}>Issue a credit note</h2>
      <form onSubmit={submit} noValidate class="wide">
        <p class="muted" id="credit-hint">Amounts are before tax; taxable lines give back their share of the tax.
          Leave every amount empty to credit everything left on the invoice.</p>
        {errors.form && <ErrorMessage error={errors.form} />}
        <label for="credit-reason">Reason</label>
        <textarea id="credit-reason" rows={2} value={form.reason}
          onInput={(e) => setForm({ ...form, reason: e.currentTarget.value })} {...described('reason', 'credit-reason-error')} />
        <FieldError id="credit-reason-error" error={errors.reason} />
        <table class="credit-lines">
          <thead>
            <tr><th scope="col">Line</th><th scope="col" class="num">Left to credit</th><th scope="col">Amount to credit</th></tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const key = `line:${line.lineId}`;
              const inputId = `credit-line-${line.lineId}`;
              return (
                <tr key={line.lineId}>
                  <td><label for={inputId}>{line.lineId}. {line.chargeName} ({servicePeriod(line)})</label></td>
                  <td class="num" id={`${inputId}-left`}><Amount amount={leftToCredit(line)} currency={invoice.currency} /></td>
                  <td>
                    <input id={inputId} inputMode="decimal" value={form.amounts[line.lineId] ?? ''}
                      onInput={(e) => setForm({ ...form, amounts: { ...form.amounts, [line.lineId]: e.currentTarget.value } })}
                      {...described(key, `${inputId}-error`, `${inputId}-left`)} />
                    <FieldError id={`${inputId}-error`} error={errors[key]} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div class="actions">
          <button type="button" onClick={onCancel} disabled={busy}>Cancel</button>
          <button type="submit" class="primary" disabled={busy}>{busy ? 'Issuing…' : 'Issue credit note'}</button>
        </div>
      </form>
    </section>
  );
}
