// A time chart drawn with uPlot (MIT, about 50 KB minified), loaded only when a chart is shown
// (dynamic import: the rest of the client does not carry it). The canvas is an image for assistive
// technologies; the same numbers follow as a table (the `table` prop), which screen readers read.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { t } from '../../i18n';

export interface Series {
  label: string;
  values: number[];
}

const COLORS = ['#1f6feb', '#d97706', '#059669', '#be185d', '#7c3aed', '#0891b2', '#65a30d', '#b91c1c'];

/** `x`: the days (`YYYY-MM-DD`) of the points; `bars`: draw bars (one series) rather than lines. */
export function Chart({ title, x, series, table, bars = false }: { title: string; x: string[]; series: Series[]; table: ComponentChildren; bars?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | null = null;
    let observer: ResizeObserver | null = null;
    let gone = false;
    void Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')])
      .then(([{ default: UPlot }]) => {
        if (gone || !box.current) return;
        const width = () => Math.max(280, box.current?.clientWidth ?? 600);
        const xs = x.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
        plot = new UPlot(
          {
            width: width(),
            height: 240,
            scales: { x: { time: true } },
            axes: [{}, { size: 48 }],
            series: [
              {},
              ...series.map((s, i) => ({
                label: s.label,
                stroke: COLORS[i % COLORS.length],
                width: 2,
                ...(bars ? { fill: `${COLORS[i % COLORS.length]}55`, paths: UPlot.paths.bars!({ size: [0.7, 40] }) } : {}),
              })),
            ],
          },
          [xs, ...series.map((s) => s.values)],
          box.current,
        );
        observer = new ResizeObserver(() => plot?.setSize({ width: width(), height: 240 }));
        observer.observe(box.current);
      })
      .catch(() => setFailed(true));
    return () => {
      gone = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [JSON.stringify(x), JSON.stringify(series)]);
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      {!failed && <div ref={box} role="img" aria-label={title} />}
      <details open={failed}>
        <summary>{t('dashboard.showTable')}</summary>
        <div aria-label={t('dashboard.tableOf', { title })} role="region">
          {table}
        </div>
      </details>
    </figure>
  );
}
