import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Modal } from '../ui/Modal';

/** Deletes an application after its name is typed, with or without its resources. */
export function DeleteDialog({ name, onClose, onDeleted }: { name: string; onClose: () => void; onDeleted: () => void }) {
  const [cascade, setCascade] = useState(true);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (typed !== name) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteApplication(name, cascade);
      onDeleted();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Delete ${name}`}
      onClose={onClose}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="delete-form" className="danger" disabled={busy || typed !== name} data-testid="delete-submit">
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </>
      }
    >
      <form id="delete-form" onSubmit={submit}>
        <ErrorMessage error={error} action={`delete ${name}`} testId="delete-error" />
        <fieldset>
          <legend>What happens to its resources</legend>
          <label className="check">
            <input type="radio" name="cascade" checked={cascade} onChange={() => setCascade(true)} data-testid="delete-cascade-true" />
            Delete them too (cascade)
          </label>
          <label className="check">
            <input type="radio" name="cascade" checked={!cascade} onChange={() => setCascade(false)} data-testid="delete-cascade-false" />
            Leave them running in the cluster (orphan)
          </label>
        </fieldset>
        <label className="field">
          <span>
            Type <strong>{name}</strong> to confirm
          </span>
          <input type="text" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="delete-confirm-name" />
        </label>
      </form>
    </Modal>
  );
}
