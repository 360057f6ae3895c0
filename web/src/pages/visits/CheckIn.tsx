// Check-in at the till: one tap (or, with the chain's `autoCheckIn`, as soon as the card is scanned)
// records a visit of the customer found at this till's location; the result says which visit it is
// and offers to take it back while the server accepts the undo (10 minutes).
import { useEffect, useState } from 'preact/hooks';
import type { ChainSummary } from '@model/chain';
import { paths } from '@model/paths';
import type { CheckInResult, VisitSettingsInput, VisitSource } from '@model/visits';
import { call, errorText } from '../../api';
import { t } from '../../i18n';
import { Banner } from '../../ui/forms';
import { setTillLocation, tillLocation, useDocData, useLocations } from '../../data';

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

/** `auto`: the customer was found by a scan; the chain's setting decides whether that checks them in. */
export function CheckIn({ chain, customerId, source, auto = false }: { chain: ChainSummary; customerId: string; source: VisitSource; auto?: boolean }) {
  const settings = useDocData<{ settings?: { visits?: VisitSettingsInput } }>(paths.chain(chain.chainId));
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
  const autoOn = auto && settings?.settings?.visits?.autoCheckIn === true;
  useEffect(() => {
    setDone(null);
    setMessage(null);
    if (autoOn && locationId) void checkIn();
  }, [customerId, autoOn]);

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
