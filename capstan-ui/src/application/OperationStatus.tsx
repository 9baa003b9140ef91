import { useState } from 'react';
import type { OperationState } from '../api/types';
import { describeResource } from '../resources/resourceKey';
import { OperationBadge } from '../ui/StatusBadge';
import { shortRevision, timeAgo } from '../ui/time';
import { operationProgress } from './operationProgress';

/** The current or last operation: its phase, message, progress through the tasks, and a way to stop it. */
export function OperationStatus({ state, onTerminate, terminating }: { state: OperationState; onTerminate: () => void; terminating: boolean }) {
  const [showTasks, setShowTasks] = useState(false);
  const progress = operationProgress(state);
  const running = state.phase === 'Running' || state.phase === 'Terminating';
  const sync = state.operation?.sync;
  const kind = sync?.rollbackTo !== undefined ? `Rollback to #${sync.rollbackTo}` : sync?.dryRun ? 'Dry-run sync' : 'Sync';
  const revision = state.syncResult?.revision ?? sync?.revision;
  return (
    <div className="operation" data-testid="operation-state" data-phase={state.phase}>
      <div style={{ display: 'flex', gap: 10, alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>{running ? 'Operation running' : 'Last operation'}:</strong>
        <OperationBadge status={state.phase} />
        <span>
          {kind}
          {revision ? ` to ${shortRevision(revision)}` : ''}
          {state.operation?.initiatedBy?.username ? ` by ${state.operation.initiatedBy.username}` : state.operation?.initiatedBy?.automated ? ' (automated)' : ''}
        </span>
        <span className="muted">
          {state.finishedAt ? `finished ${timeAgo(state.finishedAt)}` : state.startedAt ? `started ${timeAgo(state.startedAt)}` : ''}
          {state.retryCount ? ` · retry ${state.retryCount}` : ''}
        </span>
        <span style={{ flex: 1 }} />
        {progress.total > 0 && (
          <button type="button" className="link" onClick={() => setShowTasks(!showTasks)} aria-expanded={showTasks} data-testid="operation-tasks-toggle">
            {showTasks ? 'Hide tasks' : `Tasks (${progress.done}/${progress.total})`}
          </button>
        )}
        {running && (
          <button type="button" className="small" onClick={onTerminate} disabled={terminating || state.phase === 'Terminating'} data-testid="terminate-button">
            Terminate
          </button>
        )}
      </div>
      {state.message && <div style={{ marginTop: 4 }}>{state.message}</div>}
      {running && progress.total > 0 && (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
          aria-label="Sync progress"
          data-testid="operation-progress"
        >
          <div style={{ width: `${(100 * progress.done) / progress.total}%` }} />
        </div>
      )}
      {running && progress.phase && (
        <div className="muted">
          Phase {progress.phase}, wave {progress.wave ?? 0}
          {progress.running.length > 0 && ` · waiting for ${progress.running.map(describeResource).slice(0, 3).join(', ')}${progress.running.length > 3 ? '…' : ''}`}
        </div>
      )}
      {progress.failed.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingLeft: 18 }}>
          {progress.failed.slice(0, 5).map((task) => (
            <li key={describeResource(task) + task.phase} className="status-Failed">
              {describeResource(task)}: {task.message}
            </li>
          ))}
        </ul>
      )}
      {showTasks && (
        <table className="grid" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>Phase</th>
              <th style={{ width: 60 }}>Wave</th>
              <th>Resource</th>
              <th>Action</th>
              <th>Status</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {(state.syncResult?.state?.tasks ?? []).map((task, i) => (
              <tr key={i}>
                <td>{task.phase}</td>
                <td>{task.wave}</td>
                <td title={describeResource(task)}>{describeResource(task)}</td>
                <td>{task.action}</td>
                <td>{task.status}</td>
                <td title={task.message}>{task.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
