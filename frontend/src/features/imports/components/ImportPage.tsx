import { Alert, Button, Card, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { IMPORT_KINDS } from '../api/imports';
import { useImportRun } from '../hooks/useImportRun';
import { ImportReportCard } from './ImportReportCard';

/** Pick a kind, get its template, check a file (dry run), see every row's errors, then commit. */
export function ImportPage() {
  const { t } = useTranslation();
  const imports = useImportRun();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('imports.title')}</Typography.Title>
      <Card>
        <Space wrap align="end">
          <label>
            <div>{t('imports.kind')}</div>
            <Select
              aria-label={t('imports.kind')}
              style={{ width: 200 }}
              value={imports.kind}
              onChange={imports.chooseKind}
              options={IMPORT_KINDS.map((value) => ({ value, label: t(`imports.kinds.${value}`) }))}
            />
          </label>
          <Button onClick={() => void imports.template('xlsx')}>{t('imports.templateXlsx')}</Button>
          <Button onClick={() => void imports.template('csv')}>{t('imports.templateCsv')}</Button>
        </Space>
        <div style={{ marginTop: 16 }}>
          <label htmlFor="import-file">{t('imports.file')}</label>{' '}
          <input
            id="import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => imports.chooseFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <Space style={{ marginTop: 16 }}>
          <Button
            onClick={() => void imports.check()}
            disabled={!imports.file}
            loading={imports.busy}
          >
            {t('imports.check')}
          </Button>
          <Button
            type="primary"
            onClick={() => void imports.commit()}
            disabled={!imports.file || !imports.checked}
            loading={imports.busy}
          >
            {t('imports.commit')}
          </Button>
        </Space>
      </Card>
      {imports.message && (
        <Alert role="alert" type={imports.message.type} showIcon message={imports.message.text} />
      )}
      {imports.report && <ImportReportCard report={imports.report} />}
    </Space>
  );
}
