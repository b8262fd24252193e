import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../../ui/Loading.tsx';
import type { ScreenProps } from './screens.ts';

/** A screen loaded on first use: its module is fetched once, shared by every later render. */
export type ScreenLoader = { load: () => Promise<ComponentType<ScreenProps>>; loaded: ComponentType<ScreenProps> | null };

/** A loader for `importer` (a dynamic import of the screen's module), fetched at most once. */
export function screenLoader(importer: () => Promise<ComponentType<ScreenProps>>): ScreenLoader {
  let pending: Promise<ComponentType<ScreenProps>> | null = null;
  const loader: ScreenLoader = {
    loaded: null,
    load: () =>
      (pending ??= importer().then((c) => {
        loader.loaded = c;
        return c;
      })),
  };
  return loader;
}

/** Renders the loader's screen, loading it first if needed (the bundle of Home stays small). */
export function LazyScreen({ loader, ...props }: ScreenProps & { loader: ScreenLoader }) {
  const [Screen, setScreen] = useState<ComponentType<ScreenProps> | null>(() => loader.loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Screen !== null) return;
    loader.load().then((c) => setScreen(() => c), () => setFailed(true));
  }, [loader, Screen]);
  if (failed) return <p class="form-error" role="alert">This screen could not be loaded. Check the connection and reload the page.</p>;
  return Screen === null ? <Loading label="Loading…" /> : <Screen {...props} />;
}
