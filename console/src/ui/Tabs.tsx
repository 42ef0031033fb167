import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface Tab { id: string; label: string }

/** WAI-ARIA tabs: arrow keys, Home and End move between them; only the selected one is in the tab order. */
export function Tabs({ tabs, selected, onSelect, children }: {
  tabs: Tab[]; selected: string; onSelect: (id: string) => void; children: ComponentChildren;
}) {
  const list = useRef<HTMLDivElement>(null);
  function key(event: KeyboardEvent) {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = event.key === 'ArrowRight' ? (index + 1) % tabs.length
      : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length
      : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    event.preventDefault();
    onSelect(tabs[next].id);
    list.current?.querySelectorAll<HTMLButtonElement>('[role=tab]')[next]?.focus();
  }
  return (
    <div class="tabs">
      <div role="tablist" aria-label="Bill run contents" ref={list} onKeyDown={key}>
        {tabs.map((tab) => (
          <button key={tab.id} type="button" role="tab" id={`tab-${tab.id}`} aria-controls={`panel-${tab.id}`}
            aria-selected={tab.id === selected} tabIndex={tab.id === selected ? 0 : -1} onClick={() => onSelect(tab.id)}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
