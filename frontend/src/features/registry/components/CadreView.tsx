/** One cadre: details, edit and deactivate for writers, their entity (挂联), their pairings (结对) and the handover. */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Modal, Result, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '@/lib/api';
import { useWrite, WriteAlerts } from '@/lib/write';
import { useAreaNames, useDepartmentNames } from '@/lib/names';
import { useLabels } from '@/lib/vocabularies';

import { cadreFormOf, cadreKeys, updateCadre, useCadre, type Cadre } from '../api/cadres';
import { CadreFormModal } from './CadreFormModal';
import { HandoverButton } from './HandoverButton';
import { CadreEntitySection, PairingSection } from './LinkSections';

export function CadreView({
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
  const cadre = useCadre(id);
  const areas = useAreaNames([cadre.data?.home_area_code]);
  const department = useDepartmentNames();
  const [editing, setEditing] = useState(false);
  const [toggling, setToggling] = useState(false);

  if (cadre.error instanceof ApiError && cadre.error.status === 404) return <>{notFound}</>;
  if (cadre.error) return <Result status="error" title={t('common.retryLater')} />;
  const c = cadre.data;
  if (!c) return <Card loading />;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {c.name}
        </Typography.Title>
        {c.active ? (
          <Tag color="green">{t('cadres.active')}</Tag>
        ) : (
          <Tag>{t('cadres.inactive')}</Tag>
        )}
        {canWrite && <Button onClick={() => setEditing(true)}>{t('registry.edit')}</Button>}
        {canWrite && (
          <Button danger={c.active} onClick={() => setToggling(true)}>
            {c.active ? t('cadres.deactivate') : t('cadres.reactivate')}
          </Button>
        )}
        {canWrite && <HandoverButton cadre={c} />}
      </Space>
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label={t('cadres.type')}>
          {vocab.label('cadre_type', c.type)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cadres.department')}>
          {department(c.department_id) || t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cadres.homeArea')}>
          {areas.place(c.home_area_code)}
        </Descriptions.Item>
        <Descriptions.Item label={t('cadres.phone')}>
          {c.phone ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('cadres.skills')}>
          {c.skills?.length ? c.skills.map((s) => <Tag key={s}>{s}</Tag>) : t('common.none')}
        </Descriptions.Item>
      </Descriptions>
      <PairingSection owner={{ cadre_id: c.id }} canWrite={canWrite && c.active} />
      <CadreEntitySection owner={{ cadre_id: c.id }} canWrite={canWrite && c.active} />
      {editing && (
        <CadreFormModal
          cadre={c}
          onClose={() => setEditing(false)}
          onDone={() => setEditing(false)}
        />
      )}
      {toggling && <ActiveToggle cadre={c} onClose={() => setToggling(false)} />}
    </Space>
  );
}

/** 停用 / 恢复: the same whole PUT with `active` flipped, on the version on screen. */
function ActiveToggle({ cadre, onClose }: { cadre: Cadre; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const write = useWrite(null, {
    onConflict: () => client.invalidateQueries({ queryKey: cadreKeys.one(cadre.id) }),
  });
  const submit = async () => {
    const saved = await write.run(() =>
      updateCadre(cadre, cadreFormOf(cadre), !cadre.active, t('cadres.editReason')),
    );
    if (saved) {
      client.setQueryData(cadreKeys.one(saved.id), saved);
      await client.invalidateQueries({ queryKey: cadreKeys.lists });
      onClose();
    }
  };
  return (
    <Modal
      open
      title={cadre.active ? t('cadres.deactivate') : t('cadres.reactivate')}
      okText={cadre.active ? t('cadres.deactivate') : t('cadres.reactivate')}
      okButtonProps={{ danger: cadre.active }}
      cancelText={t('common.cancel')}
      confirmLoading={write.busy}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <WriteAlerts conflict={write.conflict} error={write.error} />
      <p>
        {cadre.active
          ? t('cadres.deactivateText', { name: cadre.name })
          : t('cadres.reactivateText', { name: cadre.name })}
      </p>
    </Modal>
  );
}
