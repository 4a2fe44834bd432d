/**
 * Which images the chat accepts (PNG, JPEG, WebP, GIF up to 20 MB) and the reason, in words,
 * when it refuses one. Files come from the picker, a paste or a drop; all three go through here.
 */

export const CHAT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const CHAT_IMAGE_MAX_BYTES = 20 * 1024 * 1024;

/** The picker's `accept` attribute. */
export const CHAT_IMAGE_ACCEPT = CHAT_IMAGE_TYPES.join(',');

export type ImageRefusal =
  | { kind: 'type'; name: string }
  | { kind: 'size'; name: string; bytes: number }
  | { kind: 'empty'; name: string };

/** An image waiting in the composer to be sent. */
export interface PendingImage {
  id: string;
  file: File;
  /** An object URL for the thumbnail; revoke it with `releaseImage`. */
  url: string;
}

/** Sorts files into images the chat takes and refusals, keeping their order. */
export function acceptImages(files: readonly File[]): {
  images: PendingImage[];
  refused: ImageRefusal[];
} {
  const images: PendingImage[] = [];
  const refused: ImageRefusal[] = [];
  for (const file of files) {
    const name = file.name || 'image';
    if (!(CHAT_IMAGE_TYPES as readonly string[]).includes(file.type)) {
      refused.push({ kind: 'type', name });
    } else if (file.size === 0) {
      refused.push({ kind: 'empty', name });
    } else if (file.size > CHAT_IMAGE_MAX_BYTES) {
      refused.push({ kind: 'size', name, bytes: file.size });
    } else {
      const named = file.name ? file : new File([file], pastedName(file.type), { type: file.type });
      images.push({ id: crypto.randomUUID(), file: named, url: URL.createObjectURL(named) });
    }
  }
  return { images, refused };
}

export function releaseImage(image: PendingImage): void {
  URL.revokeObjectURL(image.url);
}

/** A pasted screenshot has no name: "pasted-image.png". */
function pastedName(mimeType: string): string {
  const extension = mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
  return `pasted-image.${extension}`;
}

/** The files a paste or drop carries (a copied screenshot arrives as an item, not a file). */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...data.files];
  if (files.length > 0) return files;
  return [...data.items]
    .filter((item) => item.kind === 'file')
    .map((item) => item.getAsFile())
    .filter((file): file is File => file !== null);
}
