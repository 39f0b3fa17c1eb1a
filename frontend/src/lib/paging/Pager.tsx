/** 上一页 / 下一页 over keyset cursors. */
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

import type { useCursors } from './useCursors';

export function Pager({
  cursors,
  next,
}: {
  cursors: ReturnType<typeof useCursors>;
  next?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button disabled={!cursors.hasPrevious} onClick={cursors.previous}>
        {t('registry.previous')}
      </Button>
      <Button disabled={!next} onClick={() => next && cursors.next(next)}>
        {t('registry.next')}
      </Button>
    </Space>
  );
}
