import { describe, expect, it } from 'vitest';
import {
  authorizeUrl, base64url, beginSignIn, challengeOf, claimsOf, completeSignIn, endpointsOf, isCallback, logoutUrl,
  randomToken, tokenRequest, type OidcConfig, type PendingSignIn,
} from './oidc';

const config: OidcConfig = {
  issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1',
  clientId: 'console-client',
  redirectUri: 'https://d111.cloudfront.net/',
  authorizeUrl: 'https://billrun-x.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
  tokenUrl: 'https://billrun-x.auth.eu-west-1.amazoncognito.com/oauth2/token',
  logoutUrl: 'https://billrun-x.auth.eu-west-1.amazoncognito.com/logout',
  scopes: ['openid', 'email', 'billing/read', 'billing/write', 'billing/post'],
};

const pending: PendingSignIn = {
  state: 'state-1', nonce: 'nonce-1', verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  redirectUri: 'https://d111.cloudfront.net/', returnTo: '#/runs/r1',
};

function memory(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null, setItem: (k, v) => { items.set(k, v); }, removeItem: (k) => { items.delete(k); },
    clear: () => items.clear(), key: () => null, get length() { return items.size; },
  };
}

function jwt(claims: Record<string, unknown>): string {
  const part = (o: unknown) => base64url(new TextEncoder().encode(JSON.stringify(o)));
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

interface Call { url: string; init?: RequestInit }

function issuer(answer: { status?: number; body: unknown }) {
  const calls: Call[] = [];
  const fetcher = async (url: string, init?: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetcher };
}

describe('PKCE', () => {
  it('derives the S256 challenge of RFC 7636 Appendix B from its verifier', async () => {
    expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters from 32 random bytes, different each time', () => {
    const a = randomToken();
    const b = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});

describe('the authorization request', () => {
  it('asks for a code with the S256 challenge, state, nonce, the client, the redirect URI and the scopes', () => {
    const url = new URL(authorizeUrl(config.authorizeUrl!, config, pending, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'));
    expect(url.origin + url.pathname).toBe(config.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'console-client',
      redirect_uri: 'https://d111.cloudfront.net/',
      scope: 'openid email billing/read billing/write billing/post',
      state: 'state-1',
      nonce: 'nonce-1',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });

  it('keeps the verifier, state and nonce for this tab and sends only the challenge', async () => {
    const storage = memory();
    const url = new URL(await beginSignIn(config, { storage, here: { origin: 'https://x', pathname: '/', hash: '#/runs/r9' } }));
    const kept: PendingSignIn = JSON.parse(storage.getItem('billrun.oidc.pending')!);
    expect(url.searchParams.get('state')).toBe(kept.state);
    expect(url.searchParams.get('nonce')).toBe(kept.nonce);
    expect(url.searchParams.get('code_challenge')).toBe(await challengeOf(kept.verifier));
    expect(url.toString()).not.toContain(kept.verifier);
    expect(kept.returnTo).toBe('#/runs/r9');
    expect(kept.redirectUri).toBe('https://d111.cloudfront.net/'); // config's, not the page's
  });

  it('reads the endpoints from the issuer\'s discovery document when config.json does not name them', async () => {
    const { calls, fetcher } = issuer({ body: {
      authorization_endpoint: 'https://idp.example/auth', token_endpoint: 'https://idp.example/token',
      end_session_endpoint: 'https://idp.example/logout',
    } });
    const endpoints = await endpointsOf({ issuer: 'https://idp.example/realms/b/', clientId: 'c' }, fetcher);
    expect(calls.map((c) => c.url)).toEqual(['https://idp.example/realms/b/.well-known/openid-configuration']);
    expect(endpoints).toEqual({ authorize: 'https://idp.example/auth', token: 'https://idp.example/token',
      logout: { url: 'https://idp.example/logout', kind: 'oidc' } });
  });
});

describe('the way back', () => {
  it('recognises the issuer\'s answer in the query string', () => {
    expect(isCallback('?code=c1&state=s1')).toBe(true);
    expect(isCallback('?error=access_denied&state=s1')).toBe(true);
    expect(isCallback('')).toBe(false);
  });

  it('refuses an answer whose state is not the one this tab sent, and exchanges nothing', async () => {
    const storage = memory();
    storage.setItem('billrun.oidc.pending', JSON.stringify(pending));
    const { calls, fetcher } = issuer({ body: {} });
    await expect(completeSignIn('?code=c1&state=forged', config, { storage, fetcher })).rejects.toThrow(/state mismatch/);
    expect(calls).toEqual([]);
    expect(storage.getItem('billrun.oidc.pending')).toBeNull(); // used once
  });

  it('refuses an answer when this tab started no sign-in', async () => {
    const { calls, fetcher } = issuer({ body: {} });
    await expect(completeSignIn('?code=c1&state=state-1', config, { storage: memory(), fetcher })).rejects.toThrow(/state mismatch/);
    expect(calls).toEqual([]);
  });

  it('exchanges the code with the verifier as a form, with the client id and no secret', () => {
    const request = tokenRequest(config.tokenUrl!, config.clientId, 'code-1', pending);
    expect(request.url).toBe(config.tokenUrl);
    expect(request.init.method).toBe('POST');
    expect(request.init.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(request.init.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'console-client',
      code: 'code-1',
      redirect_uri: 'https://d111.cloudfront.net/',
      code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    });
    expect(String(request.init.body)).not.toContain('secret');
  });

  it('gives the access token once the state, the nonce, the issuer and the audience match', async () => {
    const storage = memory();
    storage.setItem('billrun.oidc.pending', JSON.stringify(pending));
    const access = jwt({ tenant: 'acme', email: 'ana@acme.example', scope: 'openid billing/read', exp: 2_000_000_000 });
    const id = jwt({ iss: config.issuer, aud: 'console-client', nonce: 'nonce-1' });
    const { calls, fetcher } = issuer({ body: { access_token: access, id_token: id, token_type: 'Bearer', expires_in: 3600 } });

    const signedIn = await completeSignIn('?code=code-1&state=state-1', config, { storage, fetcher });

    expect(signedIn).toEqual({ accessToken: access, idToken: id, returnTo: '#/runs/r1' });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(config.tokenUrl);
    expect(new URLSearchParams(String(calls[0].init?.body)).get('code_verifier')).toBe(pending.verifier);
    expect(claimsOf(signedIn.accessToken).tenant).toBe('acme');
  });

  it('refuses an ID token minted for another sign-in (nonce)', async () => {
    const storage = memory();
    storage.setItem('billrun.oidc.pending', JSON.stringify(pending));
    const { fetcher } = issuer({ body: { access_token: jwt({}), id_token: jwt({ iss: config.issuer, aud: 'console-client', nonce: 'other' }) } });
    await expect(completeSignIn('?code=code-1&state=state-1', config, { storage, fetcher })).rejects.toThrow(/nonce mismatch/);
  });

  it('shows the issuer\'s refusal of the code', async () => {
    const storage = memory();
    storage.setItem('billrun.oidc.pending', JSON.stringify(pending));
    const { fetcher } = issuer({ status: 400, body: { error: 'invalid_grant' } });
    await expect(completeSignIn('?code=code-1&state=state-1', config, { storage, fetcher })).rejects.toThrow(/invalid_grant/);
  });

  it('shows a refused sign-in (error in the answer) without exchanging anything', async () => {
    const storage = memory();
    storage.setItem('billrun.oidc.pending', JSON.stringify(pending));
    const { calls, fetcher } = issuer({ body: {} });
    await expect(completeSignIn('?error=access_denied&error_description=User+is+disabled&state=state-1', config, { storage, fetcher }))
      .rejects.toThrow(/User is disabled/);
    expect(calls).toEqual([]);
  });
});

describe('signing out', () => {
  it('goes through the hosted UI\'s logout back to the console', async () => {
    const url = new URL(logoutUrl(await endpointsOf(config), config, 'https://d111.cloudfront.net/')!);
    expect(url.origin + url.pathname).toBe('https://billrun-x.auth.eu-west-1.amazoncognito.com/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'console-client', logout_uri: 'https://d111.cloudfront.net/' });
  });

  it('uses post_logout_redirect_uri at an OIDC end_session_endpoint, and nothing when the issuer has none', () => {
    const oidc = { authorize: 'a', token: 't', logout: { url: 'https://idp.example/logout', kind: 'oidc' as const } };
    expect(new URL(logoutUrl(oidc, config, 'https://c/')!).searchParams.get('post_logout_redirect_uri')).toBe('https://c/');
    expect(logoutUrl({ authorize: 'a', token: 't' }, config, 'https://c/')).toBeNull();
  });
});
