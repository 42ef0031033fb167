// The shapes of infra/openapi.yaml the console reads (only the fields it uses).

export type BillRunStatus =
  | 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'ERROR' | 'CANCELED' | 'POST_IN_PROGRESS' | 'POSTED' | 'DELETED';

export const BILL_RUN_STATUSES: BillRunStatus[] =
  ['PENDING', 'PROCESSING', 'COMPLETED', 'ERROR', 'CANCELED', 'POST_IN_PROGRESS', 'POSTED'];

export type ChargeType = 'RECURRING' | 'ONE_TIME' | 'USAGE';

export interface BillRunOptions {
  targetDate: string;
  invoiceDate?: string;
  batches?: string[];
  billCycleDay?: number;
  accountIds?: string[];
  chargeTypesToExclude?: ChargeType[];
  autoPost?: boolean;
  autoEmail?: boolean;
  noEmailForZeroAmountInvoice?: boolean;
}

export interface BillRun {
  id: string;
  number: string;
  status: BillRunStatus;
  hasErrors: boolean;
  options: BillRunOptions;
  counts: { accountsSelected: number; accountsProcessed: number; invoicesGenerated: number; failedAccounts: number };
  totals: Record<string, string>;
  batchCount?: number;
  batchesDone: number;
  invoicesPosted: number;
  retryOf?: string;
  retries: string[];
  initiatorEmail: string;
  createdAt: string;
  errorCause?: string;
  auditTrail: { action: string; by: string; at: string }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Invoice {
  id: string;
  number?: string;
  accountId: string;
  billRunId?: string;
  items?: InvoiceLine[]; // GET /invoices/{id} has them; a run's tab too
  creditedTotal?: string;
  creditApplications?: { amount: string }[];
  voided?: { at: string; by?: string; reason: string; rebilled: boolean };
  status: string;
  currency: string;
  invoiceDate: string;
  dueDate: string;
  subtotal: string;
  taxTotal: string;
  total: string;
  balance: string;
}

export interface RunAccount {
  accountId: string;
  outcome: 'INVOICED' | 'NOTHING_TO_BILL' | 'FAILED';
  invoiceId?: string;
  currency?: string;
  total?: string;
  failedSubscriptions?: number;
}

export interface Failure {
  accountId: string;
  subscriptionId?: string;
  field?: string;
  reason: string;
}

export interface BillRunAccepted {
  id: string;
  number: string;
  status: BillRunStatus;
}

/** RFC 9457 problem details as the API answers them; `field` names the offending input. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  field?: string;
}

export type InvoiceStatus = 'DRAFT' | 'POSTED' | 'CANCELED' | 'VOIDED';

export interface InvoiceLine {
  lineId: string;
  chargeId: string;
  chargeName: string;
  kind: string;
  servicePeriodStart: string;
  servicePeriodEnd: string;
  quantity?: string;
  unitPrice?: string;
  amount: string;
  credited: string;
}

export interface CreditNoteRequest {
  reason: string;
  lines?: { lineId: string; amount: string }[];
}

export interface CreditNote {
  id: string;
  number: string;
  invoiceId: string;
  invoiceNumber?: string;
  currency: string;
  date: string;
  reason: string;
  subtotal: string;
  taxTotal: string;
  total: string;
  appliedToInvoice: string;
  toAccountCredit: string;
  createdBy?: string;
  createdAt: string;
}

export interface RunEmailsQueued {
  billRunId: string;
  queued: number;
  alreadyEmailed: number;
  zeroAmountSkipped: number;
}

export interface InvoiceResendQueued {
  invoiceId: string;
  resendId: string;
  requestedBy: string;
  requestedAt: string;
}
