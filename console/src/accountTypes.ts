// The shapes of infra/openapi.yaml the accounts, schedules and settings screens read (only the fields they use).
import type { BillRunOptions, BillRunStatus, ChargeType, CreditNote, Invoice, InvoiceLine } from './types';

export type { CreditNote };

export type AccountStatus = 'ACTIVE' | 'PAST_DUE' | 'CLOSED';

export interface Account {
  id: string;
  name: string;
  billToEmail: string;
  currency: string;
  billCycleDay: number;
  batch: string;
  taxRate?: string;
  paymentTermDays?: number;
  balance: string;
  status: AccountStatus;
}

export interface Tier {
  upTo?: string | null;
  unitPrice: string;
}

export type PricingModel = 'FLAT_FEE' | 'PER_UNIT' | 'TIERED' | 'VOLUME';

export interface Charge {
  id: string;
  name: string;
  type: ChargeType;
  model: PricingModel;
  price?: string;
  tiers?: Tier[];
  quantity?: string;
  billingPeriod?: string;
  billingTiming?: string;
  startDate?: string;
  taxable: boolean;
  chargedThroughDate?: string;
}

export interface Subscription {
  id: string;
  accountId: string;
  status: 'PENDING' | 'ACTIVE' | 'ENDED';
  startDate: string;
  endDate?: string;
  charges: Charge[];
}

/** PUT /subscriptions/{id}/charges/{chargeId}. */
export interface ChargePricing {
  price?: string;
  tiers?: Tier[];
  quantity?: string;
}

/** An invoice with its lines, as GET /accounts/{id}/invoices and the preview give it. */
export interface FullInvoice extends Invoice {
  items: InvoiceLine[];
}

export interface InvoicePreview {
  invoice: FullInvoice | null;
  failures: { subscriptionId: string; field: string; reason: string }[];
}

export interface PaymentCreate {
  amount: string;
  date: string;
  invoiceId?: string;
}

export interface Payment {
  id: string;
  accountId: string;
  amount: string;
  date: string;
  invoiceId?: string;
  allocations: { invoiceId: string; applied: string; newBalance: string }[];
  unapplied: string;
  accountBalance: string;
  recordedBy?: string;
  recordedAt: string;
}

export interface PaymentReceipt extends Payment {
  accountStatus: AccountStatus;
}

export interface ActivityEntry {
  date: string;
  kind: 'INVOICE' | 'CREDIT_APPLIED' | 'PAYMENT' | 'CREDIT_NOTE' | 'VOID' | 'CHARGE_AMENDED';
  documentId: string;
  number?: string;
  invoiceId?: string;
  description: string;
  amount: string;
  balanceChange: string;
  balance: string;
}

/** What a schedule's runs bill: a run's selection and options, its invoice date an offset from the firing. */
export type ScheduleRun = Omit<BillRunOptions, 'targetDate' | 'invoiceDate'> & { invoiceDateOffsetDays?: number };

export interface ScheduleCreate {
  name?: string;
  expression: string;
  timeZone: string;
  run?: ScheduleRun;
}

export interface Schedule extends ScheduleCreate {
  id: string;
  run: ScheduleRun;
  ownerEmail: string;
  createdAt: string;
  nextRunAt?: string;
  state: 'ENABLED' | 'DISABLED';
}

export type ProrationMethod = 'ACTUAL_DAYS' | 'THIRTY_DAY_MONTH' | 'THIRTY_360';
export type RoundingMode = 'HALF_UP' | 'HALF_EVEN';

export interface Settings {
  prorationMethod: ProrationMethod;
  roundingMode: RoundingMode;
  invoiceNumberPrefix?: string;
  creditNoteNumberPrefix?: string;
  numberDigits?: number;
  applyCreditAutomatically?: boolean;
}

export type { BillRunStatus };
