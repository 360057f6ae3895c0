// Giving a card from the customer's page: managers pick a batch and give its next free card
// (assignCards for this one customer); every member may type or scan a card's code (bindCard). A
// barcode scanner that types like a keyboard fills the code field.
import { useState } from 'preact/hooks';
import { codeProblem, formatCode, normalizeCode } from '@model/card';
import type { ChainSummary } from '@model/chain';
import { problemMessage } from '@model/issues';
import { MANAGERS } from '@model/roles';
import { call, CallError, errorText } from '../../api';
import { useCardBatches } from '../../data';
import { lang, t } from '../../i18n';
import { notify } from '../../ui/feedback';
import { Field, TextField } from '../../ui/forms';

function BatchPicker({ chain, customerId }: { chain: ChainSummary; customerId: string }) {
  const batches = (useCardBatches(chain.chainId) ?? []).filter((b) => b.kind !== 'digital' && b.size - b.bound - b.revoked > 0);
  const [batchId, setBatchId] = useState('');
  const [error, setError] = useState('');
  const chosen = batches.find((b) => b.id === batchId) ?? batches[0];

  async function give(e: Event) {
    e.preventDefault();
    if (!chosen) return;
    setError('');
    try {
      const r = await call('assignCards', { chainId: chain.chainId, batchId: chosen.id, customerIds: [customerId] });
      const failed = r.failed[0];
      if (failed) {
        const text = problemMessage(lang.value, failed.key);
        setError(text);
        notify('error', text);
      } else notify('ok', t('bind.done', { code: formatCode(r.assigned[0]!.code) }));
    } catch (err) {
      notify('error', errorText(err));
    }
  }

  if (batches.length === 0) return null;
  return (
    <form class="inline-form" aria-label={t('bind.next')} onSubmit={(e) => void give(e)}>
      <Field label={t('bind.batch')} error={error || undefined}>
        {(id, errorId) => (
          <select id={id} value={chosen?.id} onChange={(e) => setBatchId(e.currentTarget.value)} aria-describedby={errorId}>
            {batches.map((b) => (
              <option value={b.id}>{`${b.name} (${b.size - b.bound - b.revoked})`}</option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit">{t('bind.next')}</button>
    </form>
  );
}

export function CustomerCardBind({ chain, customerId }: { chain: ChainSummary; customerId: string }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  async function bind(e: Event) {
    e.preventDefault();
    const normalized = normalizeCode(code);
    const problem = codeProblem(normalized);
    if (problem) {
      setError(problemMessage(lang.value, problem));
      return;
    }
    setError(undefined);
    try {
      await call('bindCard', { chainId: chain.chainId, code: normalized, customerId });
      notify('ok', t('bind.done', { code: formatCode(normalized) }));
      setCode('');
    } catch (err) {
      if (err instanceof CallError) setError(err.byField().code ?? errorText(err));
      notify('error', errorText(err));
    }
  }

  return (
    <div class="customer-card-bind">
      <h3>{t('bind.title')}</h3>
      {MANAGERS.includes(chain.role) && <BatchPicker chain={chain} customerId={customerId} />}
      <form class="inline-form" aria-label={t('bind.byCode')} noValidate onSubmit={(e) => void bind(e)}>
        <TextField label={t('bind.code')} value={code} onValue={(v) => (setCode(v), setError(undefined))} error={error} autoComplete="off" />
        <button type="submit">{t('bind.byCode')}</button>
      </form>
    </div>
  );
}
