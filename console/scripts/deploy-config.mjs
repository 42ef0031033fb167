// What the console's deploy step (deploy-console.mjs) writes and uploads, as pure functions: config.json from the
// stack's outputs (template.yaml), and how each built file is cached. Tested by deploy-config.test.mjs.

/** describe-stacks' answer → {OutputKey: OutputValue} of the (first) stack. */
export function outputsOf(describeStacks) {
  const stack = describeStacks?.Stacks?.[0];
  if (!stack) throw new Error('describe-stacks answered no stack');
  return Object.fromEntries((stack.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
}

function required(outputs, key) {
  const value = outputs[key];
  if (!value) throw new Error(`the stack has no output ${key}: is it deployed from this repository's template.yaml?`);
  return value;
}

/**
 * config.json for the console on AWS (console/src/main.tsx reads it): the API, and the OIDC sign-in against the
 * issuer the API trusts. With the stack's own user pool (output HostedUiDomain) the endpoints are the hosted UI's;
 * with another issuer the console reads them from the issuer's discovery document.
 */
export function consoleConfig(outputs) {
  const consoleUrl = required(outputs, 'ConsoleUrl');
  const config = {
    apiUrl: required(outputs, 'ApiUrl').replace(/\/+$/, ''),
    signIn: 'oidc',
    issuer: required(outputs, 'OidcIssuer'),
    clientId: required(outputs, 'ConsoleClientId'),
    redirectUri: consoleUrl.endsWith('/') ? consoleUrl : `${consoleUrl}/`,
    scopes: ['openid', 'email', 'billing/read', 'billing/write', 'billing/post'],
  };
  const hostedUi = outputs.HostedUiDomain;
  if (hostedUi) {
    config.authorizeUrl = `https://${hostedUi}/oauth2/authorize`;
    config.tokenUrl = `https://${hostedUi}/oauth2/token`;
    config.logoutUrl = `https://${hostedUi}/logout`;
  }
  return config;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/**
 * The uploads in a safe order, each with its headers: the content-hashed assets first (cached a year, immutable),
 * then everything else revalidated on every use (index.html last, so that it never names an asset not there yet).
 * `files` are paths relative to console/dist, with '/' separators.
 */
export function uploadPlan(files) {
  const plan = files.map((key) => {
    const extension = key.slice(key.lastIndexOf('.')).toLowerCase();
    const hashed = key.startsWith('assets/');
    return {
      key,
      contentType: TYPES[extension] ?? 'application/octet-stream',
      cacheControl: hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
  });
  const rank = (item) => (item.key.startsWith('assets/') ? 0 : item.key === 'index.html' ? 2 : 1);
  return plan.sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

/** What CloudFront must forget after a deploy: the pages it may hold for 60 s (assets are new names each build). */
export const INVALIDATION_PATHS = ['/', '/index.html', '/config.json'];
