import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api';
import { completeSignIn, endpointsOf, isCallback, logoutUrl, redirectUriOf, type OidcConfig } from './oidc';
import { expired, storedSession, storeToken, sessionOf, type Session } from './session';
import { hrefOf, parseRoute, type Route } from './state';
import { BillRunDetail } from './ui/BillRunDetail';
import { BillRunList } from './ui/BillRunList';
import { InvoicePage } from './ui/InvoicePage';
import { NewBillRun } from './ui/NewBillRun';
import { OidcSignIn } from './ui/OidcSignIn';
import { SignIn } from './ui/SignIn';
import { AccountsNav, AccountsScreens, isAccountsRoute } from './ui/AccountsScreens';
import './styles.css';

/** config.json: locally ConsoleSite's {apiUrl: '', signIn: 'dev'}; on AWS the deploy step's (OIDC settings too). */
type Config = { apiUrl: string; signIn: 'dev' | 'oidc' } & Partial<OidcConfig>;

function oidcOf(config: Config): OidcConfig {
  if (!config.issuer || !config.clientId) throw new Error('config.json names no issuer or clientId for the OIDC sign-in');
  return config as OidcConfig;
}

function App({ config, signInProblem }: { config: Config; signInProblem?: string | null }) {
  const [session, setSession] = useState<Session | null>(storedSession());
  const [sessionExpired, setSessionExpired] = useState(false);
  useEffect(() => { // the token's expiry is honoured: past it, sign in again
    if (!session || session.expiresAt <= 0) return;
    const timer = setTimeout(() => { storeToken(null); setSession(null); setSessionExpired(true); },
      Math.min(Math.max(session.expiresAt * 1000 - Date.now(), 0), 2_147_483_647));
    return () => clearTimeout(timer);
  }, [session]);
  const [route, setRoute] = useState<Route>(parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  const api = useMemo(() => new ApiClient(config.apiUrl, () => {
    const current = storedSession();
    return current && !expired(current) ? current.token : null;
  }), [config]);
  const navigate = (href: string) => { location.hash = href; };

  useEffect(() => { // focus the page's heading after a navigation, for keyboard and screen-reader users
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }, [route]);

  if (!session) {
    if (config.signIn === 'oidc') return <OidcSignIn config={oidcOf(config)} problem={signInProblem} expired={sessionExpired} />;
    return <SignIn onToken={(token) => { storeToken(token); setSession(sessionOf(token)); navigate(hrefOf({ name: 'runs' })); }} />;
  }
  const signOut = async () => {
    storeToken(null);
    if (config.signIn === 'oidc') { // through the issuer's logout (Cognito's hosted UI), which comes back here
      const oidc = oidcOf(config);
      const url = await endpointsOf(oidc).then((endpoints) => logoutUrl(endpoints, oidc, redirectUriOf(oidc))).catch(() => null);
      if (url) { location.assign(url); return; }
    }
    setSession(null);
  };
  return (
    <>
      <a class="skip" href="#content">Skip to content</a>
      <header class="top">
        <a class="brand" href={hrefOf({ name: 'runs' })}>Billrun</a>
        <nav aria-label="Main">
          <a href={hrefOf({ name: 'runs' })} aria-current={route.name === 'runs' || route.name === 'run' ? 'page' : undefined}>Bill runs</a>
          <AccountsNav route={route} />
        </nav>
        <span class="who" data-testid="who">{session.email} · {session.tenant} · {session.scopes.join(' ')}</span>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <div id="content">
        {route.name === 'run' ? <BillRunDetail api={api} session={session} id={route.id} navigate={navigate} />
          : route.name === 'invoice' ? <InvoicePage api={api} session={session} id={route.id} />
          : route.name === 'new-run' ? <NewBillRun api={api} session={session} navigate={navigate} />
          : isAccountsRoute(route) ? <AccountsScreens api={api} session={session} route={route} />
          : <BillRunList api={api} session={session} />}
      </div>
    </>
  );
}

async function start() {
  const root = document.getElementById('app')!;
  try {
    const response = await fetch('config.json');
    if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
    const config: Config = await response.json();
    let signInProblem: string | null = null;
    if (config.signIn === 'oidc' && isCallback(location.search)) { // back from the issuer: code → access token
      try {
        const signedIn = await completeSignIn(location.search, oidcOf(config));
        storeToken(signedIn.accessToken);
        history.replaceState(null, '', `${location.pathname}${signedIn.returnTo}`);
      } catch (failure) {
        signInProblem = failure instanceof Error ? failure.message : String(failure);
        history.replaceState(null, '', location.pathname);
      }
    }
    render(<App config={config} signInProblem={signInProblem} />, root);
  } catch (error) {
    root.textContent = `The console cannot start: ${error}`;
  }
}

start();
