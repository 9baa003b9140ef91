import { describe, expect, it } from 'vitest';
import { operationProgress } from './operationProgress';

describe('operationProgress', () => {
  it('counts finished tasks of the saved engine state', () => {
    const progress = operationProgress({
      phase: 'Running',
      syncResult: {
        state: {
          syncPhase: 'Sync',
          wave: 2,
          tasks: [
            { kind: 'ConfigMap', name: 'a', status: 'SUCCEEDED' },
            { kind: 'Deployment', name: 'b', status: 'RUNNING', message: 'waiting for rollout' },
            { kind: 'Job', name: 'c', status: 'FAILED', message: 'BackoffLimitExceeded' },
            { kind: 'Service', name: 'd', status: 'PENDING' },
            { kind: 'Secret', name: 'e', status: 'SKIPPED' },
          ],
        },
      },
    });
    expect(progress).toMatchObject({ done: 3, total: 5, phase: 'Sync', wave: 2 });
    expect(progress.failed.map((t) => t.name)).toEqual(['c']);
    expect(progress.running.map((t) => t.name)).toEqual(['b']);
  });

  it('is empty without a saved state', () => {
    expect(operationProgress(undefined)).toMatchObject({ done: 0, total: 0, failed: [] });
  });
});
