import { useEffect, useState } from 'react';
import { watchApplications, type StreamState } from '../api/applicationStream';
import { api } from '../api/client';
import { type ApplicationList, applyEvents, emptyList, replaceAll } from './applicationList';

/**
 * Every application the user may see, kept current: one GET, then the watch stream's changes.
 * After a reconnect the list is fetched again, since changes made while the stream was down
 * (deletions above all) were missed.
 */
export function useApplicationList(): { list: ApplicationList; loaded: boolean; error: unknown; stream: StreamState } {
  const [list, setList] = useState<ApplicationList>(emptyList);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>();
  const [stream, setStream] = useState<StreamState>('connecting');

  useEffect(() => {
    let cancelled = false;
    let latest = 0;
    const load = async () => {
      const call = ++latest;
      try {
        const answer = await api.listApplications();
        if (cancelled || call !== latest) return;
        setList((current) => replaceAll(current, answer.items ?? []));
        setLoaded(true);
        setError(undefined);
      } catch (e) {
        if (!cancelled) setError(e);
      }
    };
    let connections = 0;
    const stop = watchApplications(
      {},
      {
        onEvents: (events) => setList((current) => applyEvents(current, events)),
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
  }, []);

  return { list, loaded, error, stream };
}
