import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useAreaNames, useTopArea } from '@/lib/names';
import { formatFigure } from '@/lib/format';
import { countyYear } from '@/lib/time';
import { Failure, FormModal, useWrite, WriteAlerts } from '@/lib/write';

import { putTarget, resetTarget, useCatalogue, useTargets, type Target } from '../api/settings';
import { periodName } from './periodName';

/** A target's value as read: yuan and shares to 0.01 with separators, counts whole. */
const targetText = (target: Target) => formatFigure(target.value, target.unit);

/** Targets of one indicator for the county and its townships, for a year or a quarter of it. */
export function TargetsTab() {
  const { t, i18n } = useTranslation();
  const county = useTopArea();
  const catalogue = useCatalogue();
  const [indicator, setIndicator] = useState('I01_rural_income');
  const [year, setYear] = useState(countyYear());
  const [quarter, setQuarter] = useState(4);
  const period = quarter === 4 ? String(year) : `${year}Q${quarter}`;
  const targets = useTargets(indicator, county, period);
  const client = useQueryClient();
  const [editing, setEditing] = useState<Target | null>(null);
  const [form] = Form.useForm<{ value: string }>();
  const write = useWrite(form, { onConflict: () => targets.refetch() });
  const reset = useWrite(null, { onConflict: () => targets.refetch() });
  const en = i18n.language === 'en';
  const info = catalogue.data?.find((i) => i.code === indicator);
  const measureName = (code: string) => {
    const m = info?.measures.find((x) => x.code === code);
    return m ? (en ? m.name_en : m.name_zh) : code;
  };
  const names = useAreaNames((targets.data ?? []).map((r) => r.area_code));
  const areaName = (code: string) => (code === county ? t('settings.county') : names.name(code));
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['targets'] }),
      client.invalidateQueries({ queryKey: ['progress'] }),
      client.invalidateQueries({ queryKey: ['ranking'] }),
    ]);
  const years = Array.from({ length: 6 }, (_, i) => 2025 + i);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('settings.targetsHelp')}</Typography.Paragraph>
      <Space wrap>
        <Select
          aria-label={t('dashboard.indicator')}
          style={{ minWidth: 280 }}
          value={indicator}
          onChange={setIndicator}
          options={(catalogue.data ?? [])
            .filter((i) => i.measures.some((m) => m.target))
            .map((i) => ({ value: i.code, label: `${i.number}. ${en ? i.name_en : i.name_zh}` }))}
        />
        <Select
          aria-label={t('settings.year')}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({ value: y, label: t('settings.yearOption', { year: y }) }))}
        />
        <Select
          aria-label={t('settings.quarter')}
          value={quarter}
          onChange={setQuarter}
          options={[4, 1, 2, 3].map((q) => ({
            value: q,
            label: q === 4 ? t('settings.wholeYear') : t('settings.quarterOption', { quarter: q }),
          }))}
        />
      </Space>
      <Typography.Title level={5}>
        {t('settings.targetsOf', { period: periodName(period, t) })}
      </Typography.Title>
      <Failure error={targets.error} />
      <WriteAlerts conflict={reset.conflict} error={reset.error} />
      <Table<Target>
        rowKey={(r) => `${r.area_code}/${r.measure}`}
        size="small"
        loading={targets.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={targets.data ?? []}
        columns={[
          { title: t('dashboard.area'), key: 'area', render: (_, r) => areaName(r.area_code) },
          {
            title: t('dashboard.measure'),
            key: 'measure',
            render: (_, r) => measureName(r.measure),
          },
          {
            title: t('settings.target'),
            key: 'value',
            align: 'right',
            render: (_, r) => targetText(r),
          },
          {
            title: t('settings.source'),
            key: 'source',
            render: (_, r) =>
              r.source === 'set' ? (
                <Tag color="blue">
                  {t('settings.setFor', { period: periodName(r.set_for ?? r.period, t) })}
                </Tag>
              ) : (
                <Tag>{t('settings.planDefault')}</Tag>
              ),
          },
          {
            title: t('settings.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => {
                    write.clear();
                    setEditing(r);
                  }}
                >
                  {t('settings.edit')}
                </Button>
                {r.source === 'set' && (
                  <Popconfirm
                    title={t('settings.resetConfirm', {
                      period: periodName(r.set_for ?? r.period, t),
                    })}
                    okText={t('settings.reset')}
                    cancelText={t('common.cancel')}
                    onConfirm={async () => {
                      if (await reset.run(() => resetTarget(r))) await refresh();
                    }}
                  >
                    <Button size="small" danger>
                      {t('settings.reset')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <FormModal<{ value: string }>
          title={t('settings.editTitle', {
            area: areaName(editing.area_code),
            measure: measureName(editing.measure),
            period: periodName(period, t),
          })}
          form={form}
          write={write}
          initialValues={{ value: editing.value }}
          onClose={() => setEditing(null)}
          onReload={() => void targets.refetch()}
          onSave={async ({ value }) => {
            const saved = await write.run(() => putTarget(editing, String(value)));
            if (saved) {
              setEditing(null);
              await refresh();
            }
          }}
        >
          <Form.Item
            name="value"
            label={t('settings.valueIn', { unit: t(`settings.units.${editing.unit as 'yuan'}`) })}
            rules={[{ required: true, message: t('settings.valueRequired') }]}
          >
            <InputNumber<string> stringMode style={{ width: '100%' }} min="0" />
          </Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
