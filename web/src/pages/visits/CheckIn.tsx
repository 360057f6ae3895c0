// Check-in at the till: one tap (or, with the chain's `autoCheckIn`, the scan itself: lookupCard
// checks in on the server and its result comes as `initial`) records a visit of the customer found at this till's location; the result says which visit it is
// and offers to take it back while the server accepts the undo (10 minutes).
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import type { CheckInResult, VisitSource } from '@model/visits';
import { call, errorText } from '../../api';
import { t } from '../../i18n';
import { Banner } from '../../ui/forms';
import { setTillLocation, tillLocation, useLocations } from '../../data';

export function TillLocation({ chain, value, onChange }: { chain: ChainSummary; value: string; onChange: (id: string) => void }) {
  const locations = useLocations(chain.chainId) ?? [];
  return (
    <label class="till-location">
      {t('visits.location')}{' '}
      <select
        name="tillLocation"
        value={value}
        onChange={(e) => {
          setTillLocation(chain.chainId, e.currentTarget.value);
          onChange(e.currentTarget.value);
        }}
      >
        <option value="">{t('visits.chooseLocation')}</option>
        {locations.map((l) => (
          <option value={l.id}>{l.name}</option>
        ))}
      </select>
    </label>
  );
}

/** `initial`: the check-in the scan already made (the chain's automatic check-in), if any. */
export function CheckIn({
  chain,
  customerId,
  source,
  initial = null,
}: {
  chain: ChainSummary;
  customerId: string;
  source: VisitSource;
  initial?: CheckInResult | null;
}) {
  const [locationId, setLocationId] = useState(tillLocation(chain.chainId));
  const [done, setDone] = useState<CheckInResult | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function checkIn() {
    if (!locationId || busy) return;
    setBusy(true);
    setMessage(null);
    try {
      const res = await call('checkIn', { chainId: chain.chainId, customerId, locationId, source });
      setDone(res);
      setMessage({ kind: res.created ? 'ok' : 'info', text: t(res.created ? 'visits.checkedIn' : 'visits.sameVisit', { n: res.visits }) });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }
  async function undo() {
    if (!done) return;
    try {
      await call('undoCheckIn', { chainId: chain.chainId, customerId, visitId: done.visitId });
      setDone(null);
      setMessage({ kind: 'ok', text: t('visits.undone') });
    } catch (err) {
      setMessage({ kind: 'error', text: errorText(err) });
    }
  }
  useEffect(() => {
    setDone(initial);
    setMessage(
      initial ? { kind: initial.created ? 'ok' : 'info', text: t(initial.created ? 'visits.checkedIn' : 'visits.sameVisit', { n: initial.visits }) } : null,
    );
  }, [customerId, initial]);

  return (
    <div class="check-in" data-checked-in={done ? String(done.visits) : undefined}>
      <TillLocation chain={chain} value={locationId} onChange={setLocationId} />
      {!locationId && <Banner kind="info">{t('visits.noLocation')}</Banner>}
      <div class="actions">
        <button class="primary check-in-button" disabled={!locationId || busy} onClick={() => void checkIn()}>
          {t('visits.checkIn')}
        </button>
        {done && done.undoUntil > Date.now() && <button onClick={() => void undo()}>{t('visits.undo')}</button>}
      </div>
      {message && <Banner kind={message.kind}>{message.text}</Banner>}
    </div>
  );
}
