// The public HTTP API (infra/openapi.yaml), called with the signed-in user's JWT. Nothing here knows a rule the
// API does not: it sends, and shows what the API answers (problem+json included).
import type { BillRun, BillRunAccepted, BillRunOptions, Failure, Invoice, Page, Problem, RunAccount } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  /** The offending input (`accountIds[2]`), when the API named one. */
  get field(): string | undefined {
    return this.problem.field;
  }
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface PageQuery {
  cursor?: string | null;
  limit?: number;
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string | null,
    private readonly fetcher: Fetch = (input, init) => fetch(input, init),
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  listBillRuns(query: PageQuery = {}): Promise<Page<BillRun>> {
    return this.get(`/bill-runs${pageQuery(query)}`);
  }

  getBillRun(id: string): Promise<BillRun> {
    return this.get(`/bill-runs/${encodeURIComponent(id)}`);
  }

  listRunInvoices(id: string, query: PageQuery = {}): Promise<Page<Invoice>> {
    return this.get(`/bill-runs/${encodeURIComponent(id)}/invoices${pageQuery(query)}`);
  }

  listRunAccounts(id: string, query: PageQuery = {}): Promise<Page<RunAccount>> {
    return this.get(`/bill-runs/${encodeURIComponent(id)}/accounts${pageQuery(query)}`);
  }

  listRunFailures(id: string, query: PageQuery = {}): Promise<Page<Failure>> {
    return this.get(`/bill-runs/${encodeURIComponent(id)}/failures${pageQuery(query)}`);
  }

  createBillRun(options: BillRunOptions): Promise<BillRunAccepted> {
    return this.post('/bill-runs', options);
  }

  postBillRun(id: string): Promise<BillRunAccepted> {
    return this.post(`/bill-runs/${encodeURIComponent(id)}/post`);
  }

  retryFailures(id: string): Promise<BillRunAccepted> {
    return this.post(`/bill-runs/${encodeURIComponent(id)}/retry-failures`);
  }

  /** Any route, for the screens' own clients (accountsApi.ts): a POST carries a fresh Idempotency-Key. */
  call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, body, method === 'POST' ? this.newKey() : undefined);
  }

  private get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** Every POST carries a fresh Idempotency-Key: a double click or a retried request starts one thing. */
  private post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body, this.newKey());
  }

  private async send<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetcher(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError({ title: 'The API cannot be reached', status: 0, detail: String(cause) });
    }
    if (response.ok) {
      return (response.status === 204 ? undefined : await response.json()) as T;
    }
    throw new ApiError(await problemOf(response));
  }
}

/** problem+json as sent; API Gateway's own `{"message": ...}` (401 from the authorizer) as a problem too. */
export async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body && typeof body.title === 'string') return { ...body, status: body.status ?? response.status };
    if (body && typeof body.message === 'string') return { title: body.message, status: response.status };
  } catch {
    // not JSON: the status says it all
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text || undefined };
}

function pageQuery({ cursor, limit }: PageQuery): string {
  const params = new URLSearchParams();
  if (limit) params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
}
