import { describe, expect, it } from 'vitest';
import {
  addTier, canBeOpen, canEditCharge, chargeControlOf, chargeForm, describeScheduleRun, describeTiers,
  emptyScheduleForm, paymentControlOf, paymentRequest, pricingRequest, removeTier, scheduleControlOf,
  scheduleRequest, updateTier,
} from './accounts';
import type { Charge } from './accountTypes';
import { hrefOf, parseRoute } from './state';

const seats: Charge = {
  id: 'seats', name: 'Seats', type: 'RECURRING', model: 'TIERED', quantity: '25', taxable: true,
  tiers: [{ upTo: '10', unitPrice: '12.00' }],
};

describe('the tier editor', () => {
  it('reads a stored charge: a tier without upTo is open', () => {
    expect(chargeForm(seats).tiers).toEqual([{ upTo: '10', unitPrice: '12.00', open: false }]);
    expect(chargeForm({ ...seats, tiers: [{ upTo: '10', unitPrice: '12.00' }, { unitPrice: '10.00' }] }).tiers[1])
      .toEqual({ upTo: '', unitPrice: '10.00', open: true });
  });

  it('appends an open tier when none is open, and adds below the open one otherwise', () => {
    const fixed = addTier(chargeForm(seats).tiers);
    expect(fixed).toEqual([{ upTo: '10', unitPrice: '12.00', open: false }, { upTo: '', unitPrice: '', open: true }]);
    const three = addTier(fixed);
    expect(three.map((row) => row.open)).toEqual([false, false, true]);
    expect(three[2]).toEqual(fixed[1]);
  });

  it('offers "open" on the last row only; opening a row clears its bound', () => {
    const rows = addTier(chargeForm(seats).tiers);
    expect([canBeOpen(rows, 0), canBeOpen(rows, 1)]).toEqual([false, true]);
    expect(updateTier([{ upTo: '50', unitPrice: '1', open: false }], 0, { open: true })[0]).toEqual({ upTo: '', unitPrice: '1', open: true });
    expect(removeTier(rows, 0)).toEqual([rows[1]]);
  });

  it('sends tiers for TIERED and VOLUME (the open one with upTo null), a price otherwise, quantity when typed', () => {
    const form = { ...chargeForm(seats), tiers: [{ upTo: ' 10 ', unitPrice: '12.00', open: false }, { upTo: '', unitPrice: '10.00 ', open: true }] };
    expect(pricingRequest(seats, form)).toEqual({
      tiers: [{ upTo: '10', unitPrice: '12.00' }, { upTo: null, unitPrice: '10.00' }], quantity: '25',
    });
    expect(pricingRequest({ model: 'FLAT_FEE' }, { price: ' 49.99', tiers: [], quantity: '' })).toEqual({ price: '49.99' });
    // as typed: the API judges (a closed last tier is its 422, shown next to that tier's bound)
    expect(pricingRequest(seats, chargeForm(seats)).tiers).toEqual([{ upTo: '10', unitPrice: '12.00' }]);
  });

  it('puts the API\'s field next to its control', () => {
    expect(chargeControlOf('tiers[0].upTo')).toBe('tier-0-upTo');
    expect(chargeControlOf('tiers[12].unitPrice')).toBe('tier-12-unitPrice');
    expect(chargeControlOf('tiers')).toBe('tiers');
    expect(chargeControlOf('price')).toBe('charge-price');
    expect(chargeControlOf('quantity')).toBe('charge-quantity');
    expect(chargeControlOf('chargedThroughDate')).toBeNull();
    expect(chargeControlOf(undefined)).toBeNull();
  });

  it('edits only a never-billed charge', () => {
    expect(canEditCharge(seats)).toBe(true);
    expect(canEditCharge({ ...seats, chargedThroughDate: '2026-12-01' })).toBe(false);
  });

  it('describes tiers as bands', () => {
    expect(describeTiers([{ upTo: '10', unitPrice: '12.00' }, { upTo: '50', unitPrice: '11.00' }, { upTo: null, unitPrice: '10.00' }]))
      .toEqual(['up to 10 at 12.00', '10–50 at 11.00', 'above 50 at 10.00']);
    expect(describeTiers([{ unitPrice: '3' }])).toEqual(['any quantity at 3']);
    expect(describeTiers(undefined)).toEqual([]);
  });
});

describe('the payment form', () => {
  it('sends the amount as typed, the date, and the invoice only when given', () => {
    expect(paymentRequest({ amount: ' 100.25 ', date: '2026-12-05', invoiceId: '' })).toEqual({ amount: '100.25', date: '2026-12-05' });
    expect(paymentRequest({ amount: '1', date: '2026-12-05', invoiceId: 'I-1' }).invoiceId).toBe('I-1');
    expect([paymentControlOf('amount'), paymentControlOf('invoiceId'), paymentControlOf('other')]).toEqual(['amount', 'invoiceId', null]);
  });
});

describe('the schedule form', () => {
  it('leaves empty run options out', () => {
    expect(scheduleRequest({ ...emptyScheduleForm(), expression: ' cron(0 2 1 * ? *) ', timeZone: 'Europe/Paris' }))
      .toEqual({ expression: 'cron(0 2 1 * ? *)', timeZone: 'Europe/Paris' });
  });

  it('sends the run options typed', () => {
    const form = { ...emptyScheduleForm(), name: 'Close', invoiceDateOffsetDays: '-1', accountIds: 'A-1, A-2\nA-3',
      billCycleDay: '', chargeTypesToExclude: ['USAGE' as const], autoPost: true, autoEmail: true };
    expect(scheduleRequest(form)).toEqual({ name: 'Close', expression: 'cron(0 2 1 * ? *)', timeZone: 'UTC',
      run: { invoiceDateOffsetDays: -1, accountIds: ['A-1', 'A-2', 'A-3'], chargeTypesToExclude: ['USAGE'], autoPost: true, autoEmail: true } });
  });

  it('maps run.<field> errors to their control', () => {
    expect(scheduleControlOf('run.accountIds[2]')).toBe('accountIds');
    expect(scheduleControlOf('expression')).toBe('expression');
    expect(scheduleControlOf('run.autoPost')).toBe('autoPost');
    expect(scheduleControlOf('run.batches[0]')).toBeNull();
  });

  it('describes what the runs bill', () => {
    expect(describeScheduleRun({})).toBe('all accounts');
    expect(describeScheduleRun({ billCycleDay: 1, invoiceDateOffsetDays: 2, autoPost: true })).toBe('bill cycle day 1; invoice date +2 days; posted');
  });
});

describe('the routes of these screens', () => {
  it('parses and writes accounts, an account, schedules, settings', () => {
    expect(parseRoute('#/accounts')).toEqual({ name: 'accounts' });
    expect(parseRoute('#/accounts/A%2F1')).toEqual({ name: 'account', id: 'A/1' });
    expect(parseRoute('#/schedules')).toEqual({ name: 'schedules' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(hrefOf({ name: 'account', id: 'A/1' })).toBe('#/accounts/A%2F1');
    expect(hrefOf({ name: 'settings' })).toBe('#/settings');
  });
});
