import { describe, expect, it } from 'vitest';
import { accountsCsv, allPages, cell, csv, failuresCsv, invoicesCsv, plainAmount } from './csv';
import type { Invoice } from './types';

const invoice = (overrides: Partial<Invoice>): Invoice => ({
  id: 'i1', number: 'INV-000001', accountId: 'A-0001', status: 'POSTED', currency: 'USD', invoiceDate: '2026-12-01',
  dueDate: '2026-12-31', subtotal: '145.16', taxTotal: '14.52', total: '159.68', balance: '159.68', ...overrides,
});

describe('CSV cells (RFC 4180)', () => {
  it('quotes a comma, a quote, CR or LF and doubles quotes', () => {
    expect(cell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(cell('say "hi"')).toBe('"say ""hi"""');
    expect(cell('two\nlines')).toBe('"two\nlines"');
    expect(cell('plain')).toBe('plain');
    expect(cell(undefined)).toBe('');
    expect(cell(3)).toBe('3');
  });

  it('guards text that a spreadsheet would run as a formula, never amounts', () => {
    expect(cell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(cell('-1+1')).toBe("'-1+1");
    expect(cell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(cell(plainAmount('-12.5', 'USD'))).toBe('-12.50');
  });

  it('ends every row with CRLF after a header row', () => {
    expect(csv(['a', 'b'], [['1', '2'], ['x,y', null]])).toBe('a,b\r\n1,2\r\n"x,y",\r\n');
  });
});

describe('amounts at the currency scale, plain', () => {
  it('pads to the scale, no grouping, never rounds', () => {
    expect(plainAmount('1453.7', 'USD')).toEqual({ plain: '1453.70' });
    expect(plainAmount('150000', 'JPY')).toEqual({ plain: '150000' });
    expect(plainAmount('4.5', 'KWD')).toEqual({ plain: '4.500' });
    expect(plainAmount('0.125', 'USD')).toEqual({ plain: '0.125' });
    expect(plainAmount(undefined, 'USD')).toBeNull();
  });
});

describe('the tabs as CSV', () => {
  it('invoices: one row per invoice, the API columns but accountName', () => {
    const text = invoicesCsv([invoice({}), invoice({ id: 'i2', number: undefined, status: 'DRAFT', currency: 'JPY',
      subtotal: '1200', taxTotal: '120', total: '1320', balance: '1320', accountId: 'A-0003' })]);
    expect(text.split('\r\n')).toEqual([
      'invoiceId,number,accountId,status,currency,invoiceDate,dueDate,subtotal,taxTotal,total,balance',
      'i1,INV-000001,A-0001,POSTED,USD,2026-12-01,2026-12-31,145.16,14.52,159.68,159.68',
      'i2,,A-0003,DRAFT,JPY,2026-12-01,2026-12-31,1200,120,1320,1320',
      '',
    ]);
  });

  it('accounts and failures', () => {
    expect(accountsCsv([{ accountId: 'A-0004', outcome: 'INVOICED', invoiceId: 'i4', currency: 'KWD', total: '4.5' },
      { accountId: 'A-BROKEN', outcome: 'FAILED', failedSubscriptions: 1 }])).toBe(
      'accountId,outcome,invoiceId,currency,total,failedSubscriptions\r\nA-0004,INVOICED,i4,KWD,4.500,0\r\nA-BROKEN,FAILED,,,,1\r\n');
    expect(failuresCsv([{ accountId: 'A-BROKEN', subscriptionId: 'S-9', field: 'taxRate', reason: 'is negative, "-0.1"' }])).toBe(
      'accountId,subscriptionId,field,reason\r\nA-BROKEN,S-9,taxRate,"is negative, ""-0.1"""\r\n');
  });
});

describe('every page', () => {
  it('follows the cursor to the end, 100 a page', async () => {
    const asked: (string | null)[] = [];
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      first: { items: [1, 2], nextCursor: 'c1' }, c1: { items: [3], nextCursor: 'c2' }, c2: { items: [], nextCursor: null },
    };
    const seen: number[] = [];
    const all = await allPages(async ({ cursor, limit }) => {
      expect(limit).toBe(100);
      asked.push(cursor);
      return pages[cursor ?? 'first'];
    }, (n) => seen.push(n));
    expect(all).toEqual([1, 2, 3]);
    expect(asked).toEqual([null, 'c1', 'c2']);
    expect(seen).toEqual([2, 3, 3]);
  });
});
