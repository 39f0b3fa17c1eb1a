import { Button, Image, Toast } from 'antd-mobile';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { preparePhoto } from '@/lib/offline/photos';

export interface PickedPhoto {
  sha256: string;
  url: string;
  /** bytes taken now; absent for a photo already stored with a queued visit */
  file?: { sha256: string; type: string; bytes: ArrayBuffer };
}

export const MAX_PHOTOS = 20;

interface Props {
  photos: PickedPhoto[];
  onChange: (photos: PickedPhoto[]) => void;
}

/** Photos from the camera (or the gallery), shrunk on the phone before they are kept. */
export function PhotoPicker({ photos, onChange }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    const next = [...photos];
    for (const file of Array.from(files)) {
      if (next.length >= MAX_PHOTOS) break;
      try {
        const photo = await preparePhoto(file);
        if (next.some((p) => p.sha256 === photo.sha256)) continue;
        const url = URL.createObjectURL(new Blob([photo.bytes], { type: photo.type }));
        next.push({ sha256: photo.sha256, url, file: photo });
      } catch {
        Toast.show({ content: t('visit.photos.unreadable'), icon: 'fail' });
      }
    }
    onChange(next);
    setBusy(false);
    if (input.current) input.current.value = '';
  };

  return (
    <div className="photos">
      <div className="photo-grid">
        {photos.map((photo, index) => (
          <figure key={photo.sha256} className="photo">
            <Image
              src={photo.url}
              width={88}
              height={88}
              fit="cover"
              alt={t('visit.photos.alt', { n: index + 1 })}
            />
            <button
              type="button"
              className="photo-remove"
              aria-label={t('visit.photos.remove', { n: index + 1 })}
              onClick={() => onChange(photos.filter((p) => p !== photo))}
            >
              ×
            </button>
          </figure>
        ))}
      </div>
      <input
        ref={input}
        id="visit-photos"
        className="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        aria-label={t('visit.photos.add')}
        onChange={(e) => void add(e.target.files)}
      />
      <Button
        size="small"
        loading={busy}
        disabled={photos.length >= MAX_PHOTOS}
        onClick={() => input.current?.click()}
      >
        {t('visit.photos.add')}
      </Button>
      <span className="hint">
        {t('visit.photos.count', { count: photos.length, max: MAX_PHOTOS })}
      </span>
    </div>
  );
}
