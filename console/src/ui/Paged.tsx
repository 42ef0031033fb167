import { useCallback, useEffect, useReducer } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { PageQuery } from '../api';
import { emptyPaged, pagedReducer, type PagedAction, type PagedState } from '../state';
import type { Page } from '../types';
import { Empty, ErrorMessage, Loading, errorText } from './common';

/** A list a page at a time with the API's cursor; `reload` starts again from the first page. */
export function usePaged<T>(fetchPage: (query: PageQuery) => Promise<Page<T>>, limit = 50) {
  const [state, dispatch] = useReducer<PagedState<T>, PagedAction<T>>(pagedReducer, emptyPaged<T>());
  const load = useCallback(async (cursor: string | null) => {
    dispatch({ type: 'loading' });
    try {
      dispatch({ type: 'page', page: await fetchPage({ cursor, limit }), append: cursor !== null });
    } catch (error) {
      dispatch({ type: 'failed', error: errorText(error) });
    }
  }, [fetchPage, limit]);
  useEffect(() => { load(null); }, [load]);
  return { state, load, reload: () => load(null) };
}

export function PagedTable<T>({ what, state, load, head, row, label, className }: {
  what: string; state: PagedState<T>; load: (cursor: string | null) => void;
  head: ComponentChildren; row: (item: T, index: number) => ComponentChildren; label?: string; className?: string;
}) {
  return (
    <>
      {state.error && <ErrorMessage error={state.error} retry={() => load(state.loaded ? state.nextCursor : null)} />}
      {!state.loaded && state.loading && <Loading what={what} />}
      {state.loaded && !state.items.length && <Empty>No {what}.</Empty>}
      {state.items.length > 0 && (
        <table class={className} aria-label={label}><thead><tr>{head}</tr></thead><tbody>{state.items.map(row)}</tbody></table>
      )}
      {state.nextCursor && (
        <button type="button" class="more" onClick={() => load(state.nextCursor)} disabled={state.loading}>
          {state.loading ? 'Loading…' : `Load more ${what}`}
        </button>
      )}
    </>
  );
}

/** A modal confirmation: focus moves in, Escape cancels. */
export function Confirm({ title, confirm, busy, onConfirm, onCancel, children }: {
  title: string; confirm: string; busy: boolean; onConfirm: () => void; onCancel: () => void; children: ComponentChildren;
}) {
  const ref = (element: HTMLDialogElement | null) => { if (element && !element.open) element.showModal(); };
  return (
    <dialog ref={ref} aria-labelledby="confirm-title" aria-describedby="confirm-text"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-text">{children}</p>
      <div class="actions">
        <button type="button" onClick={onCancel} disabled={busy}>Cancel</button>
        <button type="button" class="primary" onClick={onConfirm} disabled={busy}>{confirm}</button>
      </div>
    </dialog>
  );
}
