/** One entity: details, edit for writers, its cadres (挂联) and the households it drives (带动). */
import { Button, Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api';
import { useAreaNames } from '@/lib/names';
import { useLabels } from '@/lib/vocabularies';
import { formatNamed } from '@/lib/format';

import { useEntity } from '../api/entities';
import { EntityFormModal } from './EntityFormModal';
import { CadreEntitySection, EntityHouseholdSection } from './LinkSections';

export function EntityView({
  id,
  canWrite,
  notFound,
}: {
  id: string;
  canWrite: boolean;
  notFound: React.ReactNode;
}) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const entity = useEntity(id);
  const areas = useAreaNames([entity.data?.village_code]);
  const [editing, setEditing] = useState(false);

  if (entity.error instanceof ApiError && entity.error.status === 404) return <>{notFound}</>;
  if (entity.error) return <Result status="error" title={t('common.retryLater')} />;
  const e = entity.data;
  if (!e) return <Card loading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {e.name}
        </Typography.Title>
        <Tag color={e.status === 'active' ? 'green' : undefined}>
          {vocab.label('entity_status', e.status)}
        </Tag>
        {e.high_quality && <Tag color="gold">{t('entities.highQuality')}</Tag>}
        {canWrite && <Button onClick={() => setEditing(true)}>{t('registry.edit')}</Button>}
      </Space>
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label={t('entities.type')}>
          {formatNamed(
            vocab.label('entity_type', e.type),
            e.enterprise_level && vocab.label('enterprise_level', e.enterprise_level),
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('entities.industry')}>
          {vocab.label('industry', e.industry)}
        </Descriptions.Item>
        <Descriptions.Item label={t('entities.village')}>
          {areas.place(e.village_code)}
        </Descriptions.Item>
        <Descriptions.Item label={t('entities.creditCode')}>
          {e.credit_code ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('entities.cultivatedYear')}>
          {e.cultivated_year ?? t('common.none')}
        </Descriptions.Item>
        {e.type === 'family_farm' && (
          <Descriptions.Item label={t('entities.qualityGrade')}>
            {vocab.label('quality_grade', e.quality_grade ?? 'none')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('entities.nhlMember')}>
          {e.nhl_member ? t('regAdmin.yes') : t('regAdmin.no')}
        </Descriptions.Item>
      </Descriptions>
      <CadreEntitySection
        owner={{ entity_id: e.id }}
        canWrite={canWrite && e.status === 'active'}
      />
      <EntityHouseholdSection
        owner={{ entity_id: e.id }}
        canWrite={canWrite && e.status === 'active'}
      />
      {editing && (
        <EntityFormModal
          entity={e}
          onClose={() => setEditing(false)}
          onDone={() => setEditing(false)}
        />
      )}
    </Space>
  );
}
