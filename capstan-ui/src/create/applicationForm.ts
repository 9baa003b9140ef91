import type { Application } from '../api/types';

/**
 * The fields of the "New application" form, how they are checked, and the Application they make.
 */
export interface ApplicationForm {
  name: string;
  project: string;
  sourceType: 'git' | 'helm';
  repoURL: string;
  targetRevision: string;
  path: string;
  chart: string;
  server: string;
  namespace: string;
  automated: boolean;
  prune: boolean;
  selfHeal: boolean;
  createNamespace: boolean;
}

export const emptyForm: ApplicationForm = {
  name: '',
  project: 'default',
  sourceType: 'git',
  repoURL: '',
  targetRevision: '',
  path: '',
  chart: '',
  server: 'https://kubernetes.default.svc',
  namespace: '',
  automated: false,
  prune: false,
  selfHeal: false,
  createNamespace: false,
};

export type FormErrors = Partial<Record<keyof ApplicationForm, string>>;

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REPO_URL = /^(https?:\/\/\S+|ssh:\/\/\S+|git@[^\s:]+:\S+|oci:\/\/\S+|file:\/\/\S+)$/;

export function validate(form: ApplicationForm): FormErrors {
  const errors: FormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the application a name.';
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    errors.name = 'Use lower-case letters, digits, "-" and "."; start and end with a letter or digit.';
  }
  if (!form.project.trim()) errors.project = 'Choose a project.';
  const repo = form.repoURL.trim();
  if (!repo) errors.repoURL = form.sourceType === 'helm' ? 'Give the Helm repository URL.' : 'Give the Git repository URL.';
  else if (!REPO_URL.test(repo)) errors.repoURL = 'Use an https://, ssh://, git@host:path or oci:// URL.';
  if (form.sourceType === 'git') {
    const path = form.path.trim();
    if (!path) errors.path = 'Give the directory in the repository ("." for its root).';
    else if (path.startsWith('/') || path.split('/').includes('..')) errors.path = 'Use a path inside the repository, without "/" at the start or "..".';
  } else if (!form.chart.trim()) {
    errors.chart = 'Give the chart name.';
  }
  const server = form.server.trim();
  if (!server) errors.server = 'Give the cluster API server URL.';
  else if (!/^https?:\/\/\S+$/.test(server)) errors.server = 'Use an https:// URL.';
  const namespace = form.namespace.trim();
  if (namespace && (namespace.length > 63 || !DNS_LABEL.test(namespace))) {
    errors.namespace = 'Use lower-case letters, digits and "-", at most 63.';
  }
  return errors;
}

export function toApplication(form: ApplicationForm): Application {
  const source =
    form.sourceType === 'helm'
      ? { repoURL: form.repoURL.trim(), chart: form.chart.trim(), targetRevision: form.targetRevision.trim() || undefined }
      : { repoURL: form.repoURL.trim(), path: form.path.trim(), targetRevision: form.targetRevision.trim() || undefined };
  const syncOptions = form.createNamespace ? ['CreateNamespace=true'] : undefined;
  const automated = form.automated ? { prune: form.prune, selfHeal: form.selfHeal } : undefined;
  return {
    apiVersion: 'capstan.dev/v1alpha1',
    kind: 'Application',
    metadata: { name: form.name.trim() },
    spec: {
      project: form.project.trim(),
      source,
      destination: { server: form.server.trim(), namespace: form.namespace.trim() || undefined },
      syncPolicy: automated || syncOptions ? { automated, syncOptions } : undefined,
    },
  };
}
