/** The division tree, county → township → village, loaded a level at a time; the county admin adds villages and edits areas. */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Tree, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useLabels } from '@/lib/vocabularies';
import { formatNamed } from '@/lib/format';

import { areaKeys, childAreasOptions, childLength, useRootAreas, type Area } from '../api/areas';
import { AreaFormModal } from './AreaFormModal';

interface Node {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

const node = (area: Area): Node => ({
  key: area.code,
  title: formatNamed(area.name, area.code),
  isLeaf: area.level === 'village',
});

export function AreaTree({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const vocab = useLabels();
  const client = useQueryClient();
  const roots = useRootAreas();
  // Children as loaded: the tree asks for a level when it is opened.
  const [children, setChildren] = useState<Record<string, Area[]>>({});
  const [selected, setSelected] = useState<Area | null>(null);
  const [editing, setEditing] = useState<'edit' | 'add' | null>(null);

  const load = async (code: string) => {
    const found = await client.fetchQuery(childAreasOptions(code));
    setChildren((all) => ({ ...all, [code]: found }));
  };
  const build = (areas: Area[]): Node[] =>
    areas.map((a) => ({
      ...node(a),
      ...(children[a.code] ? { children: build(children[a.code]!) } : {}),
    }));
  const find = (code: string): Area | undefined =>
    [...(roots.data ?? []), ...Object.values(children).flat()].find((a) => a.code === code);

  const saved = async (area: Area) => {
    setEditing(null);
    setSelected(area);
    if (area.parent_code) await load(area.parent_code);
    await client.invalidateQueries({ queryKey: areaKeys.roots });
  };

  const addsVillages = canEdit && selected?.level === 'township';
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('areas.title')}
      </Typography.Title>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Card loading={roots.isLoading}>
            <Tree<Node>
              aria-label={t('areas.title')}
              treeData={build(roots.data ?? [])}
              loadData={({ key }) => load(String(key))}
              selectedKeys={selected ? [selected.code] : []}
              onSelect={(keys) => setSelected(find(String(keys[0] ?? '')) ?? null)}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={selected?.name ?? t('areas.pick')}>
            {selected ? (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={t('areas.code')}>{selected.code}</Descriptions.Item>
                  <Descriptions.Item label={t('areas.level')}>
                    {vocab.label('area_level', selected.level)}
                  </Descriptions.Item>
                  {selected.kind && (
                    <Descriptions.Item label={t('areas.kind')}>
                      {vocab.label('area_kind', selected.kind)}
                    </Descriptions.Item>
                  )}
                  {selected.level === 'village' && (
                    <Descriptions.Item label={t('areas.sizeClass')}>
                      {selected.size_class
                        ? vocab.label('size_class', selected.size_class)
                        : t('common.none')}
                    </Descriptions.Item>
                  )}
                  <Descriptions.Item label={t('areas.edition')}>
                    {selected.edition}
                  </Descriptions.Item>
                </Descriptions>
                {canEdit && (
                  <Space>
                    <Button onClick={() => setEditing('edit')}>{t('registry.edit')}</Button>
                    {addsVillages && childLength(selected.code) === 12 && (
                      <Button type="primary" onClick={() => setEditing('add')}>
                        {t('areas.addVillage')}
                      </Button>
                    )}
                  </Space>
                )}
              </Space>
            ) : (
              <Empty description={t('areas.pickHint')} />
            )}
          </Card>
        </Col>
      </Row>
      {editing === 'edit' && selected && (
        <AreaFormModal
          area={selected}
          onClose={() => setEditing(null)}
          onDone={(a) => void saved(a)}
        />
      )}
      {editing === 'add' && selected && (
        <AreaFormModal
          parent={selected}
          onClose={() => setEditing(null)}
          onDone={(a) => void saved(a)}
        />
      )}
    </Space>
  );
}
