import { describe, expect, it } from 'vitest';
import { emptyForm, toApplication, validate } from './applicationForm';

const good = { ...emptyForm, name: 'web', repoURL: 'https://git.example/shop.git', path: 'deploy/web', namespace: 'shop' };

describe('validate', () => {
  it('accepts a complete Git application', () => {
    expect(validate(good)).toEqual({});
  });

  it('names each missing or malformed field', () => {
    const errors = validate({ ...emptyForm, name: 'Web_App', repoURL: 'git.example/x', path: '../up', namespace: 'Shop', server: '' });
    expect(Object.keys(errors).sort()).toEqual(['name', 'namespace', 'path', 'repoURL', 'server']);
  });

  it('needs a chart, not a path, for a Helm source', () => {
    const errors = validate({ ...good, sourceType: 'helm', path: '', chart: '' });
    expect(Object.keys(errors)).toEqual(['chart']);
  });

  it('accepts scp-like Git URLs', () => {
    expect(validate({ ...good, repoURL: 'git@github.example:shop/web.git' })).toEqual({});
  });
});

describe('toApplication', () => {
  it('makes the Application the API creates', () => {
    const app = toApplication({ ...good, targetRevision: 'main', automated: true, prune: true, createNamespace: true });
    expect(app).toEqual({
      apiVersion: 'capstan.dev/v1alpha1',
      kind: 'Application',
      metadata: { name: 'web' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://git.example/shop.git', path: 'deploy/web', targetRevision: 'main' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
        syncPolicy: { automated: { prune: true, selfHeal: false }, syncOptions: ['CreateNamespace=true'] },
      },
    });
  });

  it('leaves out the sync policy of a manual application and the path of a chart', () => {
    const app = toApplication({ ...good, sourceType: 'helm', chart: 'nginx', prune: true });
    expect(app.spec.syncPolicy).toBeUndefined();
    expect(app.spec.source).toEqual({ repoURL: 'https://git.example/shop.git', chart: 'nginx', targetRevision: undefined });
  });
});
