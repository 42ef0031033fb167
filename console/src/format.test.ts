import { describe, expect, it } from 'vitest';
import { currencyScale, formatAmount, formatTimestamp, formatTotals } from './format';

describe('formatAmount', () => {
  it('shows each currency at its own minor units', () => {
    expect(formatAmount('150000', 'JPY')).toBe('150,000');
    expect(formatAmount('1453.7', 'USD')).toBe('1,453.70');
    expect(formatAmount('1453.75', 'USD')).toBe('1,453.75');
    expect(formatAmount('4.5', 'KWD')).toBe('4.500');
    expect(formatAmount('12.345', 'KWD')).toBe('12.345');
    expect(formatAmount('0', 'KWD')).toBe('0.000');
  });

  it('keeps large values exact (no floating point) and negative signs', () => {
    expect(formatAmount('999999999999.999', 'KWD')).toBe('999,999,999,999.999');
    expect(formatAmount('-1234567.8', 'EUR')).toBe('-1,234,567.80');
    expect(formatAmount('-0.00', 'USD')).toBe('0.00');
  });

  it('never rounds what it does not expect, and leaves non-numbers alone', () => {
    expect(formatAmount('1.005', 'USD')).toBe('1.005');
    expect(formatAmount('n/a', 'USD')).toBe('n/a');
  });

  it('knows the scales the API uses', () => {
    expect([currencyScale('JPY'), currencyScale('USD'), currencyScale('KWD')]).toEqual([0, 2, 3]);
  });
});

describe('formatTotals', () => {
  it('sorts by currency and formats each', () => {
    expect(formatTotals({ USD: '10.5', JPY: '1200', KWD: '4.5' })).toEqual([
      { currency: 'JPY', amount: '1,200' },
      { currency: 'KWD', amount: '4.500' },
      { currency: 'USD', amount: '10.50' },
    ]);
    expect(formatTotals(undefined)).toEqual([]);
  });
});

describe('formatTimestamp', () => {
  it('is ISO 8601 in UTC to the second', () => {
    expect(formatTimestamp('2026-12-01T09:30:00.123456Z')).toBe('2026-12-01T09:30:00Z');
    expect(formatTimestamp('2026-12-01T10:30:00+01:00')).toBe('2026-12-01T09:30:00Z');
  });
});
