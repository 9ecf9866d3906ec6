"use client";
// A component loaded in the browser after the page, like next/dynamic with `ssr: false`, without
// next/dynamic's runtime (some 2 kB gzip, which would come with the page): until the module
// arrives, which is also before hydration, `Placeholder` (or nothing) holds its place, so the
// placeholder must have the component's size (docs/performance.md, first-load JavaScript).
import { useEffect, useState, type ComponentType } from "react";

export function afterLoad<P extends object>(load: () => Promise<ComponentType<P>>, Placeholder?: ComponentType) {
  let loaded: ComponentType<P> | null = null;
  function AfterLoad(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      let live = true;
      if (loaded) setLoaded(() => loaded);
      else
        load().then((c) => {
          loaded = c;
          if (live) setLoaded(() => c);
        });
      return () => {
        live = false;
      };
    }, []);
    if (Loaded) return <Loaded {...props} />;
    return Placeholder ? <Placeholder /> : null;
  }
  return AfterLoad;
}
