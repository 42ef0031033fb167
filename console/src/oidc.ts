// Sign-in on AWS: OpenID Connect authorization code flow with PKCE (RFC 7636, S256) against the issuer the API's JWT
// authorizer trusts (template.yaml: the stack's Cognito user pool by default). The console is a public client: no
// secret; the code verifier proves that whoever redeems the code started the sign-in. state ties the answer to the
// sign-in this tab started, nonce ties the ID token to it. The access token is what the API gets (its scope claim
// decides what the console offers, as with the dev token); when it expires the user signs in again.

/** config.json on AWS (console/scripts/deploy-config.mjs writes it from the stack's outputs). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Where the issuer sends the browser back: the console's own URL (the ConsoleUrl output). */
  redirectUri?: string;
  scopes?: string[];
  /** The endpoints; without them the console reads the issuer's discovery document. */
  authorizeUrl?: string;
  tokenUrl?: string;
  /** Cognito's hosted UI logout (client_id + logout_uri); else the issuer's end_session_endpoint, if any. */
  logoutUrl?: string;
}

export interface Endpoints {
  authorize: string;
  token: string;
  /** Cognito's /logout (takes logout_uri) or an OIDC end_session_endpoint (takes post_logout_redirect_uri). */
  logout?: { url: string; kind: 'cognito' | 'oidc' };
}

/** What this tab keeps between leaving for the issuer and coming back (sessionStorage, used once). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** The console's route (location.hash) to return to. */
  returnTo: string;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const DEFAULT_SCOPES = ['openid', 'email', 'billing/read', 'billing/write', 'billing/post'];
const PENDING_KEY = 'billrun.oidc.pending';

export class SignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInError';
  }
}

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => { binary += String.fromCharCode(b); });
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random string of 32 bytes, base64url: 43 characters, as RFC 7636 asks of a verifier (and fine for state, nonce). */
export function randomToken(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  return base64url(random.getRandomValues(new Uint8Array(32)));
}

/** The S256 code challenge: base64url(SHA-256(ASCII(verifier))). */
export async function challengeOf(verifier: string, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The endpoints from config.json, or else from the issuer's /.well-known/openid-configuration. */
export async function endpointsOf(config: OidcConfig, fetcher: Fetch = (u, i) => fetch(u, i)): Promise<Endpoints> {
  if (config.authorizeUrl && config.tokenUrl) {
    return {
      authorize: config.authorizeUrl,
      token: config.tokenUrl,
      logout: config.logoutUrl ? { url: config.logoutUrl, kind: 'cognito' } : undefined,
    };
  }
  const url = `${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetcher(url);
  if (!response.ok) throw new SignInError(`The issuer's discovery document cannot be read (${url}: HTTP ${response.status})`);
  const document = await response.json();
  if (typeof document.authorization_endpoint !== 'string' || typeof document.token_endpoint !== 'string') {
    throw new SignInError(`The issuer's discovery document names no authorization or token endpoint (${url})`);
  }
  return {
    authorize: document.authorization_endpoint,
    token: document.token_endpoint,
    logout: config.logoutUrl ? { url: config.logoutUrl, kind: 'cognito' }
      : typeof document.end_session_endpoint === 'string' ? { url: document.end_session_endpoint, kind: 'oidc' } : undefined,
  };
}

/** The authorization request (RFC 6749 4.1.1 + RFC 7636 4.3 + OIDC nonce). */
export function authorizeUrl(endpoint: string, config: OidcConfig, pending: PendingSignIn, challenge: string): string {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', pending.redirectUri);
  url.searchParams.set('scope', (config.scopes ?? DEFAULT_SCOPES).join(' '));
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The console's own URL, where the issuer sends the browser back (config's redirectUri, else this page). */
export function redirectUriOf(config: OidcConfig, here: Pick<Location, 'origin' | 'pathname'> = location): string {
  return config.redirectUri ?? `${here.origin}${here.pathname}`;
}

/**
 * Starts a sign-in: a fresh verifier, state and nonce kept for this tab, and the URL to send the browser to.
 */
export async function beginSignIn(config: OidcConfig, options: {
  fetcher?: Fetch; storage?: Store; random?: Pick<Crypto, 'getRandomValues'>; subtle?: SubtleCrypto;
  here?: Pick<Location, 'origin' | 'pathname' | 'hash'>;
} = {}): Promise<string> {
  const random = options.random ?? crypto;
  const here = options.here ?? location;
  const endpoints = await endpointsOf(config, options.fetcher);
  const pending: PendingSignIn = {
    state: randomToken(random),
    nonce: randomToken(random),
    verifier: randomToken(random),
    redirectUri: redirectUriOf(config, here),
    returnTo: here.hash,
  };
  (options.storage ?? sessionStorage).setItem(PENDING_KEY, JSON.stringify(pending));
  return authorizeUrl(endpoints.authorize, config, pending, await challengeOf(pending.verifier, options.subtle));
}

/** The token request: the code and the verifier, form-encoded, with the client id and no secret (RFC 6749 4.1.3). */
export function tokenRequest(endpoint: string, clientId: string, code: string, pending: PendingSignIn): { url: string; init: RequestInit } {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    redirect_uri: pending.redirectUri,
    code_verifier: pending.verifier,
  });
  return {
    url: endpoint,
    init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() },
  };
}

