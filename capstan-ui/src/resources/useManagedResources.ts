import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { ManagedResource } from '../api/types';
import { resourceKey } from './resourceKey';

/**
 * The desired and live states of the application's managed objects, by resource key. Fetched only
 * once something needs them (the side panel), again when the application was compared anew.
 */
export function useManagedResources(name: string, needed: boolean, comparedAt: string | undefined) {
  const [items, setItems] = useState<Map<string, ManagedResource>>();
  const [error, setError] = useState<unknown>();
  const [loadedFor, setLoadedFor] = useState<string>();
  const version = `${name}@${comparedAt ?? ''}`;

  useEffect(() => {
    if (!needed || loadedFor === version) return;
    const controller = new AbortController();
    api.managedResources(name, controller.signal).then(
      (answer) => {
        setItems(new Map((answer.items ?? []).map((item) => [resourceKey(item), item])));
        setError(undefined);
        setLoadedFor(version);
      },
      (e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      },
    );
    return () => controller.abort();
  }, [name, needed, version, loadedFor]);

  return { items, error };
}
