import type { OperationState, SyncTaskResult } from '../api/types';

/**
 * How far an operation has gone, from the engine's saved state in operationState.syncResult:
 * tasks done (succeeded, failed or skipped) of all tasks, and the ones that failed.
 */
export interface OperationProgress {
  done: number;
  total: number;
  failed: SyncTaskResult[];
  running: SyncTaskResult[];
  phase?: string;
  wave?: number;
}

const DONE = new Set(['SUCCEEDED', 'FAILED', 'SKIPPED', 'Succeeded', 'Failed', 'Skipped']);

export function operationProgress(state: OperationState | undefined): OperationProgress {
  const saved = state?.syncResult?.state;
  const tasks = saved?.tasks ?? [];
  return {
    done: tasks.filter((task) => DONE.has(task.status ?? '')).length,
    total: tasks.length,
    failed: tasks.filter((task) => (task.status ?? '').toUpperCase() === 'FAILED'),
    running: tasks.filter((task) => (task.status ?? '').toUpperCase() === 'RUNNING'),
    phase: saved?.syncPhase,
    wave: saved?.wave,
  };
}
