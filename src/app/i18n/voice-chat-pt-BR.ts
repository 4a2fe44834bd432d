/** Textos em português do Brasil: Chat voice and images (dictation, image attachments, read aloud) (unidos em pt-BR.ts). */
import type { voiceChatEn } from './voice-chat-en';

export const voiceChatPtBR: Readonly<Record<keyof typeof voiceChatEn, string>> = {};
