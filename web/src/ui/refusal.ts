// A refused form, said the same way on every page: the status region (ui/feedback) names the invalid
// fields by the labels the form shows, in the UI language (never a field path), and focus and scroll
// go to the first invalid field. Pages pass their own labels for their fields; otherwise the label is
// read from the form's control named by the path (or its last segment), then from the shared labels.
import { CallError, errorText, fieldName } from '../api';
import { t } from '../i18n';
import { focusFirstInvalid, notify } from './feedback';

const segments = (path: string) => path.split('.').filter((s) => !/^\d+$/.test(s));

function control(root: ParentNode, path: string): HTMLElement | null {
  for (const name of new Set([path, segments(path).slice(1).join('.'), segments(path).pop() ?? path])) {
    if (!name) continue;
    const found = root.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    if (found) return found;
  }
  return null;
}

/** The label the form shows for a field path. */
export function shownLabel(root: ParentNode, path: string, labels: Record<string, string> = {}): string {
  const own = labels[path] ?? labels[segments(path).join('.')] ?? labels[segments(path).pop() ?? ''];
  if (own) return own;
  const el = control(root, path) as HTMLInputElement | null;
  const text = el?.labels?.[0]?.textContent?.trim() || el?.getAttribute('aria-label');
  return text || fieldName(path);
}

/**
 * Says that a form was refused: one message naming the fields, focus on the first invalid one.
 * With `mark`, the controls found by name are marked invalid (for forms that show no error under
 * their fields); `clearMarks` removes those marks before the next try.
 */
export function refuseForm(root: HTMLElement | null, paths: string[], labels: Record<string, string> = {}, mark = false): void {
  const scope = root ?? document;
  if (mark) for (const p of paths) control(scope, p)?.setAttribute('aria-invalid', 'true');
  const names = [...new Set(paths.map((p) => shownLabel(scope, p, labels)))];
  notify('error', t('ui.invalidForm', { fields: names.join(', ') }));
  focusFirstInvalid(scope);
}

export function clearMarks(root: HTMLElement | null): void {
  root?.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
}

/**
 * A failed call from a form: field problems are refused as above (and returned by path, for the
 * fields' own error texts); any other failure is said in the status region.
 */
export function callRefused(err: unknown, root: HTMLElement | null, labels: Record<string, string> = {}, mark = false): Record<string, string> {
  if (err instanceof CallError && err.problems.length) {
    const byField = err.byField();
    refuseForm(root, Object.keys(byField), labels, mark);
    return byField;
  }
  notify('error', errorText(err));
  return {};
}
