import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { errorMessage } from '@/lib/api';

import { IMPORT_KINDS, downloadTemplate, refusedReport, rowsToShow, runImport, type ImportKind, type ImportReport, type RowReport } from '../api/imports';

const ACTION_COLORS: Record<RowReport['action'], string> = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' };

/** Pick a kind, get its template, check a file (dry run), see every row's errors, then commit. */
export function ImportPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('households');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<{ type: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (error: unknown) => {
    const refused = refusedReport(error);
    if (refused) setReport(refused);
    const text = refused ? t('imports.refused', { count: refused.rows.filter((row) => row.errors?.length).length }) : errorMessage(error, t);
    setMessage({ type: 'error', text });
  };

  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setMessage(null);
    try {
      const answer = await runImport(kind, file, commit);
      setReport(answer);
      if (commit) setMessage({ type: 'success', text: t('imports.committed', { records: answer.totals.records }) });
      else if (answer.totals.error) setMessage({ type: 'warning', text: t('imports.hasErrors', { count: answer.totals.error }) });
      else setMessage({ type: 'success', text: t('imports.ready') });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const checked = report?.dry_run && !report.totals.error && report.totals.rows > 0;

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
              value={kind}
              onChange={(value) => {
                setKind(value);
                setReport(null);
                setMessage(null);
              }}
              options={IMPORT_KINDS.map((value) => ({ value, label: t(`imports.kinds.${value}`) }))}
            />
          </label>
          <Button onClick={() => void downloadTemplate(kind, 'xlsx').catch(fail)}>{t('imports.templateXlsx')}</Button>
          <Button onClick={() => void downloadTemplate(kind, 'csv').catch(fail)}>{t('imports.templateCsv')}</Button>
        </Space>
        <div style={{ marginTop: 16 }}>
          <label htmlFor="import-file">{t('imports.file')}</label>{' '}
          <input
            id="import-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setReport(null);
              setMessage(null);
            }}
          />
        </div>
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => void run(false)} disabled={!file} loading={busy}>
            {t('imports.check')}
          </Button>
          <Button type="primary" onClick={() => void run(true)} disabled={!file || !checked} loading={busy}>
            {t('imports.commit')}
          </Button>
        </Space>
      </Card>
      {message && <Alert role="alert" type={message.type} showIcon message={message.text} />}
      {report && (
        <Card title={t('imports.totals', { ...report.totals })}>
          <Table<RowReport>
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
                render: (action: RowReport['action']) => <Tag color={ACTION_COLORS[action]}>{t(`imports.actions.${action}`)}</Tag>,
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
      )}
    </Space>
  );
}
