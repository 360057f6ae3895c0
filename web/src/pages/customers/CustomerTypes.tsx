import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { SaveCustomerTypeInput, type CustomFieldDef } from '@model/customerType';
import { validate } from '@model/issues';
import { MANAGERS } from '@model/roles';
import { call, CallError } from '../../api';
import { useCustomerTypes, useCustomFields, type WithId } from '../../data';
import { lang, problemText, t } from '../../i18n';
import { tp } from '../../i18n/plural';
import { TextField } from '../../ui/forms';
import { notify } from '../../ui/feedback';
import { callRefused, refuseForm } from '../../ui/refusal';

type Msg = { kind: 'ok' | 'error'; text: string } | null;
/** Feedback in the status region, near wherever the user is (not a banner at the top of the page). */
const say = (m: Msg) => m && notify(m.kind, m.text);
/** The labels the type forms show, for naming refused fields. */
const typeLabels = () => ({ name: t('types.name'), discount: t('types.discount'), salesTax: t('types.salesTax') });
/** `''` -> null, `12,5` -> 12.5; anything else is passed as typed, so the schema says what is wrong. */
const num = (s: string): number | null => {
  const v = s.trim().replace(',', '.');
  if (v === '') return null;
  return Number.isNaN(Number(v)) ? (s as unknown as number) : Number(v);
};

/** The shared schema, client-side: the input to send, or the errors by field in the UI language. */
function checkType(input: { chainId: string; typeId?: string; name: string; discount: string; salesTax: string }) {
  const result = validate(SaveCustomerTypeInput, { ...input, discount: num(input.discount) }, lang.value);
  if (result.ok) return { input: result.value, errors: {} };
  return { input: null, errors: Object.fromEntries(result.problems.map((p) => [p.path, problemText(p)])) };
}

function TypeRow({
  chain,
  type,
  types,
  onMessage,
}: {
  chain: ChainSummary;
  type: WithId<{ name: string; discount: number | null; salesTax: string }>;
  types: { id: string; name: string }[];
  onMessage: (m: Msg) => void;
}) {
  const [name, setName] = useState(type.name);
  const [discount, setDiscount] = useState(type.discount === null ? '' : String(type.discount));
  const [salesTax, setSalesTax] = useState(type.salesTax);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [inUse, setInUse] = useState<number | null>(null);
  const [reassignTo, setReassignTo] = useState('');
  const formRef = useRef<HTMLFormElement>(null);

  async function save(e: Event) {
    e.preventDefault();
    const checked = checkType({ chainId: chain.chainId, typeId: type.id, name, discount, salesTax });
    setErrors(checked.errors);
    if (!checked.input) {
      refuseForm(formRef.current, Object.keys(checked.errors), typeLabels());
      return;
    }
    try {
      await call('saveCustomerType', checked.input);
      setErrors({});
      onMessage({ kind: 'ok', text: t('types.saved') });
    } catch (err) {
      setErrors(callRefused(err, formRef.current, typeLabels()));
    }
  }

  async function remove(withReassign: boolean) {
    try {
      await call('deleteCustomerType', { chainId: chain.chainId, typeId: type.id, ...(withReassign ? { reassignTo } : {}) });
      onMessage({ kind: 'ok', text: t('types.deleted') });
    } catch (err) {
      if (err instanceof CallError && err.code === 'failed-precondition' && typeof err.details.inUse === 'number') {
        setInUse(err.details.inUse);
        onMessage(null);
      } else callRefused(err, formRef.current, typeLabels());
    }
  }

  return (
    <li class="type-row" data-type={type.name}>
      <form ref={formRef} class="inline-form four" onSubmit={save} aria-label={type.name}>
        <TextField label={t('types.name')} value={name} onValue={setName} error={errors.name} />
        <TextField label={t('types.discount')} value={discount} onValue={setDiscount} error={errors.discount} />
        <TextField label={t('types.salesTax')} value={salesTax} onValue={setSalesTax} error={errors.salesTax} />
        <div class="actions">
          <button type="submit">{t('types.rename')}</button>
          <button type="button" class="danger" onClick={() => void remove(false)}>
            {t('types.delete')}
          </button>
        </div>
      </form>
      {inUse !== null && (
        <div class="banner banner--info" role="alert">
          {tp('types.inUse', inUse)}{' '}
          <select value={reassignTo} onChange={(e) => setReassignTo(e.currentTarget.value)} aria-label={t('types.reassign')}>
            <option value="">{t('form.noType')}</option>
            {types
              .filter((x) => x.id !== type.id)
              .map((x) => (
                <option value={x.id}>{x.name}</option>
              ))}
          </select>{' '}
          <button class="danger" onClick={() => void remove(true)}>
            {t('types.reassign')}
          </button>
        </div>
      )}
    </li>
  );
}

