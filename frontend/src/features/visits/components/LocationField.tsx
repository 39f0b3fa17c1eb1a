import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

import type { LocationState } from '../hooks/useLocation';

/** Where the visit was: the fix (or why there is none) and a button to take it or clear it. */
export function LocationField({
  location,
  locate,
  clear,
}: {
  location: LocationState;
  locate: () => void;
  clear: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="location" role="status">
      {location.state === 'fixed' && (
        <span>
          {t('visit.location.fixed', {
            lat: location.fix.latitude.toFixed(5),
            lon: location.fix.longitude.toFixed(5),
            accuracy: location.fix.accuracy_m,
          })}
        </span>
      )}
      {location.state === 'locating' && <span>{t('visit.location.locating')}</span>}
      {location.state === 'denied' && <span>{t('visit.location.denied')}</span>}
      {location.state === 'unavailable' && <span>{t('visit.location.unavailable')}</span>}
      {location.state === 'idle' && <span>{t('visit.location.none')}</span>}{' '}
      {location.state === 'fixed' ? (
        <Button size="mini" onClick={clear}>
          {t('visit.location.clear')}
        </Button>
      ) : (
        <Button size="mini" onClick={locate} disabled={location.state === 'locating'}>
          {t('visit.location.locate')}
        </Button>
      )}
    </div>
  );
}
