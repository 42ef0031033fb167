import { describe, expect, it } from 'vitest';
import { formatAmount } from './format';
import { accountHref, creditControlOf, creditRequest, leftToCredit, servicePeriod, subtract } from './invoice';
import type { InvoiceLine } from './types';

const line = (lineId: string, amount: string, credited = '0'): InvoiceLine => ({
  lineId, chargeId: `C${lineId}`, chargeName: `Charge ${lineId}`, kind: 'RECURRING', servicePeriodStart: '2026-12-01',
  servicePeriodEnd: '2026-12-31', amount, credited,
});

describe('the credit-note form', () => {
  const lines = [line('1', '100.00'), line('2', '20.00'), line('3', '5.00')];

  it('sends only the lines with an amount, and remembers which line each lines[i] is', () => {
    const { body, lineOrder } = creditRequest({ reason: ' goodwill ', amounts: { 1: '', 2: ' 5.00 ', 3: '1' } }, lines);
    expect(body).toEqual({ reason: 'goodwill', lines: [{ lineId: '2', amount: '5.00' }, { lineId: '3', amount: '1' }] });
    expect(lineOrder).toEqual(['2', '3']);
  });

  it('no amount at all credits everything left (no lines sent)', () => {
    expect(creditRequest({ reason: 'all', amounts: {} }, lines).body).toEqual({ reason: 'all' });
  });

  it("puts the API's field next to its control", () => {
    expect(creditControlOf('reason', [])).toBe('reason');
    expect(creditControlOf('lines[1].amount', ['2', '3'])).toBe('line:3');
    expect(creditControlOf('lines[0].lineId', ['2'])).toBe('line:2');
    expect(creditControlOf('lines[5].amount', ['2'])).toBeNull();
    expect(creditControlOf('somethingElse', ['2'])).toBeNull();
    expect(creditControlOf(undefined, ['2'])).toBeNull();
  });
});

describe('invoice figures', () => {
  it('what is left to credit, exactly', () => {
    expect(leftToCredit(line('1', '100.00', '0.01'))).toBe('99.99');
    expect(leftToCredit(line('1', '1200', '200'))).toBe('1000');
    expect(leftToCredit(line('1', '4.500', '4.5'))).toBe('0.000');
    expect(subtract('0.1', '0.3')).toBe('-0.2');
  });

  it('formats per currency: JPY 0, USD 2, KWD 3 decimals', () => {
    expect(formatAmount('1320', 'JPY')).toBe('1,320');
    expect(formatAmount('159.7', 'USD')).toBe('159.70');
    expect(formatAmount('4.5', 'KWD')).toBe('4.500');
  });

  it('service periods and the account link', () => {
    expect(servicePeriod(line('1', '1'))).toBe('2026-12-01 – 2026-12-31');
    expect(servicePeriod({ servicePeriodStart: '2026-12-05', servicePeriodEnd: '2026-12-05' })).toBe('2026-12-05');
    expect(accountHref('A 1')).toBe('#/accounts/A%201');
  });
});
