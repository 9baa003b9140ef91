import { ApiError } from './apiError';
import { notifyUnauthenticated } from './client';
import { reconnectDelay } from './reconnectDelay';
import { SseParser } from './sseParser';
import type { ApplicationWatchEvent } from './types';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

export interface StreamHandlers {
  /** Events, in order; called with a batch so that a burst of a thousand updates renders once. */
  onEvents(events: ApplicationWatchEvent[]): void;
  onState(state: StreamState): void;
  /** Called each time the stream (re)connects, before its first event: a moment to reload the whole list. */
  onConnected?(): void;
}

/**
 * Follows GET /api/v1/stream/applications and reconnects with back-off when it drops. Read with
 * fetch rather than EventSource so that a 401 can send the user to the login page and the delay
 * between attempts is ours. Returns the function that stops it.
 */
export function watchApplications(params: { name?: string; project?: string }, handlers: StreamHandlers): () => void {
  const search = new URLSearchParams();
  if (params.name) search.set('name', params.name);
  if (params.project) search.set('project', params.project);
  const url = `/api/v1/stream/applications${search.size ? `?${search}` : ''}`;

  let stopped = false;
  let failures = 0;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async () => {
    controller = new AbortController();
    handlers.onState(failures === 0 ? 'connecting' : 'reconnecting');
    try {
      const answer = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/event-stream' }, signal: controller.signal });
      if (!answer.ok || !answer.body) {
        const error = ApiError.fromAnswer(answer.status, await answer.text(), answer.headers.get('Retry-After'));
        if (error.status === 401) {
          notifyUnauthenticated();
          stopped = true;
          return;
        }
        throw error;
      }
      handlers.onConnected?.();
      handlers.onState('live');
      await readEvents(answer.body, handlers, () => {
        failures = 0;
      });
    } catch (e) {
      if (stopped) return;
      // dropped or refused: fall through to the retry below
      void e;
    }
    if (stopped) return;
    failures += 1;
    handlers.onState('reconnecting');
    timer = setTimeout(connect, reconnectDelay(failures));
  };

  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    controller?.abort();
  };
}

async function readEvents(body: ReadableStream<Uint8Array>, handlers: StreamHandlers, onData: () => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  let pending: ApplicationWatchEvent[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    flushTimer = undefined;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    handlers.onEvents(batch);
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      onData();
      for (const data of parser.push(decoder.decode(value, { stream: true }))) {
        const event = parseEvent(data);
        if (event) pending.push(event);
      }
      if (pending.length > 0 && !flushTimer) flushTimer = setTimeout(flush, 100);
    }
  } finally {
    if (flushTimer) clearTimeout(flushTimer);
    flush();
  }
}

/** The watch event in one SSE `data`, or undefined for anything else. */
export function parseEvent(data: string): ApplicationWatchEvent | undefined {
  try {
    const parsed = JSON.parse(data) as { result?: ApplicationWatchEvent };
    const event = parsed.result;
    if (event && event.application?.metadata?.name && ['ADDED', 'MODIFIED', 'DELETED'].includes(event.type)) {
      return event;
    }
  } catch {
    // not an event of ours
  }
  return undefined;
}
