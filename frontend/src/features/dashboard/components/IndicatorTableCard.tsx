import { Card, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { formatCount, formatFigure } from '@/lib/format';
import { Failure } from '@/lib/write';

import {
  TREND_INDICATORS,
  useIndicatorCatalogue,
  useIndicatorValues,
  type IndicatorValue,
} from '../api/indicators';
import { incomePeriod, quarterChoices, type DefaultPeriods } from '../api/periods';
import { ExportButtons } from './ExportButtons';
import { PeriodPicker } from './PeriodPicker';
import { usePeriodLabel } from './usePeriodLabel';

/** One indicator's figure (a chosen measure) for the area and each area below it, in a chosen quarter
 * (by default the latest with income records), with its exports. */
export function IndicatorTableCard({ area, defaults }: { area: string; defaults: DefaultPeriods }) {
  const { t, i18n } = useTranslation();
  const label = usePeriodLabel();
  const periods = quarterChoices(defaults.running_quarter);
  const catalogue = useIndicatorCatalogue();
  // The choice lives in the URL: a reload or a shared link shows the same table.
  const [search, setSearch] = useSearchParams();
  const choose = (change: Record<string, string | null>) =>
    setSearch(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(change)) {
          if (value === null) next.delete(name);
          else next.set(name, value);
        }
        return next;
      },
      { replace: true },
    );
  const indicator = search.get('indicator') ?? TREND_INDICATORS[0];
  const period = periods.find((p) => p === search.get('period')) ?? incomePeriod(defaults);
  const info = catalogue.data?.find((item) => item.code === indicator);
  const measure =
    info?.measures.find((m) => m.code === search.get('measure'))?.code ?? info?.measures[0]?.code;
  const values = useIndicatorValues(indicator, area, period, measure ?? null);
  const named = (item: { name_zh: string; name_en: string }) =>
    i18n.language === 'en' ? item.name_en : item.name_zh;
  const indicatorOptions = (catalogue.data ?? []).map((item) => ({
    value: item.code,
    label: `${item.number}. ${named(item)}`,
  }));
  const shown = (row: IndicatorValue) =>
    row.value === null ? t('common.none') : formatFigure(row.value, row.unit);
  const what = t('dashboard.indicatorTable');
  return (
    <Card
      role="region"
      aria-label={what}
      title={t('dashPeriods.indicatorTable', { period: label(period) })}
      extra={
        <ExportButtons
          what={what}
          request={{ kind: 'indicator-values', indicator, area, period }}
        />
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="indicator-table-indicator">{t('dashboard.indicator')}</label>
        <Select<string>
          id="indicator-table-indicator"
          showSearch
          optionFilterProp="label"
          style={{ width: 320 }}
          value={indicator}
          loading={catalogue.isLoading}
          onChange={(code) => choose({ indicator: code, measure: null })}
          options={indicatorOptions}
        />
        <label htmlFor="indicator-table-measure">{t('dashboard.measure')}</label>
        <Select<string>
          id="indicator-table-measure"
          style={{ width: 200 }}
          value={measure}
          onChange={(code) => choose({ measure: code })}
          options={(info?.measures ?? []).map((m) => ({ value: m.code, label: named(m) }))}
        />
        <PeriodPicker
          kind="quarter"
          value={period}
          choices={periods}
          onChange={(p) => choose({ period: p })}
        />
      </Space>
      <Failure error={catalogue.error ?? values.error} />
      <Table<IndicatorValue>
        rowKey={(row) => `${row.area_code}/${row.measure}`}
        size="small"
        loading={values.isFetching}
        pagination={false}
        scroll={{ y: 400 }}
        dataSource={values.data ?? []}
        columns={[
          {
            title: t('dashboard.area'),
            dataIndex: 'area_name',
            render: (name: string, row) =>
              row.area_code === area ? <strong>{name}</strong> : name,
          },
          { title: t('dashboard.value'), key: 'value', render: (_, row) => shown(row) },
          {
            title: t('dashboard.covered'),
            dataIndex: 'covered',
            render: (n: number) => formatCount(n),
          },
        ]}
      />
    </Card>
  );
}
