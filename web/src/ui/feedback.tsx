// Feedback the user sees wherever they are on the page: a status region (aria-live) fixed at the
// bottom of the viewport for every success and failure, and in-app confirmation dialogs (native
// <dialog> opened modally: focus stays inside, Escape closes, focus returns to where it was).
import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

export interface Toast {
  id: number;
  kind: 'ok' | 'error' | 'info';
  text: string;
}

export const toasts = signal<Toast[]>([]);
let nextId = 1;

/** Shows a message in the status region; successes fade after a while, errors stay until closed. */
export function notify(kind: Toast['kind'], text: string): void {
  const id = nextId++;
  toasts.value = [...toasts.value.filter((x) => x.text !== text), { id, kind, text }].slice(-3);
  if (kind !== 'error') setTimeout(() => dismiss(id), 8000);
}

export function dismiss(id: number): void {
  toasts.value = toasts.value.filter((x) => x.id !== id);
}

/** The status region, once in the layout: polite for successes, assertive (alert) for failures. */
export function ToastRegion() {
  const list = toasts.value;
  return (
    <div class="toasts">
      <div role="status" aria-live="polite" class="toast-stack">
        {list
          .filter((x) => x.kind !== 'error')
          .map((x) => (
            <div key={x.id} class={`toast toast--${x.kind}`} data-toast={x.kind}>
              <span>{x.text}</span>
              <button class="link" aria-label={t('ui.dismiss')} onClick={() => dismiss(x.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
      <div role="alert" aria-live="assertive" class="toast-stack">
        {list
          .filter((x) => x.kind === 'error')
          .map((x) => (
            <div key={x.id} class="toast toast--error" data-toast="error">
              <span>{x.text}</span>
              <button class="link" aria-label={t('ui.dismiss')} onClick={() => dismiss(x.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
}
interface Pending extends ConfirmRequest {
  resolve: (ok: boolean) => void;
  returnTo: HTMLElement | null;
}
const pending = signal<Pending | null>(null);

/** Asks in an in-app dialog; resolves true when confirmed, false on cancel or Escape. */
export function confirmDialog(request: ConfirmRequest): Promise<boolean> {
  pending.value?.resolve(false);
  return new Promise((resolve) => {
    pending.value = { ...request, resolve, returnTo: document.activeElement as HTMLElement | null };
  });
}

function close(ok: boolean) {
  const p = pending.value;
  if (!p) return;
  pending.value = null;
  p.resolve(ok);
  // Focus goes back to the control that opened the dialog (if it is still on the page).
  setTimeout(() => p.returnTo?.isConnected && p.returnTo.focus(), 0);
}

/** A modal dialog for `Modal`-style content: opened with showModal, closed by Escape or `onClose`. */
export function Modal({ label, onClose, children, wide }: { label: string; onClose: () => void; children: preact.ComponentChildren; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (returnTo?.isConnected) setTimeout(() => returnTo.focus(), 0);
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`modal${wide ? ' modal--wide' : ''}`}
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
}

/** The confirmation dialog host, once in the layout. */
export function ConfirmHost() {
  const p = pending.value;
  if (!p) return null;
  return (
    <Modal label={p.title} onClose={() => close(false)}>
      <div class="confirm" data-confirm>
        <h2>{p.title}</h2>
        <p>{p.body}</p>
        <div class="actions">
          <button type="button" autofocus onClick={() => close(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" class={p.danger ? 'danger' : 'primary'} onClick={() => close(true)}>
            {p.confirmLabel}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** After a refused save: focus and scroll to the first invalid field of the form (in page order). */
export function focusFirstInvalid(root: ParentNode = document): void {
  // After the render that marks the fields.
  requestAnimationFrame(() => {
    const first = root.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!first) return;
    first.scrollIntoView({ block: 'center' });
    first.focus({ preventScroll: true });
  });
}
