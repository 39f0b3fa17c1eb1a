import { useCallback, useEffect, useState } from 'react';

export interface Fix {
  latitude: number;
  longitude: number;
  accuracy_m: number;
}

export type LocationState =
  | { state: 'idle' }
  | { state: 'locating' }
  | { state: 'fixed'; fix: Fix }
  | { state: 'denied' }
  | { state: 'unavailable' };

/** Where the phone is, when the cadre allows it: asked at once if already allowed, else on a tap. */
export function useLocation(initial: Fix | null) {
  const [location, setLocation] = useState<LocationState>(
    initial ? { state: 'fixed', fix: initial } : { state: 'idle' },
  );

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setLocation({ state: 'unavailable' });
      return;
    }
    setLocation({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) =>
        setLocation({
          state: 'fixed',
          fix: {
            latitude: position.coords.latitude,
            longitude: position.coords.longitude,
            accuracy_m: Math.round(position.coords.accuracy),
          },
        }),
      (error) =>
        setLocation({ state: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  }, []);

  useEffect(() => {
    if (initial || !navigator.permissions) return;
    let live = true;
    navigator.permissions
      .query({ name: 'geolocation' })
      .then((status) => {
        if (live && status.state === 'granted') locate();
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [initial, locate]);

  return { location, locate, clear: () => setLocation({ state: 'idle' }) };
}
