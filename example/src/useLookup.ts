/** One of the package's look-ups (services, validDocuments, …), asked when a screen mounts. */
import { useEffect, useState } from 'react';
import type { SmileIdError } from 'react-native-smileid-rs';

import { asSmileIdError } from './errors';

export type Lookup<T> = { value: T | null; error: SmileIdError | null };

/** `fetch`'s answer once it arrives (the package caches it for the session), or its error. */
export function useLookup<T>(fetch: () => Promise<T>): Lookup<T> {
  const [lookup, setLookup] = useState<Lookup<T>>({ value: null, error: null });
  useEffect(() => {
    let mounted = true;
    fetch().then(
      value => mounted && setLookup({ value, error: null }),
      e => mounted && setLookup({ value: null, error: asSmileIdError(e) }),
    );
    return () => {
      mounted = false;
    };
  }, [fetch]);
  return lookup;
}
