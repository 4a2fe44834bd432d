/** English strings of the Chat voice and images (dictation, image attachments, read aloud) (merged into en.ts). */
export const voiceChatEn = {} as const;
