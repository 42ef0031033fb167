// Formatting as the console shows it: amounts at their currency's minor units (JPY 0, USD 2, KWD 3), dates ISO.
// Amounts stay strings end to end (the API's decimal strings), never floating point.

const KNOWN_SCALES: Record<string, number> = { JPY: 0, KRW: 0, USD: 2, EUR: 2, GBP: 2, KWD: 3, BHD: 3, OMR: 3, JOD: 3, TND: 3 };

/** The currency's minor units: ISO 4217 as the runtime's Intl knows it, else 2. */
export function currencyScale(currency: string): number {
  if (currency in KNOWN_SCALES) return KNOWN_SCALES[currency];
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * "1453.7" in USD is "1,453.70"; "150000" in JPY "150,000"; "4.5" in KWD "4.500". A value with more decimals than
 * the currency has is shown as it came (the API never sends one), not rounded here.
 */
export function formatAmount(amount: string, currency: string): string {
  const match = DECIMAL.exec(amount.trim());
  if (!match) return amount;
  const [, sign, whole, fraction = ''] = match;
  const scale = currencyScale(currency);
  const digits = fraction.length > scale ? fraction : fraction.padEnd(scale, '0');
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = sign === '-' && /[1-9]/.test(whole + fraction);
  return (negative ? '-' : '') + grouped + (digits ? '.' + digits : '');
}

/** Totals per currency, sorted by currency code, each formatted. */
export function formatTotals(totals: Record<string, string> | undefined): { currency: string; amount: string }[] {
  return Object.entries(totals ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount: formatAmount(amount, currency) }));
}

/** A timestamp as ISO 8601 in UTC to the second: 2026-12-01T09:30:00Z. */
export function formatTimestamp(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A date is already ISO (yyyy-MM-dd) in the API: shown as it is, or an en dash when absent. */
export function formatDate(value: string | undefined): string {
  return value ?? '–';
}

export function formatCount(value: number | undefined): string {
  return value === undefined ? '–' : value.toLocaleString('en');
}