function CustomFieldsEditor({ chain, onMessage }: { chain: ChainSummary; onMessage: (m: Msg) => void }) {
  const saved = useCustomFields(chain.chainId);
  const [fields, setFields] = useState<CustomFieldDef[]>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setFields(saved), [JSON.stringify(saved)]);
  const formRef = useRef<HTMLFormElement>(null);

  async function save(e: Event) {
    e.preventDefault();
    try {
      await call('setCustomFields', { chainId: chain.chainId, fields });
      setErrors({});
      onMessage({ kind: 'ok', text: t('fields.saved') });
    } catch (err) {
      setErrors(callRefused(err, formRef.current, { key: t('fields.key'), label: t('fields.label') }));
    }
  }
  const set = (i: number, patch: Partial<CustomFieldDef>) => setFields(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <form ref={formRef} onSubmit={save} aria-label={t('fields.title')}>
      <h2>{t('fields.title')}</h2>
      {fields.map((f, i) => (
        <div class="inline-form four">
          <TextField label={t('fields.key')} value={f.key} onValue={(key) => set(i, { key })} error={errors[`fields.${i}.key`]} />
          <TextField label={t('fields.label')} value={f.label} onValue={(label) => set(i, { label })} error={errors[`fields.${i}.label`]} />
          <div class="actions">
            <button type="button" onClick={() => setFields(fields.filter((_, j) => j !== i))}>
              {t('fields.remove')}
            </button>
          </div>
        </div>
      ))}
      <div class="actions">
        <button type="button" onClick={() => setFields([...fields, { key: '', label: '' }])}>
          {t('fields.add')}
        </button>
        <button type="submit" class="primary">
          {t('fields.save')}
        </button>
      </div>
    </form>
  );
}

export function CustomerTypes({ chain }: { chain: ChainSummary }) {
  const types = useCustomerTypes(chain.chainId);
  const setMessage = say;
  const addRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [discount, setDiscount] = useState('');
  const [salesTax, setSalesTax] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (!MANAGERS.includes(chain.role)) return <section class="card">{t('types.managersOnly')}</section>;

  async function add(e: Event) {
    e.preventDefault();
    const checked = checkType({ chainId: chain.chainId, name, discount, salesTax });
    setErrors(checked.errors);
    if (!checked.input) {
      refuseForm(addRef.current, Object.keys(checked.errors), typeLabels());
      return;
    }
    try {
      await call('saveCustomerType', checked.input);
      setName('');
      setDiscount('');
      setSalesTax('');
      setErrors({});
      setMessage({ kind: 'ok', text: t('types.saved') });
    } catch (err) {
      setErrors(callRefused(err, addRef.current, typeLabels()));
    }
  }

  return (
    <section class="card">
      <h1>{t('types.title')}</h1>
      <ul class="types">
        {(types ?? []).map((type) => (
          <TypeRow key={type.id} chain={chain} type={type} types={types ?? []} onMessage={setMessage} />
        ))}
      </ul>
      <form ref={addRef} class="inline-form four" onSubmit={add} aria-label={t('types.add')}>
        <TextField label={t('types.name')} value={name} onValue={setName} error={errors.name} />
        <TextField label={t('types.discount')} value={discount} onValue={setDiscount} error={errors.discount} />
        <TextField label={t('types.salesTax')} value={salesTax} onValue={setSalesTax} error={errors.salesTax} />
        <div class="actions">
          <button type="submit" class="primary">
            {t('types.add')}
          </button>
        </div>
      </form>
      <CustomFieldsEditor chain={chain} onMessage={setMessage} />
    </section>
  );
}
