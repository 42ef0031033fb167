import { useState } from 'preact/hooks';
import { problemOf } from '../api';
import { SCOPES } from '../session';

/**
 * The dev sign-in of the local runtime (./billrun serve): a dev token for a tenant, an email and scopes, minted by
 * POST /console/dev-token. On AWS the console signs in against the API's issuer instead; this page is not there.
 */
export function SignIn({ onToken }: { onToken: (token: string) => void }) {
  const [tenant, setTenant] = useState('acme');
  const [email, setEmail] = useState('ana@acme.example');
  const [scopes, setScopes] = useState<string[]>([...SCOPES]);
  const [error, setError] = useState<{ field?: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('dev-token', {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant, email, scopes }),
      });
      if (!response.ok) {
        const problem = await problemOf(response);
        setError({ field: problem.field?.replace(/\[\d+\]$/, ''), text: problem.detail ?? problem.title });
        return;
      }
      onToken((await response.json()).token);
    } catch (cause) {
      setError({ text: `The sign-in cannot be reached: ${cause}` });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => error?.field === field
    ? <span id={`${field}-error`} class="field-error" role="alert">{error.text}</span> : null;

  return (
    <main class="sign-in">
      <h1>Sign in (dev)</h1>
      <p class="muted">Local runtime only: a dev token for the tenant, email and scopes you choose.</p>
      <form onSubmit={submit} noValidate>
        <label for="tenant">Tenant</label>
        <input id="tenant" name="tenant" value={tenant} required aria-invalid={error?.field === 'tenant'}
          aria-describedby="tenant-error" onInput={(e) => setTenant(e.currentTarget.value)} />
        {fieldError('tenant')}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" value={email} required aria-invalid={error?.field === 'email'}
          aria-describedby="email-error" onInput={(e) => setEmail(e.currentTarget.value)} />
        {fieldError('email')}
        <fieldset aria-describedby="scopes-error">
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} class="check">
              <input type="checkbox" name="scopes" value={scope} checked={scopes.includes(scope)}
                onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))} />
              {scope}
            </label>
          ))}
        </fieldset>
        {fieldError('scopes')}
        {error && !error.field && <p class="state error" role="alert">{error.text}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
