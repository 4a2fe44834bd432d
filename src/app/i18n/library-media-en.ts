/** English strings of the Library media (captions, OCR, transcripts, video) (merged into en.ts). */
export const libraryMediaEn = {} as const;
