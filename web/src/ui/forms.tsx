import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ComponentChildren;
}

/** A labelled control with its error underneath (the error is what screen readers announce). */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div class={`field${error ? ' field--invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children(id, error ? errorId : undefined)}
      {hint && !error && <small class="hint">{hint}</small>}
      {error && (
        <small class="error" id={errorId} role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value' | 'label'> & {
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  onValue: (v: string) => void;
};

export function TextField({ label, value, error, hint, onValue, ...rest }: InputProps) {
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      {(id, describedBy) => (
        <input
          id={id}
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onValue(e.currentTarget.value)}
          {...rest}
        />
      )}
    </Field>
  );
}

export function Banner({ kind, children }: { kind: 'error' | 'ok' | 'info'; children: ComponentChildren }) {
  return (
    <div class={`banner banner--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
