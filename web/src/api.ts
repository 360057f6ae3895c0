// Calls to the callables, and their errors turned into something the UI can show.
import { httpsCallable, type FunctionsError } from 'firebase/functions';
import type { CallableName, CallInput, CallOutput } from '@model/callables';
import type { FieldProblem } from '@model/issues';
import { functions } from './firebase';
import { messageOf } from '@model/messages';
import { FIELD_LABELS } from '@model/fieldLabels';
import { lang, problemText, t, type MessageKey } from './i18n';
import { messages } from './i18n/messages';

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
    if (this.problems.length) return this.problems.map((p) => (p.path ? `${fieldName(p.path)}: ${problemText(p)}` : problemText(p))).join(' · ');
    const again = messageOf(lang.value, this.details.key, this.details.params);
    if (again) return again;
    if (this.code === 'permission-denied') return t('common.forbidden');
    if (this.code === 'unavailable' || this.code === 'deadline-exceeded') return t('common.unavailable');
    if (this.code === 'internal') return t('common.error');
    return this.serverMessage || t('common.error');
  }
}

/**
 * Calls a callable of the contract (@model/callables): the input and the result are typed by it, so a
 * page cannot invent a result shape. (Types only: the schemas are not bundled here.)
 */
export async function call<K extends CallableName>(name: K, data: CallInput<K>): Promise<CallOutput<K>> {
  try {
    const result = await httpsCallable<CallInput<K>, CallOutput<K>>(functions, name, { timeout: 540_000 })(data);
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

/**
 * A field path of a callable's input (`customer.email`, `query.createdTo`, `customFields.x`) as the
 * label the UI shows for it, in the UI language: never the path itself.
 */
export function fieldName(path: string, customLabels: Record<string, string> = {}): string {
  const key = `field.${path}`;
  if (key in messages.en) return t(key as MessageKey);
  // The customer list's filters: the labels the filter form shows.
  const filter = /^query\.(\w+)$/.exec(path);
  if (filter && `customers.filter.${filter[1]}` in messages.en) return t(`customers.filter.${filter[1]}` as MessageKey);
  const bare = path.replace(/^(customer|query|fields\.\d+)\./, '');
  const custom = /^customFields\.(.+)$/.exec(bare);
  if (custom) return customLabels[custom[1]!] ?? custom[1]!;
  const known = FIELD_LABELS[bare];
  if (known) return known[lang.value];
  const last = bare.split('.').pop()!;
  if (`field.${last}` in messages.en) return t(`field.${last}` as MessageKey);
  return FIELD_LABELS[last]?.[lang.value] ?? t('field.unknown');
}
