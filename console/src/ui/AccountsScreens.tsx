import { useCallback, useMemo } from 'preact/hooks';
import type { ApiClient, PageQuery } from '../api';
import { AccountsApi } from '../accountsApi';
import type { Account } from '../accountTypes';
import type { Session } from '../session';
import { hrefOf, type Route } from '../state';
import { Amount } from './common';
import { AccountDetail } from './AccountDetail';
import { PagedTable, usePaged } from './Paged';
import { Schedules } from './Schedules';
import { SettingsScreen } from './SettingsScreen';

type AccountsRoute = Extract<Route, { name: 'accounts' | 'account' | 'schedules' | 'settings' }>;

export function isAccountsRoute(route: Route): route is AccountsRoute {
  return route.name === 'accounts' || route.name === 'account' || route.name === 'schedules' || route.name === 'settings';
}

/** The main navigation's links to these screens. */
export function AccountsNav({ route }: { route: Route }) {
  const current = (names: Route['name'][]) => (names.includes(route.name) ? 'page' as const : undefined);
  return (
    <>
      <a href={hrefOf({ name: 'accounts' })} aria-current={current(['accounts', 'account'])}>Accounts</a>
      <a href={hrefOf({ name: 'schedules' })} aria-current={current(['schedules'])}>Schedules</a>
      <a href={hrefOf({ name: 'settings' })} aria-current={current(['settings'])}>Settings</a>
    </>
  );
}

export function AccountsScreens({ api, session, route }: { api: ApiClient; session: Session; route: AccountsRoute }) {
  const accounts = useMemo(() => new AccountsApi(api), [api]);
  switch (route.name) {
    case 'accounts': return <AccountList api={accounts} />;
    case 'account': return <AccountDetail key={route.id} api={accounts} session={session} id={route.id} />;
    case 'schedules': return <Schedules api={accounts} session={session} />;
    case 'settings': return <SettingsScreen api={accounts} session={session} />;
  }
}

function AccountList({ api }: { api: AccountsApi }) {
  const fetchPage = useCallback((query: PageQuery) => api.listAccounts(query), [api]);
  const { state, load } = usePaged<Account>(fetchPage);
  return (
    <main>
      <h1>Accounts</h1>
      <PagedTable what="accounts" state={state} load={load} label="Accounts" className="accounts"
        head={<>
          <th scope="col">Account</th><th scope="col">Name</th><th scope="col">Currency</th>
          <th scope="col">Status</th><th scope="col" class="num">Balance</th>
        </>}
        row={(account) => (
          <tr key={account.id} data-account={account.id}>
            <th scope="row"><a href={hrefOf({ name: 'account', id: account.id })}>{account.id}</a></th>
            <td>{account.name}</td><td>{account.currency}</td>
            <td><AccountStatusBadge status={account.status} /></td>
            <td class="num"><Amount amount={account.balance} currency={account.currency} /></td>
          </tr>
        )} />
    </main>
  );
}

export function AccountStatusBadge({ status }: { status: Account['status'] }) {
  return <span class={`status account-${status.toLowerCase()}`}>{status.replace('_', ' ')}</span>;
}
