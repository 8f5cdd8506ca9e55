import { redrawAsJpeg } from '../../../components/work-item/compressImage.ts';

/** The longer side of a scene photo kept on the phone and sent: enough for a blocked exit or a gauge, small enough for a weak link. */
export const FIELD_PHOTO_MAX_SIDE = 1600;
/** how many photos one record carries (the server takes up to 9) */
export const FIELD_PHOTO_LIMIT = 9;

const asDataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read'));
    r.readAsDataURL(blob);
  });

/**
 * A photo taken on the phone, made a JPEG of at most FIELD_PHOTO_MAX_SIDE before it is stored in the outbox (a
 * 12-megapixel original would fill the phone's storage and never get through in a valley). A JPEG or PNG the
 * browser cannot redraw is kept as it is; anything else is refused with a sentence.
 */
export async function photoForOutbox(file: File): Promise<string> {
  try {
    const jpeg = await redrawAsJpeg(file, FIELD_PHOTO_MAX_SIDE, 0.8);
    if (jpeg) return asDataUrl(jpeg);
  } catch {
    // fall through: the browser cannot draw it
  }
  if (/^image\/(jpeg|png)$/.test(file.type)) return asDataUrl(file);
  throw new Error('无法读取这张照片，请改用相机拍摄（JPEG 或 PNG）');
}
