/** Textos em português do Brasil: Transcribe view (unidos em pt-BR.ts). */
import type { transcribeEn } from './transcribe-en';

export const transcribePtBR: Readonly<Record<keyof typeof transcribeEn, string>> = {};
