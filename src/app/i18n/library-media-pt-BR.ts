/** Textos em português do Brasil: Library media (captions, OCR, transcripts, video) (unidos em pt-BR.ts). */
import type { libraryMediaEn } from './library-media-en';

export const libraryMediaPtBR: Readonly<Record<keyof typeof libraryMediaEn, string>> = {};
