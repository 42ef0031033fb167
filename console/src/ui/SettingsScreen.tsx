import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AccountsApi } from '../accountsApi';
import type { ProrationMethod, RoundingMode, Settings } from '../accountTypes';
import { hasScope, type Session } from '../session';
import { ErrorMessage, Loading, errorText } from './common';
import { useFieldErrors } from './fieldErrors';

const PRORATIONS: { value: ProrationMethod; label: string }[] = [
  { value: 'ACTUAL_DAYS', label: 'Actual days' },
  { value: 'THIRTY_DAY_MONTH', label: '30-day month (30-actual/360)' },
  { value: 'THIRTY_360', label: '30/360' },
];
const ROUNDINGS: { value: RoundingMode; label: string }[] = [
  { value: 'HALF_UP', label: 'Half up' },
  { value: 'HALF_EVEN', label: 'Half even (banker\'s)' },
];
type Field = keyof Settings;

/** GET /settings, and PUT /settings for billing/write (the API refuses it otherwise anyway). */
export function SettingsScreen({ api, session }: { api: AccountsApi; session: Session }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { busy, formError, submit: send, errorOf, invalid: marked } = useFieldErrors<Field>('settings-',
    (field) => (field && form && field in form ? field as Field : null));
  const [saved, setSaved] = useState<string | null>(null);
  const canWrite = hasScope(session, 'billing/write');
  const load = useCallback(async () => {
    try {
      const read = await api.getSettings();
      setSettings(read);
      setForm(read);
      setError(null);
    } catch (cause) {
      setError(errorText(cause));
    }
  }, [api]);
  useEffect(() => { load(); }, [load]);
  if (!settings || !form) return <main><h1>Settings</h1>{error ? <ErrorMessage error={error} retry={load} /> : <Loading what="the settings" />}</main>;

  function submit(event: Event) {
    event.preventDefault();
    setSaved(null);
    send(async () => {
      const now = await api.putSettings(form!);
      setSettings(now);
      setForm(now);
      setSaved('Saved: the next run and the next preview use these settings.');
    });
  }
  const set = <K extends Field>(key: K, value: Settings[K]) => setForm({ ...form, [key]: value });
  const invalid = (field: Field) => ({ ...marked(field), disabled: !canWrite });

  return (
    <main>
      <h1>Settings</h1>
      <p class="muted">How runs bill and number: they apply to the next run and the next preview.{canWrite ? '' : ' Changing them needs billing/write.'}</p>
      {error && <ErrorMessage error={error} />}
      {formError && <ErrorMessage error={formError} />}
      <form class="settings-form" onSubmit={submit} noValidate>
        <label for="settings-prorationMethod">Proration</label>
        <select id="settings-prorationMethod" value={form.prorationMethod} {...invalid('prorationMethod')}
          onChange={(e) => set('prorationMethod', e.currentTarget.value as ProrationMethod)}>
          {PRORATIONS.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
        </select>
        {errorOf('prorationMethod')}
        <label for="settings-roundingMode">Rounding</label>
        <select id="settings-roundingMode" value={form.roundingMode} {...invalid('roundingMode')}
          onChange={(e) => set('roundingMode', e.currentTarget.value as RoundingMode)}>
          {ROUNDINGS.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
        {errorOf('roundingMode')}
        <label for="settings-invoiceNumberPrefix">Invoice number prefix</label>
        <input id="settings-invoiceNumberPrefix" value={form.invoiceNumberPrefix ?? ''} {...invalid('invoiceNumberPrefix')}
          onInput={(e) => set('invoiceNumberPrefix', e.currentTarget.value)} />
        {errorOf('invoiceNumberPrefix')}
        <label for="settings-creditNoteNumberPrefix">Credit note number prefix</label>
        <input id="settings-creditNoteNumberPrefix" value={form.creditNoteNumberPrefix ?? ''} {...invalid('creditNoteNumberPrefix')}
          onInput={(e) => set('creditNoteNumberPrefix', e.currentTarget.value)} />
        {errorOf('creditNoteNumberPrefix')}
        <label for="settings-numberDigits">Number digits</label>
        <input id="settings-numberDigits" type="number" min={1} max={12} value={form.numberDigits ?? ''} {...invalid('numberDigits')}
          onInput={(e) => set('numberDigits', e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))} />
        {errorOf('numberDigits')}
        <label class="check"><input id="settings-applyCreditAutomatically" type="checkbox" checked={form.applyCreditAutomatically ?? true}
          {...invalid('applyCreditAutomatically')} onChange={(e) => set('applyCreditAutomatically', e.currentTarget.checked)} />
          Apply account credit to the next posted invoices automatically</label>
        {errorOf('applyCreditAutomatically')}
        {saved && <p class="state saved" role="status">{saved}</p>}
        {canWrite && <button type="submit" class="primary" disabled={busy}>{busy ? 'Saving…' : 'Save settings'}</button>}
      </form>
    </main>
  );
}
