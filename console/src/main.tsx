import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api';
import { expired, storedSession, storeToken, sessionOf, type Session } from './session';
import { hrefOf, parseRoute, type Route } from './state';
import { BillRunDetail } from './ui/BillRunDetail';
import { BillRunList } from './ui/BillRunList';
import { InvoicePage } from './ui/InvoicePage';
import { NewBillRun } from './ui/NewBillRun';
import { SignIn } from './ui/SignIn';
import './styles.css';

interface Config { apiUrl: string; signIn: 'dev' | 'oidc' }

function App({ config }: { config: Config }) {
  const [session, setSession] = useState<Session | null>(storedSession());
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
    return <SignIn onToken={(token) => { storeToken(token); setSession(sessionOf(token)); navigate(hrefOf({ name: 'runs' })); }} />;
  }
  const signOut = () => { storeToken(null); setSession(null); };
  return (
    <>
      <a class="skip" href="#content">Skip to content</a>
      <header class="top">
        <a class="brand" href={hrefOf({ name: 'runs' })}>Billrun</a>
        <nav aria-label="Main"><a href={hrefOf({ name: 'runs' })} aria-current={route.name !== 'new-run' ? 'page' : undefined}>Bill runs</a></nav>
        <span class="who" data-testid="who">{session.email} · {session.tenant} · {session.scopes.join(' ')}</span>
        <button type="button" onClick={signOut}>Sign out</button>
      </header>
      <div id="content">
        {route.name === 'run' ? <BillRunDetail api={api} session={session} id={route.id} navigate={navigate} />
          : route.name === 'invoice' ? <InvoicePage api={api} session={session} id={route.id} />
          : route.name === 'new-run' ? <NewBillRun api={api} session={session} navigate={navigate} />
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
    render(<App config={await response.json()} />, root);
  } catch (error) {
    root.textContent = `The console cannot start: ${error}`;
  }
}

start();
