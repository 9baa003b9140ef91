import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { type ApplicationForm, emptyForm, type FormErrors, toApplication, validate } from './applicationForm';

/** /applications/new: a form that posts a new Application. */
export function CreateApplicationPage() {
  const navigate = useNavigate();
  const [form, setForm] = useState<ApplicationForm>(emptyForm);
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [projects, setProjects] = useState<string[]>();

  useEffect(() => {
    api.listProjects().then(
      (answer) => setProjects((answer.items ?? []).map((p) => p.metadata.name).sort()),
      () => setProjects(undefined),
    );
  }, []);

  const errors: FormErrors = touched ? validate(form) : {};
  const set = <K extends keyof ApplicationForm>(key: K, value: ApplicationForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(validate(form)).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createApplication(toApplication(form));
      navigate(`/applications/${encodeURIComponent(created.metadata?.name ?? form.name.trim())}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  const text = (key: keyof ApplicationForm, label: string, hint?: string, placeholder?: string) => (
    <Field label={label} error={errors[key]} hint={hint}>
      <input
        type="text"
        value={form[key] as string}
        placeholder={placeholder}
        onChange={(e) => set(key, e.target.value as never)}
        aria-invalid={errors[key] !== undefined}
        data-testid={`create-${key}`}
      />
    </Field>
  );

  return (
    <div className="page form-page">
      <p>
        <Link to="/applications">← Applications</Link>
      </p>
      <h1 style={{ marginBottom: 14 }}>New application</h1>
      <form className="card" onSubmit={submit} noValidate data-testid="create-form">
        <ErrorMessage error={error} action="create applications" testId="create-error" />
        {text('name', 'Name', 'Lower-case letters, digits, "-" and "."')}
        <Field label="Project" error={errors.project}>
          {projects && projects.length > 0 ? (
            <select value={form.project} onChange={(e) => set('project', e.target.value)} data-testid="create-project">
              {!projects.includes(form.project) && <option value={form.project}>{form.project}</option>}
              {projects.map((project) => (
                <option key={project}>{project}</option>
              ))}
            </select>
          ) : (
            <input type="text" value={form.project} onChange={(e) => set('project', e.target.value)} aria-invalid={errors.project !== undefined} data-testid="create-project" />
          )}
        </Field>
        <fieldset>
          <legend>Source</legend>
          <div className="button-group" role="radiogroup" aria-label="Source type" style={{ marginBottom: 12 }}>
            <button type="button" role="radio" aria-checked={form.sourceType === 'git'} aria-pressed={form.sourceType === 'git'} onClick={() => set('sourceType', 'git')} data-testid="create-source-git">
              Git directory
            </button>
            <button type="button" role="radio" aria-checked={form.sourceType === 'helm'} aria-pressed={form.sourceType === 'helm'} onClick={() => set('sourceType', 'helm')} data-testid="create-source-helm">
              Helm chart
            </button>
          </div>
          {text('repoURL', form.sourceType === 'helm' ? 'Helm repository URL' : 'Repository URL', undefined, form.sourceType === 'helm' ? 'https://charts.example.com' : 'https://git.example.com/team/app.git')}
          <div className="row-2">
            {form.sourceType === 'git' ? text('path', 'Path', 'Directory in the repository; "." for its root', 'deploy') : text('chart', 'Chart', undefined, 'nginx')}
            {text('targetRevision', form.sourceType === 'helm' ? 'Chart version' : 'Revision', form.sourceType === 'helm' ? 'Empty: the newest' : 'Branch, tag or commit; empty: HEAD', form.sourceType === 'helm' ? '1.2.3' : 'HEAD')}
          </div>
        </fieldset>
        <fieldset>
          <legend>Destination</legend>
          <div className="row-2">
            {text('server', 'Cluster URL', 'https://kubernetes.default.svc is the cluster Capstan runs in')}
            {text('namespace', 'Namespace', 'For resources that do not name one')}
          </div>
        </fieldset>
        <fieldset>
          <legend>Sync policy</legend>
          <label className="check">
            <input type="checkbox" checked={form.automated} onChange={(e) => set('automated', e.target.checked)} data-testid="create-automated" />
            Sync automatically when Git changes
          </label>
          <div style={{ paddingLeft: 24 }}>
            <label className="check">
              <input type="checkbox" checked={form.prune} disabled={!form.automated} onChange={(e) => set('prune', e.target.checked)} data-testid="create-prune" />
              Prune resources removed from Git
            </label>
            <label className="check">
              <input type="checkbox" checked={form.selfHeal} disabled={!form.automated} onChange={(e) => set('selfHeal', e.target.checked)} data-testid="create-self-heal" />
              Self-heal: undo changes made in the cluster
            </label>
          </div>
          <label className="check">
            <input type="checkbox" checked={form.createNamespace} onChange={(e) => set('createNamespace', e.target.checked)} data-testid="create-create-namespace" />
            Create the namespace if it does not exist
          </label>
        </fieldset>
        <div style={{ display: 'flex', gap: 8, justifyContent: 'flex-end' }}>
          <Link className="button" to="/applications">
            Cancel
          </Link>
          <button type="submit" className="primary" disabled={busy} data-testid="create-submit">
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </div>
  );
}

function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {error ? <span className="invalid" role="alert">{error}</span> : hint && <span className="hint">{hint}</span>}
    </label>
  );
}
