import { type FormEvent, useState } from 'react';
import { parse, stringify } from 'yaml';
import { api } from '../api/client';
import type { Application } from '../api/types';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Modal } from '../ui/Modal';

/**
 * Edits what PUT /applications/{name} replaces, the spec, labels and annotations, as YAML. The
 * resource version goes along, so a change made meanwhile answers 409 instead of being lost.
 */
export function editableText(app: Application): string {
  return stringify({ metadata: { labels: app.metadata.labels ?? {}, annotations: app.metadata.annotations ?? {} }, spec: app.spec }, { lineWidth: 0 });
}

export function editedApplication(app: Application, text: string): Application {
  const edited = parse(text) as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Application['spec'] } | null;
  if (!edited || typeof edited !== 'object' || !edited.spec || typeof edited.spec !== 'object') {
    throw new Error('The YAML needs a spec.');
  }
  return {
    apiVersion: app.apiVersion ?? 'capstan.dev/v1alpha1',
    kind: app.kind ?? 'Application',
    metadata: {
      ...app.metadata,
      labels: edited.metadata?.labels ?? undefined,
      annotations: edited.metadata?.annotations ?? undefined,
    },
    spec: edited.spec,
  };
}

export function EditDialog({ app, onClose, onSaved }: { app: Application; onClose: () => void; onSaved: (app: Application) => void }) {
  const name = app.metadata.name;
  const [text, setText] = useState(() => editableText(app));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await api.updateApplication(editedApplication(app, text)));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Edit ${name}`}
      onClose={onClose}
      testId="edit-dialog"
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="edit-form" className="primary" disabled={busy} data-testid="edit-submit">
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <form id="edit-form" onSubmit={submit}>
        <ErrorMessage error={error} action={`update ${name}`} testId="edit-error" />
        <label className="field">
          <span>Spec, labels and annotations (YAML)</span>
          <textarea
            className="mono"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={22}
            spellCheck={false}
            style={{ width: '100%', resize: 'vertical' }}
            data-testid="edit-yaml"
          />
        </label>
      </form>
    </Modal>
  );
}
