/** English strings of the Transcribe view (merged into en.ts). */
export const transcribeEn = {} as const;
