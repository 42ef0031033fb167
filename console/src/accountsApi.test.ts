import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api';
import { AccountsApi } from './accountsApi';

function client(answer: Response) {
  const sent: { url: string; init: RequestInit }[] = [];
  const api = new AccountsApi(new ApiClient('http://api.test', () => 'T0K3N', async (url, init) => {
    sent.push({ url, init: init ?? {} });
    return answer.clone();
  }, () => 'key-1'));
  return { api, sent };
}
const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const headers = (init: RequestInit) => init.headers as Record<string, string>;

describe('AccountsApi', () => {
  it('pages accounts with the cursor', async () => {
    const { api, sent } = client(json(200, { items: [], nextCursor: null }));
    await api.listAccounts({ cursor: 'c/1', limit: 50 });
    expect(sent[0].url).toBe('http://api.test/accounts?limit=50&cursor=c%2F1');
  });

  it('amends a charge with PUT, without an Idempotency-Key (a PUT is idempotent)', async () => {
    const { api, sent } = client(json(200, { id: 'S-1', charges: [] }));
    await api.amendCharge('S/1', 'seats', { tiers: [{ upTo: null, unitPrice: '10.00' }] });
    expect(sent[0].url).toBe('http://api.test/subscriptions/S%2F1/charges/seats');
    expect(sent[0].init.method).toBe('PUT');
    expect(headers(sent[0].init)['idempotency-key']).toBeUndefined();
    expect(JSON.parse(String(sent[0].init.body))).toEqual({ tiers: [{ upTo: null, unitPrice: '10.00' }] });
  });

  it('records a payment with an Idempotency-Key', async () => {
    const { api, sent } = client(json(201, { id: 'P-1', amount: '100.25', accountBalance: '10.00' }));
    await api.recordPayment('A-1', { amount: '100.25', date: '2026-12-05' });
    expect(sent[0].init.method).toBe('POST');
    expect(headers(sent[0].init)['idempotency-key']).toBe('key-1');
  });

  it('deletes a schedule (204, no body)', async () => {
    const { api, sent } = client(new Response(null, { status: 204 }));
    expect(await api.deleteSchedule('sch-1')).toBeUndefined();
    expect(sent[0].init.method).toBe('DELETE');
  });

  it('throws the problem with its field', async () => {
    const { api } = client(json(422, { type: 't', title: 'Invalid field', status: 422, detail: 'the last tier must be open (upTo null)',
      field: 'tiers[0].upTo' }, 'application/problem+json'));
    const error = await api.amendCharge('S-1', 'seats', { tiers: [] }).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.field).toBe('tiers[0].upTo');
    expect(error.status).toBe(422);
  });
});
