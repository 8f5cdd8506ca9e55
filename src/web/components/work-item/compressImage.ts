/** the longest side a photo keeps once compressed in the browser: enough to read a nameplate or a gauge */
export const PHOTO_MAX_SIDE = 1920;

/** The size a picture of w×h is drawn at so that its longer side is at most `max` (never enlarged). */
export function fitWithin(w: number, h: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(w, h, 1));
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

/**
 * A phone photo made smaller before upload (JPEG, longer side ≤ PHOTO_MAX_SIDE): the county's links are slow and a
 * 12-megapixel original says nothing more about a blocked exit. PDFs, small files and anything the browser cannot
 * draw go up unchanged; the compressed file is used only when it is actually smaller.
 */
export async function compressImage(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < 400 * 1024 || typeof createImageBitmap !== 'function') return file;
  try {
    const blob = await redrawAsJpeg(file, PHOTO_MAX_SIDE);
    if (!blob || blob.size >= file.size) return file;
    return new File([blob], file.name.replace(/\.[^.]+$/, '') + '.jpg', { type: 'image/jpeg' });
  } catch {
    return file;
  }
}

/** Any picture the browser can draw, redrawn as a JPEG whose longer side is at most `maxSide` (null when it cannot draw it). */
export async function redrawAsJpeg(file: Blob, maxSide: number, quality = 0.82): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function') return null;
  const bitmap = await createImageBitmap(file);
  const { width, height } = fitWithin(bitmap.width, bitmap.height, maxSide);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}
