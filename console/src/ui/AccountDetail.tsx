import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, type PageQuery } from '../api';
import type { AccountsApi } from '../accountsApi';
import {
  addTier, canBeOpen, canEditCharge, chargeControlOf, chargeForm, describeTiers, emptyPaymentForm, isTiered,
  paymentControlOf, paymentRequest, pricingRequest, removeTier, updateTier, type ChargeForm, type PaymentForm,
} from '../accounts';
import type {
  Account, ActivityEntry, Charge, CreditNote, FullInvoice, InvoicePreview, Payment, Subscription,
} from '../accountTypes';
import { formatDate, formatTimestamp } from '../format';
import { hasScope, type Session } from '../session';
import { Amount, Empty, ErrorMessage, Loading, errorText } from './common';
import { AccountStatusBadge } from './AccountsScreens';
import { PagedTable, usePaged } from './Paged';
import { fieldText, useFieldErrors } from './fieldErrors';

const today = () => new Date().toISOString().slice(0, 10);

export function AccountDetail({ api, session, id }: { api: AccountsApi; session: Session; id: string }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0); // bumped after a payment or an amendment: the lists reload
  const load = useCallback(async () => {
    try {
      setAccount(await api.getAccount(id));
      setError(null);
    } catch (cause) {
      setError(errorText(cause));
    }
  }, [api, id]);
  useEffect(() => { load(); }, [load, version]);
  const changed = () => setVersion((v) => v + 1);
  const [saved, setSaved] = useState<string | null>(null); // kept above the lists that reload
  const canWrite = hasScope(session, 'billing/write');

  if (!account) return <main>{error ? <ErrorMessage error={error} retry={load} /> : <Loading what="the account" />}</main>;
  return (
    <main>
      <p><a href="#/accounts">← Accounts</a></p>
      <h1>Account {account.id}</h1>
      {error && <ErrorMessage error={`Could not refresh: ${error}`} retry={load} />}
      <section class="summary" aria-label="Account">
        <dl>
          <div><dt>Name</dt><dd>{account.name}</dd></div>
          <div><dt>Bill to</dt><dd>{account.billToEmail}</dd></div>
          <div><dt>Status</dt><dd data-testid="account-status"><AccountStatusBadge status={account.status} /></dd></div>
          <div><dt>Balance</dt><dd data-testid="account-balance"><Amount amount={account.balance} currency={account.currency} /></dd></div>
          <div><dt>Currency</dt><dd>{account.currency}</dd></div>
          <div><dt>Bill cycle day</dt><dd>{account.billCycleDay}</dd></div>
          <div><dt>Batch</dt><dd>{account.batch}</dd></div>
          <div><dt>Tax rate</dt><dd>{account.taxRate ? `${account.taxRate} %` : '–'}</dd></div>
          <div><dt>Payment terms</dt><dd>{account.paymentTermDays ?? 30} days</dd></div>
        </dl>
      </section>
      {saved && <p class="state saved" role="status">{saved}</p>}
      <Subscriptions key={`s${version}`} api={api} account={account} canWrite={canWrite}
        onChange={(text) => { setSaved(text); changed(); }} onEdit={() => setSaved(null)} />
      <Invoices key={`i${version}`} api={api} account={account} />
      <CreditNotes key={`c${version}`} api={api} account={account} />
      <Payments key={`p${version}`} api={api} account={account} />
      {canWrite && <RecordPayment api={api} account={account} onRecorded={changed} />}
      <Preview api={api} account={account} />
      <Activity key={`a${version}`} api={api} account={account} />
    </main>
  );
}

// ---------------------------------------------------------------- subscriptions and their charges

