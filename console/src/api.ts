// The public HTTP API (infra/openapi.yaml), called with the signed-in user's JWT. Nothing here knows a rule the
// API does not: it sends, and shows what the API answers (problem+json included).
import type {
  BillRun, BillRunAccepted, BillRunOptions, BillRunStatus, CreditNote, CreditNoteRequest, Failure, Invoice, InvoiceResendQueued,
  Page, Problem, RunAccount, RunEmailsQueued,
} from './types';

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
  status?: BillRunStatus | ''; // GET /bill-runs only
}

/** A file the API answered (a PDF): its bytes, type and the name Content-Disposition gives it. */
export interface Download {
  blob: Blob;
  type: string;
  filename: string;
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

  cancelBillRun(id: string): Promise<BillRunAccepted> {
    return this.post(`/bill-runs/${encodeURIComponent(id)}/cancel`);
  }

  resumeBillRun(id: string): Promise<BillRunAccepted> {
    return this.post(`/bill-runs/${encodeURIComponent(id)}/resume`);
  }

  emailBillRun(id: string): Promise<RunEmailsQueued> {
    return this.post(`/bill-runs/${encodeURIComponent(id)}/email`);
  }

  deleteBillRun(id: string): Promise<void> {
    return this.send('DELETE', `/bill-runs/${encodeURIComponent(id)}`);
  }

  getInvoice(id: string): Promise<Invoice> {
    return this.get(`/invoices/${encodeURIComponent(id)}`);
  }

  invoicePdf(id: string): Promise<Download> {
    return this.download(`/invoices/${encodeURIComponent(id)}/pdf`, `invoice-${id}.pdf`);
  }

  creditNotePdf(id: string): Promise<Download> {
    return this.download(`/credit-notes/${encodeURIComponent(id)}/pdf`, `credit-note-${id}.pdf`);
  }

  voidInvoice(id: string, reason: string, rebill = false): Promise<Invoice> {
    return this.post(`/invoices/${encodeURIComponent(id)}/void`, rebill ? { reason, rebill } : { reason });
  }

  createCreditNote(invoiceId: string, request: CreditNoteRequest): Promise<CreditNote> {
    return this.post(`/invoices/${encodeURIComponent(invoiceId)}/credit-notes`, request);
  }

  listInvoiceCreditNotes(invoiceId: string, query: PageQuery = {}): Promise<Page<CreditNote>> {
    return this.get(`/invoices/${encodeURIComponent(invoiceId)}/credit-notes${pageQuery(query)}`);
  }

  resendInvoice(id: string): Promise<InvoiceResendQueued> {
    return this.post(`/invoices/${encodeURIComponent(id)}/email`);
  }

  /** A binary answer (GET with the JWT, so not a plain link): its bytes, type and file name. */
  async download(path: string, fallbackName: string): Promise<Download> {
    const headers: Record<string, string> = { accept: 'application/pdf, application/problem+json' };
    const token = this.token();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetcher(this.baseUrl + path, { method: 'GET', headers });
    } catch (cause) {
      throw new ApiError({ title: 'The API cannot be reached', status: 0, detail: String(cause) });
    }
    if (!response.ok) throw new ApiError(await problemOf(response));
    const disposition = response.headers.get('content-disposition') ?? '';
    const named = /filename="?([^";]+)"?/i.exec(disposition);
    return {
      blob: await response.blob(),
      type: response.headers.get('content-type') ?? '',
      filename: named ? named[1] : fallbackName,
    };
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

function pageQuery({ cursor, limit, status }: PageQuery): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (limit) params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
}
