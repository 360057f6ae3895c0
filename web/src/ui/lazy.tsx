// A page loaded when first shown (its own script chunk): the route table names pages through this,
// so the sign-in and point-of-sale pages do not load the others' code (CSV parser, camera decoder…).
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

type Loader<M> = () => Promise<M>;

/** `lazyPage(() => import('./pages/Members'), 'Members')`: a component with the same props. */
export function lazyPage<M, K extends keyof M>(load: Loader<M>, name: K): M[K] {
  let loaded: FunctionComponent<unknown> | null = null;
  let loading: Promise<void> | null = null;
  const start = () =>
    (loading ??= load().then((m) => {
      loaded = m[name] as FunctionComponent<unknown>;
    }));
  function Lazy(props: object) {
    const [, setReady] = useState(!!loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (!loaded)
        void start().then(
          () => setReady(true),
          () => setFailed(true),
        );
    }, []);
    if (failed) return <p class="banner banner--error">{t('common.unavailable')}</p>;
    const Page = loaded;
    return Page ? <Page {...props} /> : <p class="loading">{t('common.loading')}</p>;
  }
  return Lazy as M[K];
}