function Subscriptions({ api, account, canWrite, onChange, onEdit }: {
  api: AccountsApi; account: Account; canWrite: boolean; onChange: (saved: string) => void; onEdit: () => void;
}) {
  const fetchPage = useCallback((query: PageQuery) => api.listSubscriptions(account.id, query), [api, account.id]);
  const { state, load } = usePaged<Subscription>(fetchPage);
  const [editing, setEditing] = useState<{ subscription: string; charge: string } | null>(null);
  return (
    <section aria-labelledby="subscriptions-heading">
      <h2 id="subscriptions-heading">Subscriptions</h2>
      {state.error && <ErrorMessage error={state.error} retry={() => load(null)} />}
      {!state.loaded && state.loading && <Loading what="subscriptions" />}
      {state.loaded && !state.items.length && <Empty>No subscriptions.</Empty>}
      {state.items.map((subscription) => (
        <div key={subscription.id} class="subscription" data-subscription={subscription.id}>
          <h3 id={`sub-${subscription.id}`}>Subscription {subscription.id} <span class={`status sub-${subscription.status.toLowerCase()}`}>{subscription.status}</span></h3>
          <p class="muted">From {formatDate(subscription.startDate)}{subscription.endDate ? ` until ${subscription.endDate} (exclusive)` : ', open-ended'}</p>
          <table aria-labelledby={`sub-${subscription.id}`}>
            <thead><tr>
              <th scope="col">Charge</th><th scope="col">Type</th><th scope="col">Model</th><th scope="col">Price</th>
              <th scope="col" class="num">Quantity</th><th scope="col">Period</th><th scope="col">Timing</th>
              <th scope="col">Charged through</th>{canWrite && <th scope="col"><span class="visually-hidden">Actions</span></th>}
            </tr></thead>
            <tbody>
              {subscription.charges.map((charge) => (
                <tr key={charge.id} data-charge={charge.id}>
                  <th scope="row">{charge.name} <span class="muted">({charge.id})</span></th>
                  <td>{charge.type.replace('_', '-').toLowerCase()}</td><td>{charge.model.replace('_', ' ').toLowerCase()}</td>
                  <td>{isTiered(charge)
                    ? <ul class="tiers">{describeTiers(charge.tiers).map((line, i) => <li key={i}>{line}</li>)}</ul>
                    : <span class="amount">{charge.price} <span class="currency">{account.currency}</span></span>}</td>
                  <td class="num">{charge.quantity ?? '–'}</td>
                  <td>{charge.billingPeriod?.toLowerCase() ?? '–'}</td><td>{charge.billingTiming?.replace('_', ' ').toLowerCase() ?? '–'}</td>
                  <td data-testid="charged-through">{charge.chargedThroughDate ?? <span class="muted">never billed</span>}</td>
                  {canWrite && <td>{canEditCharge(charge)
                    ? <button type="button" aria-label={`Edit charge ${charge.name} of ${subscription.id}`}
                        onClick={() => { onEdit(); setEditing({ subscription: subscription.id, charge: charge.id }); }}>Edit charge</button>
                    : <span class="muted" title="Billed periods are corrected by a credit note">billed</span>}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {subscription.charges.filter((c) => editing?.subscription === subscription.id && editing.charge === c.id).map((charge) => (
            <EditCharge key={charge.id} api={api} subscription={subscription} charge={charge} currency={account.currency}
              onCancel={() => setEditing(null)}
              onSaved={() => { setEditing(null); onChange(`Saved the pricing of ${charge.name} (${subscription.id}).`); }} />
          ))}
        </div>
      ))}
      {state.nextCursor && <button type="button" class="more" onClick={() => load(state.nextCursor)}>Load more subscriptions</button>}
    </section>
  );
}

/** The pricing of a never-billed charge: its price, or its tiers (rows of upTo and unit price, the last one open). */
function EditCharge({ api, subscription, charge, currency, onCancel, onSaved }: {
  api: AccountsApi; subscription: Subscription; charge: Charge; currency: string; onCancel: () => void; onSaved: () => void;
}) {
  const [form, setForm] = useState<ChargeForm>(chargeForm(charge));
  const { busy, formError, submit: send, errorOf, invalid } = useFieldErrors<string>('', chargeControlOf);
  const tiered = isTiered(charge);

  function submit(event: Event) {
    event.preventDefault();
    send(async () => {
      await api.amendCharge(subscription.id, charge.id, pricingRequest(charge, form));
      onSaved();
    });
  }

  return (
    <form class="charge-form" aria-label={`Edit charge ${charge.name}`} onSubmit={submit} noValidate>
      <h4>Edit charge {charge.name} <span class="muted">({subscription.id} · {charge.model.toLowerCase()})</span></h4>
      {tiered ? (
        <fieldset id="tiers" tabIndex={-1} {...invalid('tiers')}>
          <legend>Tiers <span class="muted">(unit price per quantity band, {currency})</span></legend>
          {form.tiers.map((row, i) => (
            <div class="tier-row" key={i} data-tier={i}>
              <label for={`tier-${i}-upTo`}>Tier {i + 1} up to</label>
              <input id={`tier-${i}-upTo`} inputMode="decimal" value={row.open ? '' : row.upTo} disabled={row.open}
                placeholder={row.open ? 'open' : ''} {...invalid(`tier-${i}-upTo`)}
                onInput={(e) => setForm({ ...form, tiers: updateTier(form.tiers, i, { upTo: e.currentTarget.value }) })} />
              {canBeOpen(form.tiers, i) && (
                <label class="check"><input type="checkbox" checked={row.open}
                  onChange={(e) => setForm({ ...form, tiers: updateTier(form.tiers, i, { open: e.currentTarget.checked }) })} />
                  Tier {i + 1} open (no upper bound)</label>
              )}
              <label for={`tier-${i}-unitPrice`}>Tier {i + 1} unit price</label>
              <input id={`tier-${i}-unitPrice`} inputMode="decimal" value={row.unitPrice} {...invalid(`tier-${i}-unitPrice`)}
                onInput={(e) => setForm({ ...form, tiers: updateTier(form.tiers, i, { unitPrice: e.currentTarget.value }) })} />
              {form.tiers.length > 1 && (
                <button type="button" onClick={() => setForm({ ...form, tiers: removeTier(form.tiers, i) })}>Remove tier {i + 1}</button>
              )}
              {errorOf(`tier-${i}-upTo`)}{errorOf(`tier-${i}-unitPrice`)}
            </div>
          ))}
          <button type="button" onClick={() => setForm({ ...form, tiers: addTier(form.tiers) })}>Add tier</button>
        </fieldset>
      ) : (
        <>
          <label for="charge-price">Price ({currency})</label>
          <input id="charge-price" inputMode="decimal" value={form.price} {...invalid('charge-price')}
            onInput={(e) => setForm({ ...form, price: e.currentTarget.value })} />
          {errorOf('charge-price')}
        </>
      )}
      {errorOf('tiers')}
      <label for="charge-quantity">Quantity <span class="muted">(empty: keep {charge.quantity ?? 1})</span></label>
      <input id="charge-quantity" inputMode="decimal" value={form.quantity} {...invalid('charge-quantity')}
        onInput={(e) => setForm({ ...form, quantity: e.currentTarget.value })} />
      {errorOf('charge-quantity')}
      {formError && <p class="state error" role="alert">{formError}</p>}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Saving…' : 'Save charge'}</button>
        <button type="button" onClick={onCancel} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------- documents

function Invoices({ api, account }: { api: AccountsApi; account: Account }) {
  const fetchPage = useCallback((query: PageQuery) => api.listInvoices(account.id, query), [api, account.id]);
  const { state, load } = usePaged<FullInvoice>(fetchPage);
  return (
    <section aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">Invoices</h2>
      <PagedTable what="invoices" state={state} load={load} className="account-invoices"
        head={<>
          <th scope="col">Invoice</th><th scope="col">Status</th><th scope="col">Invoice date</th><th scope="col">Due date</th>
          <th scope="col" class="num">Total</th><th scope="col" class="num">Balance</th>
        </>}
        row={(invoice) => (
          <tr key={invoice.id} data-invoice={invoice.id}>
            <td><a href={`#/invoices/${encodeURIComponent(invoice.id)}`}>{invoice.number ?? `Draft ${invoice.id}`}</a></td>
            <td>{invoice.status}</td><td>{formatDate(invoice.invoiceDate)}</td><td>{formatDate(invoice.dueDate)}</td>
            <td class="num"><Amount amount={invoice.total} currency={invoice.currency} /></td>
            <td class="num"><Amount amount={invoice.balance} currency={invoice.currency} /></td>
          </tr>
        )} />
    </section>
  );
}

function CreditNotes({ api, account }: { api: AccountsApi; account: Account }) {
  const fetchPage = useCallback((query: PageQuery) => api.listCreditNotes(account.id, query), [api, account.id]);
  const { state, load } = usePaged<CreditNote>(fetchPage);
  return (
    <section aria-labelledby="credit-notes-heading">
      <h2 id="credit-notes-heading">Credit notes</h2>
      <PagedTable what="credit notes" state={state} load={load}
        head={<><th scope="col">Credit note</th><th scope="col">Invoice</th><th scope="col">Date</th><th scope="col">Reason</th><th scope="col" class="num">Total</th></>}
        row={(note) => (
          <tr key={note.id}>
            <td>{note.number}</td>
            <td><a href={`#/invoices/${encodeURIComponent(note.invoiceId)}`}>{note.invoiceNumber ?? note.invoiceId}</a></td>
            <td>{formatDate(note.date)}</td><td>{note.reason}</td>
            <td class="num"><Amount amount={note.total} currency={note.currency} /></td>
          </tr>
        )} />
    </section>
  );
}

function Payments({ api, account }: { api: AccountsApi; account: Account }) {
  const fetchPage = useCallback((query: PageQuery) => api.listPayments(account.id, query), [api, account.id]);
  const { state, load } = usePaged<Payment>(fetchPage);
  return (
    <section aria-labelledby="payments-heading">
      <h2 id="payments-heading">Payments</h2>
      <PagedTable what="payments" state={state} load={load} className="payments"
        head={<>
          <th scope="col">Date</th><th scope="col" class="num">Amount</th><th scope="col">Applied to</th>
          <th scope="col" class="num">Unapplied</th><th scope="col" class="num">Balance after</th><th scope="col">Recorded</th>
        </>}
        row={(payment) => (
          <tr key={payment.id} data-payment={payment.id}>
            <td>{formatDate(payment.date)}</td>
            <td class="num"><Amount amount={payment.amount} currency={account.currency} /></td>
            <td>{payment.allocations.length ? payment.allocations.map((a) => a.invoiceId).join(', ') : <span class="muted">account credit</span>}</td>
            <td class="num"><Amount amount={payment.unapplied} currency={account.currency} /></td>
            <td class="num"><Amount amount={payment.accountBalance} currency={account.currency} /></td>
            <td>{payment.recordedBy ?? ''} {formatTimestamp(payment.recordedAt)}</td>
          </tr>
        )} />
    </section>
  );
}

function RecordPayment({ api, account, onRecorded }: { api: AccountsApi; account: Account; onRecorded: () => void }) {
  const [form, setForm] = useState<PaymentForm>(emptyPaymentForm(today()));
  const { busy, formError, submit: send, errorOf, invalid } = useFieldErrors<keyof PaymentForm>('payment-', paymentControlOf);
  const [receipt, setReceipt] = useState<string | null>(null);

  function submit(event: Event) {
    event.preventDefault();
    setReceipt(null);
    send(async () => {
      const paid = await api.recordPayment(account.id, paymentRequest(form));
      setReceipt(`Recorded a payment of ${paid.amount} ${account.currency}; the balance is now ${paid.accountBalance} ${account.currency}.`);
      setForm(emptyPaymentForm(form.date));
      onRecorded();
    });
  }
  return (
    <section aria-labelledby="record-payment-heading">
      <h2 id="record-payment-heading">Record a payment</h2>
      <form class="payment-form" onSubmit={submit} noValidate>
        <label for="payment-amount">Amount ({account.currency})</label>
        <input id="payment-amount" inputMode="decimal" value={form.amount} {...invalid('amount')}
          onInput={(e) => setForm({ ...form, amount: e.currentTarget.value })} />
        {errorOf('amount')}
        <label for="payment-date">Payment date</label>
        <input id="payment-date" type="date" value={form.date} {...invalid('date')}
          onInput={(e) => setForm({ ...form, date: e.currentTarget.value })} />
        {errorOf('date')}
        <label for="payment-invoiceId">Invoice <span class="muted">(empty: the oldest due first)</span></label>
        <input id="payment-invoiceId" value={form.invoiceId} {...invalid('invoiceId')}
          onInput={(e) => setForm({ ...form, invoiceId: e.currentTarget.value.trim() })} />
        {errorOf('invoiceId')}
        {formError && <p class="state error" role="alert">{formError}</p>}
        {receipt && <p class="state saved" role="status" data-testid="payment-receipt">{receipt}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Recording…' : 'Record payment'}</button>
      </form>
    </section>
  );
}

function Preview({ api, account }: { api: AccountsApi; account: Account }) {
  const [targetDate, setTargetDate] = useState(today());
  const [preview, setPreview] = useState<InvoicePreview | null>(null);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.previewInvoice(account.id, targetDate));
    } catch (cause) {
      setPreview(null);
      setError(cause instanceof ApiError ? { field: cause.field, text: fieldText(cause.problem) } : { text: errorText(cause) });
    } finally {
      setBusy(false);
    }
  }
  const invoice = preview?.invoice;
  const dateError = error?.field === 'targetDate';
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview the next invoice</h2>
      <form class="preview-form" onSubmit={submit} noValidate>
        <label for="preview-date">Target date</label>
        <input id="preview-date" type="date" value={targetDate} aria-invalid={dateError}
          aria-describedby={dateError ? 'preview-date-error' : undefined} onInput={(e) => setTargetDate(e.currentTarget.value)} />
        {dateError && <span id="preview-date-error" class="field-error">{error!.text}</span>}
        <button type="submit" disabled={busy}>{busy ? 'Previewing…' : 'Preview'}</button>
      </form>
      {error && !dateError && <ErrorMessage error={error.text} />}
      {preview && !invoice && <Empty>Nothing is due at {targetDate}.</Empty>}
      {invoice && (
        <div class="preview" data-testid="preview">
          <table aria-label={`Preview at ${targetDate}`}>
            <thead><tr>
              <th scope="col">Charge</th><th scope="col">Kind</th><th scope="col">Service period</th>
              <th scope="col" class="num">Quantity</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Amount</th>
            </tr></thead>
            <tbody>
              {invoice.items.map((line) => (
                <tr key={line.lineId} class="preview-line">
                  <td>{line.chargeName}</td><td>{line.kind.toLowerCase()}</td>
                  <td>{line.servicePeriodStart} – {line.servicePeriodEnd}</td>
                  <td class="num">{line.quantity ?? ''}</td><td class="num">{line.unitPrice ?? ''}</td>
                  <td class="num"><Amount amount={line.amount} currency={invoice.currency} /></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr><th scope="row" colSpan={5} class="num">Subtotal</th><td class="num"><Amount amount={invoice.subtotal} currency={invoice.currency} /></td></tr>
              <tr><th scope="row" colSpan={5} class="num">Tax</th><td class="num"><Amount amount={invoice.taxTotal} currency={invoice.currency} /></td></tr>
              <tr><th scope="row" colSpan={5} class="num">Total</th><td class="num" data-testid="preview-total"><Amount amount={invoice.total} currency={invoice.currency} /></td></tr>
            </tfoot>
          </table>
        </div>
      )}
      {preview && preview.failures.length > 0 && (
        <ul class="state error" aria-label="Subscriptions the preview could not bill">
          {preview.failures.map((f, i) => <li key={i}>{f.subscriptionId}: <code>{f.field}</code> {f.reason}</li>)}
        </ul>
      )}
    </section>
  );
}

function Activity({ api, account }: { api: AccountsApi; account: Account }) {
  const fetchPage = useCallback((query: PageQuery) => api.activity(account.id, query), [api, account.id]);
  const { state, load } = usePaged<ActivityEntry>(fetchPage);
  return (
    <section aria-labelledby="activity-heading">
      <h2 id="activity-heading">Activity</h2>
      <PagedTable what="activity" state={state} load={load} className="activity"
        head={<>
          <th scope="col">Date</th><th scope="col">Kind</th><th scope="col">Description</th>
          <th scope="col" class="num">Amount</th><th scope="col" class="num">Balance change</th><th scope="col" class="num">Balance</th>
        </>}
        row={(entry, i) => (
          <tr key={i} data-kind={entry.kind}>
            <td>{formatDate(entry.date)}</td><td>{entry.kind.replace(/_/g, ' ').toLowerCase()}</td><td>{entry.description}</td>
            <td class="num"><Amount amount={entry.amount} currency={account.currency} /></td>
            <td class="num"><Amount amount={entry.balanceChange} currency={account.currency} /></td>
            <td class="num"><Amount amount={entry.balance} currency={account.currency} /></td>
          </tr>
        )} />
    </section>
  );
}
