import type { StreamState } from '../api/applicationStream';

const TEXT: Record<StreamState, string> = { connecting: 'connecting', live: 'live', reconnecting: 'reconnecting…' };

/** Whether the page's live updates flow: a dot and a word. */
export function LiveIndicator({ state }: { state: StreamState }) {
  return (
    <span className="live-indicator" data-state={state} data-testid="live-indicator" role="status" title="Live updates">
      {TEXT[state]}
    </span>
  );
}
