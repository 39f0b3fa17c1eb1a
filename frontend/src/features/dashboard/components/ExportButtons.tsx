import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { errorMessage } from '@/lib/api';

import { downloadExport, type ExportFormat, type ExportRequest } from '../api/exports';

/** XLSX and CSV download buttons for one table (fetched with the login's token, then saved). */
export function ExportButtons({ request, what }: { request: ExportRequest | null; what: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (fmt: ExportFormat) => {
    if (!request) return;
    setBusy(fmt);
    setError(null);
    try {
      await downloadExport(request, fmt);
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space size="small">
      {(['xlsx', 'csv'] as const).map((fmt) => (
        <Button
          key={fmt}
          size="small"
          disabled={!request}
          loading={busy === fmt}
          aria-label={t('dashboard.export', { what, format: fmt.toUpperCase() })}
          onClick={() => void run(fmt)}
        >
          {fmt.toUpperCase()}
        </Button>
      ))}
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
    </Space>
  );
}
