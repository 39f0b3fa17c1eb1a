import { Checkbox, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import type { MonthChoice } from '../api/months';
import type { Area, CadreOption } from '../api/places';
import { VISIT_FLAGS, type VisitFilters, type VisitFlag } from '../api/visits';

/** The month (the last completed one by default, the running one beside it), cadre, village (by
 * name, grouped by township when there are several) and the flags each visit must carry. */
export function VisitFilterBar({
  filters,
  onChange,
  months,
  cadres,
  townships,
  villages,
  canFilterRisk,
}: {
  filters: VisitFilters;
  onChange: (next: VisitFilters) => void;
  months: MonthChoice[];
  cadres: CadreOption[];
  townships: Area[];
  villages: Area[];
  canFilterRisk: boolean;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<VisitFilters>) => onChange({ ...filters, ...change });
  const villageOptions =
    townships.length > 1
      ? townships.map((township) => ({
          label: township.name,
          options: villages
            .filter((v) => v.parent_code === township.code)
            .map((v) => ({ value: v.code, label: v.name })),
        }))
      : villages.map((v) => ({ value: v.code, label: v.name }));
  const flags = VISIT_FLAGS.filter((flag) => flag !== 'risk' || canFilterRisk);
  return (
    <Space wrap size="middle">
      <Select<string>
        aria-label={t('visitReview.month')}
        style={{ width: 200 }}
        value={filters.month}
        onChange={(month) => set({ month })}
        options={months.map(({ month, kind }) => ({
          value: month,
          label: kind === 'earlier' ? month : t(`visitReview.monthKinds.${kind}`, { month }),
        }))}
      />
      <Select<string | undefined>
        aria-label={t('visitReview.cadre')}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('visitReview.allCadres')}
        style={{ width: 180 }}
        value={filters.cadre_id}
        onChange={(cadre_id) => set({ cadre_id })}
        options={cadres.map((cadre) => ({ value: cadre.id, label: cadre.name }))}
      />
      <Select<string | undefined>
        aria-label={t('visitReview.village')}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('visitReview.allVillages')}
        style={{ width: 220 }}
        value={filters.village}
        onChange={(village) => set({ village })}
        options={villageOptions}
      />
      <Checkbox.Group<VisitFlag>
        aria-label={t('visitReview.flagsLabel')}
        value={filters.flags}
        onChange={(ticked) => set({ flags: ticked })}
        options={flags.map((flag) => ({ value: flag, label: t(`visitReview.flags.${flag}`) }))}
      />
    </Space>
  );
}
