// Who is signed in: the JWT and the claims the API reads from it (tenant, email, scope). The console decodes the
// claims to decide what to offer (no Post button without billing/post); the API still decides what is allowed.

export type Scope = 'billing/read' | 'billing/write' | 'billing/post';
export const SCOPES: Scope[] = ['billing/read', 'billing/write', 'billing/post'];

export interface Session {
  token: string;
  tenant: string;
  email: string;
  scopes: string[];
  expiresAt: number; // epoch seconds
}

export function sessionOf(token: string): Session | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(parts[1].length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return {
      token,
      tenant: String(claims.tenant ?? ''),
      email: String(claims.email ?? ''),
      scopes: String(claims.scope ?? '').split(' ').filter(Boolean),
      expiresAt: Number(claims.exp ?? 0),
    };
  } catch {
    return null;
  }
}

export function hasScope(session: Session | null, scope: Scope): boolean {
  return !!session && session.scopes.includes(scope);
}

export function expired(session: Session, nowSeconds = Date.now() / 1000): boolean {
  return session.expiresAt > 0 && session.expiresAt <= nowSeconds;
}

const KEY = 'billrun.token';

/** Kept for the browser tab only (sessionStorage): closing the tab signs out. */
export function storedSession(storage: Pick<Storage, 'getItem'> = sessionStorage): Session | null {
  const token = storage.getItem(KEY);
  const session = token ? sessionOf(token) : null;
  return session && !expired(session) ? session : null;
}

export function storeToken(token: string | null, storage: Pick<Storage, 'setItem' | 'removeItem'> = sessionStorage): void {
  if (token) storage.setItem(KEY, token);
  else storage.removeItem(KEY);
}
