import { useCallback, useState } from 'preact/hooks';
import type { PageQuery } from '../api';
import type { AccountsApi } from '../accountsApi';
import { describeScheduleRun, emptyScheduleForm, scheduleControlOf, scheduleRequest, type ScheduleForm } from '../accounts';
import type { Schedule } from '../accountTypes';
import { formatTimestamp } from '../format';
import { hasScope, type Session } from '../session';
import type { ChargeType } from '../types';
import { ErrorMessage, errorText } from './common';
import { Confirm, PagedTable, usePaged } from './Paged';
import { useFieldErrors } from './fieldErrors';

const CHARGE_TYPES: ChargeType[] = ['RECURRING', 'ONE_TIME', 'USAGE'];

export function Schedules({ api, session }: { api: AccountsApi; session: Session }) {
  const fetchPage = useCallback((query: PageQuery) => api.listSchedules(query), [api]);
  const { state, load, reload } = usePaged<Schedule>(fetchPage);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canWrite = hasScope(session, 'billing/write');

  async function remove(schedule: Schedule) {
    setBusy(true);
    setError(null);
    try {
      await api.deleteSchedule(schedule.id);
      setDeleting(null);
      setNotice(`Deleted schedule ${schedule.name ?? schedule.id}.`);
      reload();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <h1>Schedules</h1>
      {notice && <p class="state saved" role="status">{notice}</p>}
      {error && <ErrorMessage error={error} />}
      {deleting && (
        <Confirm title="Delete the schedule" confirm={busy ? 'Deleting…' : 'Delete schedule'} busy={busy}
          onConfirm={() => remove(deleting)} onCancel={() => setDeleting(null)}>
          {`Delete schedule ${deleting.name ?? deleting.id} (${deleting.expression}, ${deleting.timeZone})? It starts no more runs; runs it already started go on.`}
        </Confirm>
      )}
      <PagedTable what="schedules" state={state} load={load} label="Schedules" className="schedules"
        head={<>
          <th scope="col">Schedule</th><th scope="col">Expression</th><th scope="col">Time zone</th>
          <th scope="col">Next firing</th><th scope="col">Runs</th><th scope="col">Owner</th><th scope="col">State</th>
          {canWrite && <th scope="col"><span class="visually-hidden">Actions</span></th>}
        </>}
        row={(schedule) => (
          <tr key={schedule.id} data-schedule={schedule.name ?? schedule.id}>
            <th scope="row">{schedule.name ?? schedule.id}</th><td><code>{schedule.expression}</code></td><td>{schedule.timeZone}</td>
            <td data-testid="next-firing">{schedule.nextRunAt ? formatTimestamp(schedule.nextRunAt) : <span class="muted">never again</span>}</td>
            <td>{describeScheduleRun(schedule.run)}</td><td>{schedule.ownerEmail}</td><td>{schedule.state.toLowerCase()}</td>
            {canWrite && <td><button type="button" aria-label={`Delete schedule ${schedule.name ?? schedule.id}`}
              onClick={() => { setNotice(null); setDeleting(schedule); }}>Delete</button></td>}
          </tr>
        )} />
      {canWrite && <NewSchedule api={api} session={session} onCreated={(created) => {
        setNotice(`Created schedule ${created.name ?? created.id}; next firing ${created.nextRunAt ? formatTimestamp(created.nextRunAt) : 'never'}.`);
        reload();
      }} />}
    </main>
  );
}

function NewSchedule({ api, session, onCreated }: { api: AccountsApi; session: Session; onCreated: (s: Schedule) => void }) {
  const [form, setForm] = useState<ScheduleForm>(emptyScheduleForm());
  const { busy, formError, submit: send, errorOf, invalid } = useFieldErrors<keyof ScheduleForm>('schedule-', scheduleControlOf);
  const set = <K extends keyof ScheduleForm>(key: K, value: ScheduleForm[K]) => setForm({ ...form, [key]: value });

  function submit(event: Event) {
    event.preventDefault();
    send(async () => {
      const created = await api.createSchedule(scheduleRequest(form));
      setForm(emptyScheduleForm());
      onCreated(created);
    });
  }
  const text = (control: 'name' | 'expression' | 'timeZone' | 'invoiceDateOffsetDays' | 'accountIds' | 'billCycleDay', label: string, hint?: string) => (
    <>
      <label for={`schedule-${control}`}>{label}{hint && <span class="muted"> ({hint})</span>}</label>
      <input id={`schedule-${control}`} value={form[control]} {...invalid(control)} onInput={(e) => set(control, e.currentTarget.value)} />
      {errorOf(control)}
    </>
  );

  return (
    <section aria-labelledby="new-schedule-heading">
      <h2 id="new-schedule-heading">New schedule</h2>
      <form class="schedule-form" onSubmit={submit} noValidate>
        {text('name', 'Name', 'optional')}
        {text('expression', 'Expression', 'cron(minutes hours day-of-month month day-of-week year) or rate(N unit)')}
        {text('timeZone', 'Time zone', 'IANA, e.g. Europe/Paris')}
        {text('invoiceDateOffsetDays', 'Invoice date offset in days', 'empty: the target date')}
        {text('accountIds', 'Account ids', 'empty: every account')}
        {text('billCycleDay', 'Bill cycle day', 'optional')}
        <fieldset id="schedule-chargeTypesToExclude" tabIndex={-1} {...invalid('chargeTypesToExclude')}>
          <legend>Charge types to exclude</legend>
          {CHARGE_TYPES.map((type) => (
            <label key={type} class="check">
              <input type="checkbox" checked={form.chargeTypesToExclude.includes(type)}
                onChange={(e) => set('chargeTypesToExclude', e.currentTarget.checked
                  ? [...form.chargeTypesToExclude, type] : form.chargeTypesToExclude.filter((t) => t !== type))} />
              {type.replace('_', '-').toLowerCase()}
            </label>
          ))}
        </fieldset>
        {errorOf('chargeTypesToExclude')}
        <fieldset>
          <legend>Each run, once it completes</legend>
          {hasScope(session, 'billing/post') && (
            <label class="check"><input id="schedule-autoPost" type="checkbox" checked={form.autoPost} {...invalid('autoPost')}
              onChange={(e) => set('autoPost', e.currentTarget.checked)} />Post it</label>
          )}
          <label class="check"><input id="schedule-autoEmail" type="checkbox" checked={form.autoEmail}
            onChange={(e) => set('autoEmail', e.currentTarget.checked)} />Email the invoices to customers</label>
        </fieldset>
        {errorOf('autoPost')}
        {formError && <p class="state error" role="alert">{formError}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : 'Create schedule'}</button>
      </form>
    </section>
  );
}
