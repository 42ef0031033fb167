// The accounts, schedules and settings routes of infra/openapi.yaml, over the console's ApiClient (its token,
// its problem+json handling, an Idempotency-Key on every POST).
import type { ApiClient, PageQuery } from './api';
import type {
  Account, ActivityEntry, ChargePricing, CreditNote, FullInvoice, InvoicePreview, Payment, PaymentCreate,
  PaymentReceipt, Schedule, ScheduleCreate, Settings, Subscription,
} from './accountTypes';
import type { Page } from './types';

const id = encodeURIComponent;

export function pageQuery({ cursor, limit }: PageQuery): string {
  const params = new URLSearchParams();
  if (limit) params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export class AccountsApi {
  constructor(private readonly api: ApiClient) {}

  listAccounts(query: PageQuery = {}): Promise<Page<Account>> {
    return this.api.call('GET', `/accounts${pageQuery(query)}`);
  }

  getAccount(accountId: string): Promise<Account> {
    return this.api.call('GET', `/accounts/${id(accountId)}`);
  }

  listSubscriptions(accountId: string, query: PageQuery = {}): Promise<Page<Subscription>> {
    return this.api.call('GET', `/accounts/${id(accountId)}/subscriptions${pageQuery(query)}`);
  }

  listInvoices(accountId: string, query: PageQuery = {}): Promise<Page<FullInvoice>> {
    return this.api.call('GET', `/accounts/${id(accountId)}/invoices${pageQuery(query)}`);
  }

  listCreditNotes(accountId: string, query: PageQuery = {}): Promise<Page<CreditNote>> {
    return this.api.call('GET', `/accounts/${id(accountId)}/credit-notes${pageQuery(query)}`);
  }

  listPayments(accountId: string, query: PageQuery = {}): Promise<Page<Payment>> {
    return this.api.call('GET', `/accounts/${id(accountId)}/payments${pageQuery(query)}`);
  }

  activity(accountId: string, query: PageQuery = {}): Promise<Page<ActivityEntry>> {
    return this.api.call('GET', `/accounts/${id(accountId)}/activity${pageQuery(query)}`);
  }

  recordPayment(accountId: string, payment: PaymentCreate): Promise<PaymentReceipt> {
    return this.api.call('POST', `/accounts/${id(accountId)}/payments`, payment);
  }

  previewInvoice(accountId: string, targetDate: string): Promise<InvoicePreview> {
    return this.api.call('POST', `/accounts/${id(accountId)}/invoice-preview`, { targetDate });
  }

  amendCharge(subscriptionId: string, chargeId: string, pricing: ChargePricing): Promise<Subscription> {
    return this.api.call('PUT', `/subscriptions/${id(subscriptionId)}/charges/${id(chargeId)}`, pricing);
  }

  listSchedules(query: PageQuery = {}): Promise<Page<Schedule>> {
    return this.api.call('GET', `/schedules${pageQuery(query)}`);
  }

  createSchedule(schedule: ScheduleCreate): Promise<Schedule> {
    return this.api.call('POST', '/schedules', schedule);
  }

  deleteSchedule(scheduleId: string): Promise<void> {
    return this.api.call('DELETE', `/schedules/${id(scheduleId)}`);
  }

  getSettings(): Promise<Settings> {
    return this.api.call('GET', '/settings');
  }

  putSettings(settings: Settings): Promise<Settings> {
    return this.api.call('PUT', '/settings', settings);
  }
}
