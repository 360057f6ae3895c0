// The orders of a batch page's cards (BatchCards), applied to the cards the page holds: by code either
// way, by state (unbound, bound, revoked; then by code), and by the name of the customer a card is
// bound to (Intl.Collator in the UI language; cards bound to no one, or whose name is not read yet,
// last; then by code). Without imports, so the unit tests load it as it is (model/card.ts CardDoc fits
// `SortableCard`).

export const CARD_SORTS = ['code', '-code', 'status', 'customer'] as const;
export type CardSort = (typeof CARD_SORTS)[number];

interface SortableCard {
  code: string;
  status: 'unbound' | 'bound' | 'revoked';
}

const STATE_ORDER: Record<SortableCard['status'], number> = { unbound: 0, bound: 1, revoked: 2 };

export function sortCards<T extends SortableCard>(cards: T[], sort: CardSort, names: ReadonlyMap<string, string>, locale: string): T[] {
  const byCode = (a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  const compare: Record<CardSort, (a: T, b: T) => number> = {
    code: byCode,
    '-code': (a, b) => byCode(b, a),
    status: (a, b) => STATE_ORDER[a.status] - STATE_ORDER[b.status] || byCode(a, b),
    customer: (a, b) => {
      const na = names.get(a.code);
      const nb = names.get(b.code);
      if (na === undefined || nb === undefined) return (na === undefined ? 1 : 0) - (nb === undefined ? 1 : 0) || byCode(a, b);
      return collator.compare(na, nb) || byCode(a, b);
    },
  };
  return [...cards].sort(compare[sort]);
}
