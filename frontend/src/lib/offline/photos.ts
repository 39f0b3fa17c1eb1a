/** A photo from the camera made small enough to send over a village's mobile network. */
import { sha256Hex } from './sha256';

export const MAX_SIDE_PX = 1600;
export const JPEG_QUALITY = 0.82;

export interface Photo {
  sha256: string;
  type: string;
  bytes: ArrayBuffer;
}

/** Scale so the longer side is at most maxSide; never enlarges. */
export function fitWithin(
  width: number,
  height: number,
  maxSide = MAX_SIDE_PX,
): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** The picture redrawn on a canvas at most MAX_SIDE_PX wide or high, as JPEG, with its hash. */
export async function preparePhoto(file: Blob): Promise<Photo> {
  // imageOrientation: the camera's EXIF rotation is applied before drawing (the JPEG loses EXIF).
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const { width, height } = fitWithin(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d unavailable');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('toBlob failed'))),
      'image/jpeg',
      JPEG_QUALITY,
    ),
  );
  const bytes = await blob.arrayBuffer();
  return { sha256: await sha256Hex(bytes), type: 'image/jpeg', bytes };
}
