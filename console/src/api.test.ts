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

  it('asks the API for one status of runs', async () => {
    const { api, sent } = client(json(200, { items: [], nextCursor: null }));
    await api.listBillRuns({ status: 'POSTED', limit: 25 });
    await api.listBillRuns({ status: '' });
    expect(sent.map((s) => s.url)).toEqual(['http://api.test/bill-runs?status=POSTED&limit=25', 'http://api.test/bill-runs']);
  });

  it('deletes with DELETE and no body; cancels, voids and credits with POST', async () => {
    const { api, sent } = client(new Response(null, { status: 204 }));
    expect(await api.deleteBillRun('r 1')).toBeUndefined();
    expect(sent[0].init.method).toBe('DELETE');
    expect(sent[0].url).toBe('http://api.test/bill-runs/r%201');
    const posts = client(json(200, {}));
    await posts.api.cancelBillRun('r1');
    await posts.api.voidInvoice('i1', 'wrong customer');
    await posts.api.voidInvoice('i1', 'rebill it', true);
    await posts.api.createCreditNote('i1', { reason: 'goodwill', lines: [{ lineId: '1', amount: '1.00' }] });
    expect(posts.sent.map((s) => `${s.init.method} ${s.url.replace('http://api.test', '')} ${s.init.body ?? ''}`)).toEqual([
      'POST /bill-runs/r1/cancel ',
      'POST /invoices/i1/void {"reason":"wrong customer"}',
      'POST /invoices/i1/void {"reason":"rebill it","rebill":true}',
      'POST /invoices/i1/credit-notes {"reason":"goodwill","lines":[{"lineId":"1","amount":"1.00"}]}',
    ]);
  });

  it('downloads a PDF with the token, named as Content-Disposition says', async () => {
    const { api, sent } = client(new Response(new Uint8Array([0x25, 0x50, 0x44, 0x46]), {
      status: 200, headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="INV-000001.pdf"' } }));
    const file = await api.invoicePdf('i1');
    expect(sent[0].url).toBe('http://api.test/invoices/i1/pdf');
    expect((sent[0].init.headers as Record<string, string>).authorization).toBe('Bearer T0K3N');
    expect(file.filename).toBe('INV-000001.pdf');
    expect(file.type).toBe('application/pdf');
    expect(await file.blob.text()).toBe('%PDF');
    const missing = await client(json(404, { title: 'Not found', status: 404 }, 'application/problem+json')).api.invoicePdf('x')
      .catch((e) => e);
    expect(missing).toBeInstanceOf(ApiError);
  });
});
