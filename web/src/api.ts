// Calls to the callables, and their errors turned into something the UI can show.
import { httpsCallable, type FunctionsError } from 'firebase/functions';
import type { FieldProblem } from '@model/issues';
import { functions } from './firebase';
import { messageOf } from '@model/messages';
import { lang, problemText, t } from './i18n';

export class CallError extends Error {
  constructor(
    readonly code: string,
    readonly serverMessage: string,
    readonly problems: FieldProblem[],
    readonly details: Record<string, unknown>,
  ) {
    super(serverMessage);
  }

  /** Problems by field path, in the UI language, for showing on the fields. */
  byField(): Record<string, string> {
    return Object.fromEntries(this.problems.map((p) => [p.path, problemText(p)]));
  }

  /**
   * One sentence for a banner, in the UI language: the field problems, else the server's catalog key
   * and params said again (the catalog is shared through @model), else a word for the code, else the
   * server's own message.
   */
  text(): string {
    if (this.problems.length) return this.problems.map((p) => (p.path ? `${p.path}: ${problemText(p)}` : problemText(p))).join(' · ');
    const again = messageOf(lang.value, this.details.key, this.details.params);
    if (again) return again;
    if (this.code === 'permission-denied') return t('common.forbidden');
    if (this.code === 'unavailable' || this.code === 'deadline-exceeded') return t('common.unavailable');
    if (this.code === 'internal') return t('common.error');
    return this.serverMessage || t('common.error');
  }
}

export async function call<T = unknown>(name: string, data: unknown = {}): Promise<T> {
  try {
    const result = await httpsCallable<unknown, T>(functions, name, { timeout: 540_000 })(data);
    return result.data;
  } catch (err) {
    const e = err as FunctionsError;
    const details = (e.details ?? {}) as { problems?: FieldProblem[] } & Record<string, unknown>;
    throw new CallError((e.code ?? 'internal').replace(/^functions\//, ''), e.message, details.problems ?? [], details);
  }
}

export function errorText(err: unknown): string {
  return err instanceof CallError ? err.text() : t('common.error');
}
