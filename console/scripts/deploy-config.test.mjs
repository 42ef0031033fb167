import { describe, expect, it } from 'vitest';
import { consoleConfig, INVALIDATION_PATHS, outputsOf, uploadPlan } from './deploy-config.mjs';

const cognitoStack = {
  Stacks: [{
    StackName: 'billrun',
    Outputs: [
      { OutputKey: 'ApiUrl', OutputValue: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com' },
      { OutputKey: 'ConsoleUrl', OutputValue: 'https://d111.cloudfront.net/' },
      { OutputKey: 'ConsoleBucket', OutputValue: 'billrun-consolebucket-1' },
      { OutputKey: 'ConsoleDistributionId', OutputValue: 'E2EXAMPLE' },
      { OutputKey: 'OidcIssuer', OutputValue: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1' },
      { OutputKey: 'ConsoleClientId', OutputValue: '4client' },
      { OutputKey: 'UserPoolId', OutputValue: 'eu-west-1_Pool1' },
      { OutputKey: 'HostedUiDomain', OutputValue: 'billrun-uuid.auth.eu-west-1.amazoncognito.com' },
    ],
  }],
};

describe('config.json from the stack outputs', () => {
  it('names the API, the issuer, the client and the hosted UI endpoints of the stack\'s user pool', () => {
    expect(consoleConfig(outputsOf(cognitoStack))).toEqual({
      apiUrl: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com',
      signIn: 'oidc',
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Pool1',
      clientId: '4client',
      redirectUri: 'https://d111.cloudfront.net/',
      scopes: ['openid', 'email', 'billing/read', 'billing/write', 'billing/post'],
      authorizeUrl: 'https://billrun-uuid.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
      tokenUrl: 'https://billrun-uuid.auth.eu-west-1.amazoncognito.com/oauth2/token',
      logoutUrl: 'https://billrun-uuid.auth.eu-west-1.amazoncognito.com/logout',
    });
  });

  it('leaves the endpoints to discovery with another issuer, and trims the API URL\'s slash', () => {
    const outputs = { ApiUrl: 'https://api.example/', ConsoleUrl: 'https://console.example', OidcIssuer: 'https://idp.example', ConsoleClientId: 'c' };
    const config = consoleConfig(outputs);
    expect(config.apiUrl).toBe('https://api.example');
    expect(config.redirectUri).toBe('https://console.example/');
    expect(config).not.toHaveProperty('authorizeUrl');
    expect(config).not.toHaveProperty('tokenUrl');
  });

  it('says which output is missing', () => {
    expect(() => consoleConfig({ ApiUrl: 'https://a', ConsoleUrl: 'https://c/', OidcIssuer: 'https://i' })).toThrow(/ConsoleClientId/);
    expect(() => outputsOf({ Stacks: [] })).toThrow(/no stack/);
  });
});

describe('the upload', () => {
  it('puts the hashed assets first, cached a year, and index.html last, revalidated', () => {
    const plan = uploadPlan(['index.html', 'config.json', 'assets/index-AbC.js', 'assets/index-XyZ.css']);
    expect(plan).toEqual([
      { key: 'assets/index-AbC.js', contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' },
      { key: 'assets/index-XyZ.css', contentType: 'text/css; charset=utf-8', cacheControl: 'public, max-age=31536000, immutable' },
      { key: 'config.json', contentType: 'application/json', cacheControl: 'no-cache' },
      { key: 'index.html', contentType: 'text/html; charset=utf-8', cacheControl: 'no-cache' },
    ]);
    expect(INVALIDATION_PATHS).toEqual(['/', '/index.html', '/config.json']);
  });
});
