import { describe, expect, it } from 'vitest';
import type { Application } from '../api/types';
import { editableText, editedApplication } from './EditDialog';

const app: Application = {
  apiVersion: 'capstan.dev/v1alpha1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'capstan', resourceVersion: '42', labels: { team: 'shop' } },
  spec: { project: 'shop', source: { repoURL: 'https://git.example/web.git', path: 'deploy' }, destination: { namespace: 'shop' } },
  status: { sync: { status: 'Synced' } },
};

describe('editing an application as YAML', () => {
  it('round-trips the spec and labels, keeping the resource version and leaving out the status', () => {
    const edited = editedApplication(app, editableText(app).replace('path: deploy', 'path: deploy/prod'));
    expect(edited.metadata).toMatchObject({ name: 'web', resourceVersion: '42', labels: { team: 'shop' } });
    expect(edited.spec.source?.path).toBe('deploy/prod');
    expect(edited.status).toBeUndefined();
  });

  it('refuses YAML without a spec', () => {
    expect(() => editedApplication(app, 'metadata: {}')).toThrow('The YAML needs a spec.');
  });
});