/** A JWT's claims, unverified: the API verifies the access token; here they only check nonce, issuer and audience. */
export function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (!part) throw new SignInError('The issuer answered a token that is not a JWT');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

export function isCallback(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

export interface SignedIn {
  accessToken: string;
  idToken?: string;
  /** The route the user was on when the sign-in started. */
  returnTo: string;
}

/**
 * Completes a sign-in on the way back from the issuer (`search` = location.search): the state must be the one this
 * tab sent (else nothing is exchanged), the code is exchanged with the verifier, the ID token's nonce, issuer and
 * audience must match. The pending sign-in is used once, whatever happens.
 */
export async function completeSignIn(search: string, config: OidcConfig, options: {
  fetcher?: Fetch; storage?: Store;
} = {}): Promise<SignedIn> {
  const storage = options.storage ?? sessionStorage;
  const fetcher = options.fetcher ?? ((u, i) => fetch(u, i));
  const params = new URLSearchParams(search);
  const saved = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  const pending: PendingSignIn | null = saved ? JSON.parse(saved) : null;
  if (!pending || params.get('state') !== pending.state) {
    throw new SignInError('This sign-in answer is not for the sign-in this tab started (state mismatch): sign in again.');
  }
  const error = params.get('error');
  if (error) {
    throw new SignInError(`The sign-in was refused: ${params.get('error_description') ?? error}`);
  }
  const code = params.get('code');
  if (!code) throw new SignInError('The sign-in answer has no code');
  const endpoints = await endpointsOf(config, fetcher);
  const request = tokenRequest(endpoints.token, config.clientId, code, pending);
  const response = await fetcher(request.url, request.init);
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new SignInError(`The issuer refused the code: ${answer.error_description ?? answer.error ?? `HTTP ${response.status}`}`);
  }
  if (typeof answer.access_token !== 'string') throw new SignInError('The issuer answered no access token');
  if (typeof answer.id_token === 'string') {
    const id = claimsOf(answer.id_token);
    if (id.nonce !== pending.nonce) throw new SignInError('The ID token is not for this sign-in (nonce mismatch): sign in again.');
    if (String(id.iss ?? '').replace(/\/$/, '') !== config.issuer.replace(/\/$/, '')) {
      throw new SignInError(`The ID token comes from ${String(id.iss)}, not from ${config.issuer}`);
    }
    const audiences = Array.isArray(id.aud) ? id.aud : [id.aud];
    if (!audiences.includes(config.clientId)) throw new SignInError('The ID token is not for this console (audience)');
  }
  return { accessToken: answer.access_token, idToken: answer.id_token, returnTo: pending.returnTo };
}

/** Where signing out sends the browser: the issuer's logout, back to the console; null if the issuer has none. */
export function logoutUrl(endpoints: Endpoints, config: OidcConfig, redirectUri: string): string | null {
  if (!endpoints.logout) return null;
  const url = new URL(endpoints.logout.url);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set(endpoints.logout.kind === 'cognito' ? 'logout_uri' : 'post_logout_redirect_uri', redirectUri);
  return url.toString();
}
