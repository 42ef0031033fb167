// The accounts, schedules and settings screens' own logic, kept out of the components (accounts.test.ts). The
// API judges every value: these helpers only turn what was typed into a request and an answer's `field` into
// the control it belongs to.
import type { Charge, ChargePricing, PaymentCreate, ScheduleCreate, Tier } from './accountTypes';
import type { ChargeType } from './types';

// ---------------------------------------------------------------- editing a charge's pricing

/** One row of the tier editor: an upper bound (inclusive) and a unit price; `open` is a last tier with no bound. */
export interface TierRow {
  upTo: string;
  unitPrice: string;
  open: boolean;
}

export interface ChargeForm {
  price: string;
  tiers: TierRow[];
  quantity: string;
}

export function isTiered(charge: Pick<Charge, 'model'>): boolean {
  return charge.model === 'TIERED' || charge.model === 'VOLUME';
}

/** A charge can be edited only while never billed: billed periods are corrected by credit notes. */
export function canEditCharge(charge: Charge): boolean {
  return !charge.chargedThroughDate;
}

/** The form as the charge is stored: a tier without upTo is open. */
export function chargeForm(charge: Charge): ChargeForm {
  return {
    price: charge.price ?? '',
    tiers: (charge.tiers ?? []).map((tier) => ({ upTo: tier.upTo ?? '', unitPrice: tier.unitPrice, open: tier.upTo == null })),
    quantity: charge.quantity ?? '',
  };
}

/** A new tier below the open one: the open tier stays last; with no open tier, the new one is appended open. */
export function addTier(rows: TierRow[]): TierRow[] {
  const last = rows.at(-1);
  if (last?.open) return [...rows.slice(0, -1), { upTo: '', unitPrice: '', open: false }, last];
  return [...rows, { upTo: '', unitPrice: '', open: true }];
}

export function removeTier(rows: TierRow[], index: number): TierRow[] {
  return rows.filter((_, i) => i !== index);
}

export function updateTier(rows: TierRow[], index: number, change: Partial<TierRow>): TierRow[] {
  return rows.map((row, i) => (i === index ? { ...row, ...change, ...(change.open ? { upTo: '' } : {}) } : row));
}

/** Only the last tier may be open (the editor offers "open" on the last row only). */
export function canBeOpen(rows: TierRow[], index: number): boolean {
  return index === rows.length - 1;
}

/** The PUT body: price or tiers by the charge's model, quantity when typed; values as typed, trimmed. */
export function pricingRequest(charge: Pick<Charge, 'model'>, form: ChargeForm): ChargePricing {
  const body: ChargePricing = {};
  if (isTiered(charge)) {
    body.tiers = form.tiers.map((row): Tier => (row.open ? { upTo: null, unitPrice: row.unitPrice.trim() }
      : { upTo: row.upTo.trim(), unitPrice: row.unitPrice.trim() }));
  } else {
    body.price = form.price.trim();
  }
  if (form.quantity.trim()) body.quantity = form.quantity.trim();
  return body;
}

/** The id of the control a problem's `field` names: `tiers[1].upTo` is tier-1-upTo, `price` is charge-price. */
export function chargeControlOf(field: string | undefined): string | null {
  if (!field) return null;
  const tier = /^tiers\[(\d+)\]\.(upTo|unitPrice)$/.exec(field);
  if (tier) return `tier-${tier[1]}-${tier[2]}`;
  if (field === 'tiers' || /^tiers\[\d+\]$/.test(field)) return 'tiers';
  if (field === 'price' || field === 'quantity') return `charge-${field}`;
  return null;
}

/** How a tier reads in the subscription view: "up to 10 at 12.00", "above 10 at 10.00". */
export function describeTiers(tiers: Tier[] | undefined): string[] {
  const list = tiers ?? [];
  return list.map((tier, i) => {
    const from = i === 0 ? null : list[i - 1].upTo;
    if (tier.upTo != null) return `${from ? `${from}–` : 'up to '}${tier.upTo} at ${tier.unitPrice}`;
    return from ? `above ${from} at ${tier.unitPrice}` : `any quantity at ${tier.unitPrice}`;
  });
}

