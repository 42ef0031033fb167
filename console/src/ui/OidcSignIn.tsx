import { useState } from 'preact/hooks';
import { beginSignIn, type OidcConfig } from '../oidc';

/**
 * The sign-in on AWS (config.json's signIn "oidc"): one button to the issuer's sign-in page (authorization code +
 * PKCE, ../oidc.ts). Shown when nobody is signed in, when the token expired, or when a sign-in failed (`problem`).
 */
export function OidcSignIn({ config, problem, expired }: { config: OidcConfig; problem?: string | null; expired?: boolean }) {
  const [error, setError] = useState<string | null>(problem ?? null);
  const [busy, setBusy] = useState(false);

  async function signIn() {
    setBusy(true);
    setError(null);
    try {
      location.assign(await beginSignIn(config));
    } catch (cause) {
      setError(`The sign-in cannot start: ${cause instanceof Error ? cause.message : cause}`);
      setBusy(false);
    }
  }

  return (
    <main class="sign-in">
      <h1>Sign in</h1>
      <p class="muted">{expired ? 'Your session has expired: sign in again to go on.' : 'Billrun console: sign in with your organisation\u2019s account.'}</p>
      {error && <p class="state error" role="alert">{error}</p>}
      <button type="button" class="primary" disabled={busy} onClick={signIn}>{busy ? 'Signing in\u2026' : 'Sign in'}</button>
    </main>
  );
}
