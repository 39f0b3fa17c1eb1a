import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { rowsToShow, type ImportReport, type RowReport } from '../api/imports';

const ACTION_COLORS: Record<RowReport['action'], string> = {
  create: 'green',
  update: 'blue',
  unchanged: 'default',
  error: 'red',
};

/** A dry run's or a commit's report: the totals, then every row worth a look (errors and warnings first). */
export function ImportReportCard({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <Card title={t('imports.totals', { ...report.totals })}>
      <Table<RowReport>
        scroll={{ x: 'max-content' }}
        rowKey="row"
        size="small"
        dataSource={rowsToShow(report)}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('imports.row'), dataIndex: 'row', width: 80 },
          { title: t('imports.key'), dataIndex: 'key' },
          {
            title: t('imports.action'),
            dataIndex: 'action',
            render: (action: RowReport['action']) => (
              <Tag color={ACTION_COLORS[action]}>{t(`imports.actions.${action}`)}</Tag>
            ),
          },
          {
            title: t('imports.errors'),
            key: 'errors',
            render: (_, row) => (
              <ul className="import-issues">
                {(row.errors ?? []).map((issue, i) => (
                  <li key={`e${i}`} className="import-error">
                    <strong>{issue.field}</strong>：{issue.message}
                  </li>
                ))}
                {(row.warnings ?? []).map((issue, i) => (
                  <li key={`w${i}`}>
                    {t('imports.warning')} <strong>{issue.field}</strong>：{issue.message}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </Card>
  );
}
