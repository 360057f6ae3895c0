// The customer list's visit filters: a segment (new, regulars, VIPs, lapsed, birthday this month)
// and a location visited; they combine with the search and the other filters.
import type { ChainSummary } from '@model/chain';
import { SEGMENTS } from '@model/visits';
import { t, type MessageKey } from '../../i18n';
import { Field } from '../../ui/forms';
import { useLocations } from '../../data';

export function SegmentFilters(props: {
  chain: ChainSummary;
  segment: string;
  visitedLocationId: string;
  onSegment: (v: string) => void;
  onLocation: (v: string) => void;
  errors: Record<string, string>;
}) {
  const locations = useLocations(props.chain.chainId) ?? [];
  return (
    <>
      <Field label={t('visits.segment')} error={props.errors.segment}>
        {(id) => (
          <select id={id} name="segment" value={props.segment} onChange={(e) => props.onSegment(e.currentTarget.value)}>
            <option value="">{t('visits.segment.all')}</option>
            {SEGMENTS.map((s) => (
              <option value={s}>{t(`visits.segment.${s}` as MessageKey)}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('visits.visitedLocation')} error={props.errors.visitedLocationId}>
        {(id) => (
          <select id={id} name="visitedLocationId" value={props.visitedLocationId} onChange={(e) => props.onLocation(e.currentTarget.value)}>
            <option value="">{t('visits.anyLocation')}</option>
            {locations.map((l) => (
              <option value={l.id}>{l.name}</option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
