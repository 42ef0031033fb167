// The OIDC sign-in (src/oidc.ts) in a real browser: the built console, served with an "oidc" config.json beside a
// stand-in issuer that checks what a real one checks (PKCE S256: the verifier must hash to the challenge; the
// redirect URI; a public client, no secret) and a stand-in API that wants the access token. Chromium through
// playwright-core, as the journey (e2e/journey.mjs); skipped, saying so, without Chromium, except under CI.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CONSOLE = join(dirname(fileURLToPath(import.meta.url)), '..');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const present = existsSync(browserPath);
if (!present && process.env.CI) throw new Error(`oidc-sign-in.test: no Chromium at ${browserPath} under CI (.ci/run installs it)`);
if (!present) console.warn(`oidc-sign-in.test: no Chromium at ${browserPath}: skipped (apt-get install -y chromium)`);

const b64url = (data) => Buffer.from(data).toString('base64url');
const jwt = (claims) => `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify(claims))}.c2ln`;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

describe.skipIf(!present)('OIDC sign-in in Chromium', () => {
  let server;
  let origin;
  let context;
  const seen = { authorize: [], token: [], api: [], logout: [] };
  let issued = null; // what the authorize request asked for, for the token request to match
  const accessToken = jwt({ tenant: 'acme', email: 'ana@acme.example', scope: 'openid email billing/read', exp: Math.floor(Date.now() / 1000) + 3600 });

  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'console-oidc-dist-'));
    execFileSync(join(CONSOLE, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], { cwd: CONSOLE });
    server = createServer((request, response) => {
      const url = new URL(request.url, origin);
      const send = (status, body, headers = {}) => { response.writeHead(status, headers); response.end(body); };
      if (url.pathname === '/config.json') {
        return send(200, JSON.stringify({
          apiUrl: `${origin}/api`, signIn: 'oidc', issuer: `${origin}/issuer`, clientId: 'console', redirectUri: `${origin}/`,
          authorizeUrl: `${origin}/issuer/authorize`, tokenUrl: `${origin}/issuer/token`, logoutUrl: `${origin}/issuer/logout`,
        }), { 'content-type': 'application/json' });
      }
      if (url.pathname === '/issuer/authorize') {
        const query = Object.fromEntries(url.searchParams);
        seen.authorize.push(query);
        issued = { ...query, code: `code-${seen.authorize.length}` };
        return send(302, '', { location: `${query.redirect_uri}?code=${issued.code}&state=${encodeURIComponent(query.state)}` });
      }
      if (url.pathname === '/issuer/token' && request.method === 'POST') {
        let body = '';
        request.on('data', (chunk) => { body += chunk; });
        request.on('end', () => {
          const form = Object.fromEntries(new URLSearchParams(body));
          const pkce = issued && createHash('sha256').update(form.code_verifier ?? '').digest('base64url') === issued.code_challenge;
          seen.token.push({ form, pkce, contentType: request.headers['content-type'], authorization: request.headers.authorization });
          if (!pkce || form.code !== issued.code || form.redirect_uri !== issued.redirect_uri) {
            return send(400, JSON.stringify({ error: 'invalid_grant' }), { 'content-type': 'application/json' });
          }
          send(200, JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600,
            id_token: jwt({ iss: `${origin}/issuer`, aud: 'console', nonce: issued.nonce }) }), { 'content-type': 'application/json' });
        });
        return undefined;
      }
      if (url.pathname === '/issuer/logout') {
        seen.logout.push(Object.fromEntries(url.searchParams));
        return send(302, '', { location: url.searchParams.get('logout_uri') });
      }
      if (url.pathname.startsWith('/api/')) {
        seen.api.push({ path: url.pathname, authorization: request.headers.authorization });
        if (request.headers.authorization !== `Bearer ${accessToken}`) return send(401, '{"message":"Unauthorized"}');
        return send(200, JSON.stringify({ items: [], nextCursor: null }), { 'content-type': 'application/json' });
      }
      const file = normalize(join(dist, url.pathname === '/' ? 'index.html' : url.pathname));
      if (!file.startsWith(dist) || !existsSync(file)) return send(404, 'not found');
      return send(200, readFileSync(file), { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${server.address().port}`;
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'console-oidc-profile-')), {
      executablePath: browserPath, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    context.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    server?.close();
  });

  it('signs in with code + PKCE, calls the API with the access token, and signs out through the issuer', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/#/runs`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByTestId('who').waitFor();
    expect(await page.getByTestId('who').textContent()).toContain('ana@acme.example · acme');
    expect(new URL(page.url()).search).toBe(''); // the code and state are gone from the address bar
    expect(new URL(page.url()).hash).toBe('#/runs'); // back where the sign-in started
    expect(seen.authorize).toHaveLength(1);
    expect(seen.authorize[0]).toMatchObject({ response_type: 'code', client_id: 'console', redirect_uri: `${origin}/`,
      code_challenge_method: 'S256', scope: 'openid email billing/read billing/write billing/post' });
    expect(seen.authorize[0].code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(seen.token).toHaveLength(1);
    expect(seen.token[0].pkce).toBe(true); // the verifier sent hashes to the challenge sent before
    expect(seen.token[0].form).toMatchObject({ grant_type: 'authorization_code', client_id: 'console', code: 'code-1' });
    expect(seen.token[0].form).not.toHaveProperty('client_secret');
    expect(seen.token[0].authorization).toBeUndefined();
    expect(seen.token[0].contentType).toBe('application/x-www-form-urlencoded');
    await expect.poll(() => seen.api.length).toBeGreaterThan(0);
    expect(seen.api.every((call) => call.authorization === `Bearer ${accessToken}`)).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(seen.logout).toEqual([{ client_id: 'console', logout_uri: `${origin}/` }]);
    await page.close();
  }, 120_000);

  it('refuses an answer it did not ask for (state), and exchanges no code', async () => {
    const page = await context.newPage();
    const before = seen.token.length;
    await page.goto(`${origin}/?code=stolen&state=forged`);
    await expect.poll(async () => page.getByRole('alert').textContent().catch(() => '')).toContain('state mismatch');
    expect(seen.token.length).toBe(before);
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  }, 60_000);
});
