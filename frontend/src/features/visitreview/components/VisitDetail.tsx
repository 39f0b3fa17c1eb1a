import { Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { countyDay } from '@/lib/time';
import { Failure } from '@/lib/write';

import { useVillageName } from '../api/places';
import { useVisit, type Visit } from '../api/visits';
import { VisitFlagTags } from './VisitFlags';
import { VisitPhotos } from './VisitPhotos';
import { formatTime } from '@/lib/format';

const OBSERVED = ['income', 'employment', 'housing', 'health'] as const;

/** "2026-11-03 09:30" in the county's time. */
const visitWhen = (iso: string) => `${countyDay(new Date(iso))} ${formatTime(new Date(iso))}`;

/** One visit, whole as the login may see it: what was seen, needs, actions, where (GPS and the
 * distance from home), photos and risk flags (sensitive: shown only when the API gives them). */
export function VisitDetail({
  visit,
  householdLink,
}: {
  visit: Visit;
  householdLink?: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const villageName = useVillageName();
  const number = new Intl.NumberFormat(i18n.language);
  const text = (value: string | null | undefined): ReactNode =>
    value === null ? (
      <Typography.Text type="secondary">{t('visitReview.hidden')}</Typography.Text>
    ) : value ? (
      <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>
    ) : (
      t('common.none')
    );
  const household = visit.household_name ?? t('visitReview.unknownHousehold');
  const place =
    visit.latitude === null || visit.longitude === null
      ? t('visitReview.noGps')
      : t('visitReview.gps', {
          lat: visit.latitude.toFixed(5),
          lon: visit.longitude.toFixed(5),
          accuracy: visit.accuracy_m === null ? '—' : number.format(Math.round(visit.accuracy_m)),
        });
  const distance =
    visit.flags.distance_m === null
      ? t(visit.latitude === null ? 'visitReview.distanceNoGps' : 'visitReview.distanceNoHome')
      : t('visitReview.metres', { value: number.format(visit.flags.distance_m) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <VisitFlagTags flags={visit.flags} />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('visitReview.when')}>
          {visitWhen(visit.occurred_at)}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitReview.household')}>
          {householdLink ? (
            <Link to={householdLink(visit.household_id)}>{household}</Link>
          ) : (
            household
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitReview.village')}>
          {villageName(visit.village_code) || t('visitReview.unknownVillage')}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitReview.cadre')}>
          {visit.cadre_name ?? t('visitReview.unknownCadre')}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitReview.mode')}>
          {t(`enums.visitMode.${visit.mode}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('visitReview.received')}>
          {visitWhen(visit.received_at)}
          {visit.backdate_reason && (
            <div>{t('visitReview.backdateReason', { reason: visit.backdate_reason })}</div>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('visit.photosAndPlace')} column={1} size="small" bordered>
        <Descriptions.Item label={t('visit.location.label')}>{place}</Descriptions.Item>
        <Descriptions.Item label={t('visitReview.distance')}>
          {distance}{' '}
          {visit.flags.far_from_home && (
            <Tag color="orange">{t('visitReview.flags.far_from_home')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('visit.photos.label')}>
          <VisitPhotos photoIds={visit.photo_ids} />
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('visit.observations')} column={1} size="small" bordered>
        {OBSERVED.map((name) => (
          <Descriptions.Item key={name} label={t(`visit.observation.${name}`)}>
            {text(visit.observations[name])}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Descriptions title={t('visit.followUp')} column={1} size="small" bordered>
        <Descriptions.Item label={t('visit.needs')}>
          {visit.needs_raised.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {visit.needs_raised.map((need, i) => (
                <li key={i}>{need}</li>
              ))}
            </ul>
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('visit.actionsTaken')}>
          {text(visit.actions_taken)}
        </Descriptions.Item>
        <Descriptions.Item label={t('visit.actionsPromised')}>
          {text(visit.actions_promised)}
        </Descriptions.Item>
        <Descriptions.Item label={t('visit.riskFlags')}>
          {visit.risk_flags === null ? (
            <Typography.Text type="secondary">{t('visitReview.hidden')}</Typography.Text>
          ) : visit.risk_flags.length ? (
            visit.risk_flags.map((flag) => (
              <Tag key={flag} color="red">
                {t(`enums.riskFlag.${flag}`)}
              </Tag>
            ))
          ) : (
            t('common.none')
          )}
        </Descriptions.Item>
      </Descriptions>
    </Space>
  );
}

/** A visit opened in a drawer by its id (null: closed); the list and the household page use it. */
export function VisitDrawer({
  visitId,
  onClose,
  householdLink,
}: {
  visitId: string | null;
  onClose: () => void;
  householdLink?: (id: string) => string;
}) {
  const { t } = useTranslation();
  const visit = useVisit(visitId);
  return (
    <Drawer
      open={visitId !== null}
      onClose={onClose}
      title={
        visit.data
          ? t('visitReview.title', { name: visit.data.household_name ?? '' })
          : t('visitReview.visit')
      }
      width="min(640px, 100vw)"
      loading={visit.isLoading}
    >
      <Failure error={visit.error} />
      {visit.data && <VisitDetail visit={visit.data} householdLink={householdLink} />}
    </Drawer>
  );
}
