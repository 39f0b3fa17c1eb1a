import { Image, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { fetchPhoto } from '../api/visits';

function Photo({ sha256, n }: { sha256: string; n: number }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<{ url: string } | { failed: true } | null>(null);
  useEffect(() => {
    let live = true;
    let url: string | null = null;
    fetchPhoto(sha256).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setShown({ url });
      },
      () => live && setShown({ failed: true }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [sha256]);
  if (shown === null) return <Spin size="small" />;
  if ('failed' in shown)
    return <Typography.Text type="danger">{t('visitReview.photoFailed')}</Typography.Text>;
  return (
    <Image
      src={shown.url}
      width={120}
      height={120}
      style={{ objectFit: 'cover' }}
      alt={t('visit.photos.alt', { n })}
    />
  );
}

/** The visit's photos, each fetched through the attachments API with the login's token. */
export function VisitPhotos({ photoIds }: { photoIds: string[] }) {
  const { t } = useTranslation();
  if (!photoIds.length) return <>{t('visitReview.noPhotos')}</>;
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {photoIds.map((id, i) => (
          <Photo key={id} sha256={id} n={i + 1} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