// ---------------------------------------------------------------- record a payment

export interface PaymentForm {
  amount: string;
  date: string;
  invoiceId: string;
}

export function emptyPaymentForm(today: string): PaymentForm {
  return { amount: '', date: today, invoiceId: '' };
}

export function paymentRequest(form: PaymentForm): PaymentCreate {
  const body: PaymentCreate = { amount: form.amount.trim(), date: form.date };
  if (form.invoiceId) body.invoiceId = form.invoiceId;
  return body;
}

export function paymentControlOf(field: string | undefined): keyof PaymentForm | null {
  return field === 'amount' || field === 'date' || field === 'invoiceId' ? field : null;
}

// ---------------------------------------------------------------- schedules

export interface ScheduleForm {
  name: string;
  expression: string;
  timeZone: string;
  invoiceDateOffsetDays: string;
  accountIds: string;
  billCycleDay: string;
  chargeTypesToExclude: ChargeType[];
  autoPost: boolean;
  autoEmail: boolean;
}

export function emptyScheduleForm(): ScheduleForm {
  return {
    name: '', expression: 'cron(0 2 1 * ? *)', timeZone: 'UTC', invoiceDateOffsetDays: '', accountIds: '',
    billCycleDay: '', chargeTypesToExclude: [], autoPost: false, autoEmail: false,
  };
}

/** The POST /schedules body; run options left empty are left out (the API's defaults). */
export function scheduleRequest(form: ScheduleForm): ScheduleCreate {
  const run: NonNullable<ScheduleCreate['run']> = {};
  if (form.invoiceDateOffsetDays.trim()) run.invoiceDateOffsetDays = Number(form.invoiceDateOffsetDays);
  const ids = form.accountIds.split(/[\s,]+/).filter(Boolean);
  if (ids.length) run.accountIds = ids;
  if (form.billCycleDay.trim()) run.billCycleDay = Number(form.billCycleDay);
  if (form.chargeTypesToExclude.length) run.chargeTypesToExclude = form.chargeTypesToExclude;
  if (form.autoPost) run.autoPost = true;
  if (form.autoEmail) run.autoEmail = true;
  const body: ScheduleCreate = { expression: form.expression.trim(), timeZone: form.timeZone.trim() };
  if (form.name.trim()) body.name = form.name.trim();
  if (Object.keys(run).length) body.run = run;
  return body;
}

/** `run.accountIds[2]` is the account ids box; `expression` the expression box. */
export function scheduleControlOf(field: string | undefined): keyof ScheduleForm | null {
  if (!field) return null;
  const name = field.replace(/^run\./, '').replace(/\[\d+\].*$/, '');
  const known: (keyof ScheduleForm)[] = ['name', 'expression', 'timeZone', 'invoiceDateOffsetDays', 'accountIds',
    'billCycleDay', 'chargeTypesToExclude', 'autoPost', 'autoEmail'];
  return known.includes(name as keyof ScheduleForm) ? (name as keyof ScheduleForm) : null;
}

/** What a schedule's runs bill, in a few words. */
export function describeScheduleRun(run: ScheduleCreate['run']): string {
  const parts: string[] = [];
  if (run?.accountIds?.length) parts.push(`accounts ${run.accountIds.join(', ')}`);
  else if (run?.batches?.length) parts.push(`batches ${run.batches.join(', ')}`);
  else if (run?.billCycleDay) parts.push(`bill cycle day ${run.billCycleDay}`);
  else parts.push('all accounts');
  if (run?.invoiceDateOffsetDays) parts.push(`invoice date ${run.invoiceDateOffsetDays > 0 ? '+' : ''}${run.invoiceDateOffsetDays} days`);
  if (run?.chargeTypesToExclude?.length) parts.push(`without ${run.chargeTypesToExclude.join(', ').toLowerCase()}`);
  if (run?.autoPost) parts.push('posted');
  if (run?.autoEmail) parts.push('emailed');
  return parts.join('; ');
}
