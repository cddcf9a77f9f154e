import { useEffect, useRef } from 'preact/hooks';

/**
 * Focuses an element when its view appears and each time `key` changes, unless `enabled` is
 * false. Preact applies `autofocus` only on the page's first render, not to a swapped-in view.
 */
export function useFocus<T extends HTMLElement>(key?: unknown, enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [key, enabled]);
  return ref;
}
