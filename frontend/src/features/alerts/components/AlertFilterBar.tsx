import { Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import { ALERT_RULES, type AlertFilters, type AlertRule, type AlertStatus } from '../api/alerts';
import type { CadreOption, Township } from '../api/people';

const STATUSES: AlertStatus[] = ['open', 'acknowledged', 'closed'];

/** The alert list's filters: status, rule, township (when the login sees more than one), cadre. */
export function AlertFilterBar({
  filters,
  onChange,
  townships,
  cadres,
}: {
  filters: AlertFilters;
  onChange: (next: AlertFilters) => void;
  townships: Township[];
  cadres: CadreOption[];
}) {
  const { t } = useTranslation();
  const set = (change: Partial<AlertFilters>) => onChange({ ...filters, ...change });
  return (
    <Space wrap>
      <Select<AlertStatus | undefined>
        aria-label={t('followup.status')}
        allowClear
        placeholder={t('followup.allStatuses')}
        style={{ width: 160 }}
        value={filters.status}
        onChange={(status) => set({ status })}
        options={STATUSES.map((value) => ({ value, label: t(`followup.alertStatus.${value}`) }))}
      />
      <Select<AlertRule | undefined>
        aria-label={t('followup.rule')}
        allowClear
        placeholder={t('followup.allRules')}
        style={{ width: 180 }}
        value={filters.rule}
        onChange={(rule) => set({ rule })}
        options={ALERT_RULES.map((value) => ({ value, label: t(`followup.rules.${value}`) }))}
      />
      {townships.length > 1 && (
        <Select<string | undefined>
          aria-label={t('followup.township')}
          allowClear
          placeholder={t('followup.allTownships')}
          style={{ width: 160 }}
          value={filters.area}
          // Another township's cadres are not in this one: the cadre filter starts over.
          onChange={(area) => set({ area, cadre_id: undefined })}
          options={townships.map((area) => ({ value: area.code, label: area.name }))}
        />
      )}
      <Select<string | undefined>
        aria-label={t('followup.cadre')}
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('followup.allCadres')}
        style={{ width: 160 }}
        value={filters.cadre_id}
        onChange={(cadre_id) => set({ cadre_id })}
        options={cadres.map((cadre) => ({ value: cadre.id, label: cadre.name }))}
      />
    </Space>
  );
}
