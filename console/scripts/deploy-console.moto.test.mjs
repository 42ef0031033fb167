// The deploy step end to end against moto_server's CloudFormation, S3 and CloudFront, with the AWS CLI: skipped,
// saying so, where either is not installed (moto is a Python package: pip install 'moto[server]').
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'deploy-console.mjs');
const installed = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const present = installed('moto_server') && installed('aws');
if (!present) console.warn('deploy-console.moto.test: moto_server or the AWS CLI is not installed: skipped');

function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => done(port)); });
  });
}

describe.skipIf(!present)('deploy-console.mjs against moto_server', () => {
  let moto;
  let env;
  const aws = (...args) => JSON.parse(execFileSync('aws', [...args, '--output', 'json'], { env, encoding: 'utf8' }) || '{}');

  beforeAll(async () => {
    const port = await freePort();
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    env = { ...process.env, AWS_ACCESS_KEY_ID: 'moto', AWS_SECRET_ACCESS_KEY: 'moto', AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` };
    for (let tries = 0; ; tries++) { // until it answers
      try { aws('s3api', 'list-buckets'); break; } catch (notYet) {
        if (tries > 100) throw notYet;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }, 120_000);

  afterAll(() => moto?.kill());

  it('writes config.json from the outputs, uploads dist with its cache headers and invalidates the pages', () => {
    const distribution = aws('cloudfront', 'create-distribution', '--distribution-config', JSON.stringify({
      CallerReference: 'console', Comment: '', Enabled: true,
      Origins: { Quantity: 1, Items: [{ Id: 'o', DomainName: 'b.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
      DefaultCacheBehavior: { TargetOriginId: 'o', ViewerProtocolPolicy: 'redirect-to-https', MinTTL: 0,
        ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } } },
    })).Distribution;
    const template = { // the outputs template.yaml gives, around a real bucket
      Parameters: { DistributionId: { Type: 'String' } },
      Resources: { ConsoleBucket: { Type: 'AWS::S3::Bucket' } },
      Outputs: {
        ApiUrl: { Value: 'https://a1b2c3.execute-api.us-east-1.amazonaws.com' },
        ConsoleUrl: { Value: `https://${distribution.DomainName}/` },
        ConsoleBucket: { Value: { Ref: 'ConsoleBucket' } },
        ConsoleDistributionId: { Value: { Ref: 'DistributionId' } },
        OidcIssuer: { Value: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1' },
        ConsoleClientId: { Value: '4client' },
        HostedUiDomain: { Value: 'billrun-x.auth.us-east-1.amazoncognito.com' },
      },
    };
    aws('cloudformation', 'create-stack', '--stack-name', 'billrun-moto', '--template-body', JSON.stringify(template),
      '--parameters', `ParameterKey=DistributionId,ParameterValue=${distribution.Id}`);
    const dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/index-AbC.js"></script>');
    writeFileSync(join(dist, 'assets', 'index-AbC.js'), 'console.log(1)');

    const out = execFileSync('node', [SCRIPT, '--stack', 'billrun-moto', '--dist', dist, '--skip-build'], { env, encoding: 'utf8' });

    const bucket = aws('cloudformation', 'describe-stacks', '--stack-name', 'billrun-moto').Stacks[0].Outputs
      .find((o) => o.OutputKey === 'ConsoleBucket').OutputValue;
    const keys = aws('s3api', 'list-objects-v2', '--bucket', bucket).Contents.map((o) => o.Key).sort();
    expect(keys).toEqual(['assets/index-AbC.js', 'config.json', 'index.html']);
    expect(aws('s3api', 'head-object', '--bucket', bucket, '--key', 'assets/index-AbC.js').CacheControl).toBe('public, max-age=31536000, immutable');
    const index = aws('s3api', 'head-object', '--bucket', bucket, '--key', 'index.html');
    expect(index.CacheControl).toBe('no-cache');
    expect(index.ContentType).toBe('text/html; charset=utf-8');
    const file = join(dist, 'downloaded.json');
    aws('s3api', 'get-object', '--bucket', bucket, '--key', 'config.json', file);
    const config = JSON.parse(execFileSync('cat', [file], { encoding: 'utf8' }));
    expect(config).toMatchObject({ apiUrl: 'https://a1b2c3.execute-api.us-east-1.amazonaws.com', signIn: 'oidc', clientId: '4client',
      redirectUri: `https://${distribution.DomainName}/`, tokenUrl: 'https://billrun-x.auth.us-east-1.amazoncognito.com/oauth2/token' });
    const invalidations = aws('cloudfront', 'list-invalidations', '--distribution-id', distribution.Id).InvalidationList;
    expect(invalidations.Items).toHaveLength(1);
    const invalidation = aws('cloudfront', 'get-invalidation', '--distribution-id', distribution.Id, '--id', invalidations.Items[0].Id);
    expect(invalidation.Invalidation.InvalidationBatch.Paths.Items.sort()).toEqual(['/', '/config.json', '/index.html']);
    expect(out).toContain(`Console: https://${distribution.DomainName}/`);
  }, 300_000); // each AWS CLI call starts a Python process: seconds apiece on a busy machine
});
