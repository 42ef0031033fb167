import type { ComponentChildren } from 'preact';
import { formatAmount, formatTotals } from '../format';
import type { BillRunStatus } from '../types';

/** An amount right-aligned at its currency's minor units, with the currency code. */
export function Amount({ amount, currency }: { amount: string | undefined; currency: string | undefined }) {
  if (amount === undefined || currency === undefined) return <span class="muted">–</span>;
  return <span class="amount">{formatAmount(amount, currency)} <span class="currency">{currency}</span></span>;
}

export function Totals({ totals }: { totals: Record<string, string> }) {
  const lines = formatTotals(totals);
  if (!lines.length) return <span class="muted">–</span>;
  return (
    <ul class="totals">
      {lines.map((line) => (
        <li key={line.currency} class="amount">{line.amount} <span class="currency">{line.currency}</span></li>
      ))}
    </ul>
  );
}

/** The status, with the alert icon next to it when the run produced errors. */
export function Status({ status, hasErrors }: { status: BillRunStatus; hasErrors?: boolean }) {
  return (
    <span class="status-cell">
      <span class={`status status-${status.toLowerCase()}`}>{status.replace(/_/g, ' ')}</span>
      {hasErrors && (
        <span class="alert-icon" role="img" aria-label="has errors" title="This run produced errors">
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="M8 1 15 14H1Z" fill="#c62828" />
            <rect x="7.2" y="5.5" width="1.6" height="4.5" fill="#fff" />
            <rect x="7.2" y="11" width="1.6" height="1.6" fill="#fff" />
          </svg>
        </span>
      )}
    </span>
  );
}

export function Loading({ what }: { what: string }) {
  return <p class="state" role="status" aria-live="polite">Loading {what}…</p>;
}

export function ErrorMessage({ error, retry }: { error: string; retry?: () => void }) {
  return (
    <div class="state error" role="alert">
      <span>{error}</span>
      {retry && <button type="button" onClick={retry}>Try again</button>}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state empty">{children}</p>;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
