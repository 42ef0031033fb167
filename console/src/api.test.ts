import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api';

interface Sent { url: string; init: RequestInit }

function client(answer: Response, token: string | null = 'T0K3N') {
  const sent: Sent[] = [];
  const api = new ApiClient('http://api.test', () => token, async (url, init) => {
    sent.push({ url, init: init ?? {} });
    return answer.clone();
  }, () => 'key-1');
  return { api, sent };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('ApiClient', () => {
  it('sends the bearer token and the cursor of the previous page', async () => {
    const { api, sent } = client(json(200, { items: [], nextCursor: null }));
    await api.listBillRuns({ cursor: 'abc/+=', limit: 20 });
    expect(sent[0].url).toBe('http://api.test/bill-runs?limit=20&cursor=abc%2F%2B%3D');
    expect((sent[0].init.headers as Record<string, string>).authorization).toBe('Bearer T0K3N');
    expect(sent[0].init.method).toBe('GET');
  });

  it('escapes ids in paths', async () => {
    const { api, sent } = client(json(200, { items: [], nextCursor: null }));
    await api.listRunFailures('a/b', {});
    expect(sent[0].url).toBe('http://api.test/bill-runs/a%2Fb/failures');
  });

  it('posts JSON with an Idempotency-Key', async () => {
    const { api, sent } = client(json(202, { id: 'r1', number: 'BR-000001', status: 'PENDING' }));
    const accepted = await api.createBillRun({ targetDate: '2026-12-01', accountIds: ['A-1'] });
    expect(accepted.number).toBe('BR-000001');
    const headers = sent[0].init.headers as Record<string, string>;
    expect(headers['idempotency-key']).toBe('key-1');
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ targetDate: '2026-12-01', accountIds: ['A-1'] });
  });

  it('turns problem+json into an ApiError that names the field', async () => {
    const { api } = client(json(422, { type: 'https://billrun.dev/problems/invalid-field', title: 'Invalid field',
      status: 422, detail: 'appears twice', field: 'accountIds[1]' }, 'application/problem+json'));
    const error = await api.createBillRun({ targetDate: '2026-12-01' }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.field).toBe('accountIds[1]');
    expect(error.message).toBe('Invalid field: appears twice');
  });

  it("reads the gateway's own 401 and a body that is not JSON", async () => {
    const unauthorized = await client(json(401, { message: 'Unauthorized' })).api.getBillRun('r1').catch((e) => e);
    expect(unauthorized.problem).toEqual({ title: 'Unauthorized', status: 401 });
    const broken = await client(new Response('boom', { status: 502, statusText: 'Bad Gateway' })).api.getBillRun('r1')
      .catch((e) => e);
    expect(broken.problem).toEqual({ title: 'Bad Gateway', status: 502, detail: 'boom' });
  });

  it('says when the API cannot be reached', async () => {
    const api = new ApiClient('http://api.test', () => null, async () => { throw new TypeError('fetch failed'); });
    const error = await api.listBillRuns().catch((e) => e);
    expect(error.status).toBe(0);
    expect(error.message).toContain('cannot be reached');
  });
});
