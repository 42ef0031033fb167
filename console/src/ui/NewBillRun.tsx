import { useState } from 'preact/hooks';
import type { ApiClient } from '../api';
import { hasScope, type Session } from '../session';
import { controlOf, emptyRunForm, hrefOf, runRequest, type RunForm, type Selection } from '../state';
import type { ChargeType } from '../types';
import { useFieldErrors } from './fieldErrors';

const CHARGE_TYPES: ChargeType[] = ['RECURRING', 'ONE_TIME', 'USAGE'];
const SELECTIONS: { value: Selection; label: string }[] = [
  { value: 'all', label: 'All accounts' },
  { value: 'accounts', label: 'These accounts' },
  { value: 'batches', label: 'These batches' },
  { value: 'billCycleDay', label: 'Bill cycle day' },
];

/** The form sends what was typed; the API judges it, and its problem+json is shown next to the field it names. */
export function NewBillRun({ api, session, navigate }: { api: ApiClient; session: Session; navigate: (href: string) => void }) {
  const [form, setForm] = useState<RunForm>(emptyRunForm());
  const { busy, formError, submit: send, errorOf, invalid } = useFieldErrors<keyof RunForm>('', controlOf);
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => setForm({ ...form, [key]: value });

  function submit(event: Event) {
    event.preventDefault();
    send(async () => {
      const accepted = await api.createBillRun(runRequest(form));
      navigate(hrefOf({ name: 'run', id: accepted.id }));
    });
  }

  return (
    <main>
      <p><a href={hrefOf({ name: 'runs' })}>← Bill runs</a></p>
      <h1>New bill run</h1>
      <form class="run-form" onSubmit={submit} noValidate>
        <label for="targetDate">Target date</label>
        <input id="targetDate" type="date" required value={form.targetDate} {...invalid('targetDate')}
          onInput={(e) => set('targetDate', e.currentTarget.value)} />
        {errorOf('targetDate')}
        <label for="invoiceDate">Invoice date <span class="muted">(default: the target date)</span></label>
        <input id="invoiceDate" type="date" value={form.invoiceDate} {...invalid('invoiceDate')}
          onInput={(e) => set('invoiceDate', e.currentTarget.value)} />
        {errorOf('invoiceDate')}
        <fieldset>
          <legend>Accounts to bill</legend>
          {SELECTIONS.map((s) => (
            <label key={s.value} class="check">
              <input type="radio" name="selection" value={s.value} checked={form.selection === s.value}
                onChange={() => set('selection', s.value)} />
              {s.label}
            </label>
          ))}
        </fieldset>
        {form.selection === 'accounts' && <>
          <label for="accountIds">Account ids <span class="muted">(separated by commas or lines)</span></label>
          <textarea id="accountIds" rows={3} value={form.accountIds} {...invalid('accountIds')}
            onInput={(e) => set('accountIds', e.currentTarget.value)} />
          {errorOf('accountIds')}
        </>}
        {form.selection === 'batches' && <>
          <label for="batches">Batches <span class="muted">(separated by commas)</span></label>
          <input id="batches" value={form.batches} {...invalid('batches')} onInput={(e) => set('batches', e.currentTarget.value)} />
          {errorOf('batches')}
        </>}
        {form.selection === 'billCycleDay' && <>
          <label for="billCycleDay">Bill cycle day</label>
          <input id="billCycleDay" type="number" min={1} max={31} value={form.billCycleDay} {...invalid('billCycleDay')}
            onInput={(e) => set('billCycleDay', e.currentTarget.value)} />
          {errorOf('billCycleDay')}
        </>}
        <fieldset id="chargeTypesToExclude" tabIndex={-1} {...invalid('chargeTypesToExclude')}>
          <legend>Charge types to exclude</legend>
          {CHARGE_TYPES.map((type) => (
            <label key={type} class="check">
              <input type="checkbox" value={type} checked={form.chargeTypesToExclude.includes(type)}
                onChange={(e) => set('chargeTypesToExclude', e.currentTarget.checked
                  ? [...form.chargeTypesToExclude, type] : form.chargeTypesToExclude.filter((t) => t !== type))} />
              {type.replace('_', '-').toLowerCase()}
            </label>
          ))}
        </fieldset>
        {errorOf('chargeTypesToExclude')}
        <fieldset>
          <legend>When it completes</legend>
          {hasScope(session, 'billing/post') && (
            <label class="check"><input id="autoPost" type="checkbox" checked={form.autoPost} {...invalid('autoPost')}
              onChange={(e) => set('autoPost', e.currentTarget.checked)} />Post it</label>
          )}
          <label class="check"><input id="autoEmail" type="checkbox" checked={form.autoEmail}
            onChange={(e) => set('autoEmail', e.currentTarget.checked)} />Email the invoices to customers</label>
          <label class="check"><input id="noEmailForZeroAmountInvoice" type="checkbox" checked={form.noEmailForZeroAmountInvoice}
            onChange={(e) => set('noEmailForZeroAmountInvoice', e.currentTarget.checked)} />No email for a zero-amount invoice</label>
        </fieldset>
        {errorOf('autoPost')}
        {formError && <p class="state error" role="alert">{formError}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Starting…' : 'Start bill run'}</button>
      </form>
    </main>
  );
}
