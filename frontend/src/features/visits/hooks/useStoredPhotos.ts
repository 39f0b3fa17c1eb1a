import { useEffect, useState } from 'react';

import { outbox } from '@/lib/runtime';

import type { PickedPhoto } from '../components/PhotoPicker';

/**
 * The photos of a visit being corrected, from the phone's store (or the server's copy when the
 * phone no longer holds one), then the ones picked since; object URLs are released on leaving.
 */
export function useStoredPhotos(photoIds: readonly string[] | undefined) {
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  useEffect(() => {
    const ids = photoIds ?? [];
    if (!ids.length) return;
    let live = true;
    const urls: string[] = [];
    void Promise.all(ids.map((sha) => outbox.file(sha))).then((files) => {
      if (!live) return;
      setPhotos(
        ids.map((sha, i) => {
          const file = files[i];
          const url = file
            ? URL.createObjectURL(new Blob([file.bytes], { type: file.type }))
            : `/api/v1/attachments/${sha}`;
          if (file) urls.push(url);
          return { sha256: sha, url };
        }),
      );
    });
    return () => {
      live = false;
      urls.forEach((url) => URL.revokeObjectURL(url));
    };
  }, [photoIds]);
  return [photos, setPhotos] as const;
}
