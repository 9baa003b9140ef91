import { useCallback, useEffect, useRef, useState } from 'react';
import { watchApplications, type StreamState } from '../api/applicationStream';
import { api } from '../api/client';
import type { Application, ResourceTree } from '../api/types';
import { isNewer } from '../applications/applicationList';

/**
 * One application, kept current by the watch stream filtered to its name; `deleted` once the
 * stream says it is gone. `replace` takes the answer of an action (sync, rollback) at once.
 */
export function useApplication(name: string) {
  const [app, setApp] = useState<Application>();
  const [error, setError] = useState<unknown>();
  const [deleted, setDeleted] = useState(false);
  const [stream, setStream] = useState<StreamState>('connecting');

  const take = useCallback((next: Application) => setApp((current) => (current && !isNewer(next, current) ? current : next)), []);

  useEffect(() => {
    setApp(undefined);
    setError(undefined);
    setDeleted(false);
    let cancelled = false;
    const load = () =>
      api.getApplication(name).then(
        (answer) => !cancelled && (take(answer), setError(undefined)),
        (e) => !cancelled && setError(e),
      );
    let connections = 0;
    const stop = watchApplications(
      { name },
      {
        onEvents: (events) => {
          for (const event of events) {
            if (event.application.metadata.name !== name) continue;
            if (event.type === 'DELETED') setDeleted(true);
            else {
              setDeleted(false);
              take(event.application);
            }
          }
        },
        onState: setStream,
        onConnected: () => {
          connections += 1;
          if (connections > 1) void load();
        },
      },
    );
    void load();
    return () => {
      cancelled = true;
      stop();
    };
  }, [name, take]);

  return { app, error, deleted, stream, replace: take };
}

/**
 * The application's resource tree: fetched at once, again a second after the application
 * changes (a sync, a new health), and every 10 seconds while the page is visible, since Pods come
 * and go without the application changing.
 */
export function useResourceTree(name: string, version: string | undefined) {
  const [tree, setTree] = useState<ResourceTree>();
  const [error, setError] = useState<unknown>();
  const controller = useRef<AbortController | undefined>(undefined);

  const load = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    try {
      const answer = await api.resourceTree(name, current.signal);
      setTree({ nodes: answer.nodes ?? [] });
      setError(undefined);
    } catch (e) {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
    }
  }, [name]);

  useEffect(() => {
    setTree(undefined);
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, 10_000);
    return () => {
      clearInterval(timer);
      controller.current?.abort();
    };
  }, [load]);

  const first = useRef(true);
  useEffect(() => {
    if (first.current || version === undefined) {
      first.current = version === undefined;
      return;
    }
    const timer = setTimeout(() => void load(), 1000);
    return () => clearTimeout(timer);
  }, [version, load]);

  return { tree, error, reload: load };
}
