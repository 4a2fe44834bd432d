/**
 * Words the Transcribe components share: a problem as a sentence in the UI's language, and
 * language names.
 */
import { i18n } from '../../i18n/i18n.svelte';
import { AudioDecodeError } from '../../media/decode-audio';
import type { TranscribeProblem } from '../../state/transcribe.svelte';
import { workerErrorText } from '../../worker-errors';
import { WorkerTaskError } from '../../../workers/errors';

/** "English", "português": the language's name in the UI's language (the code if unknown). */
export function languageName(code: string): string {
  try {
    const names = new Intl.DisplayNames([i18n.locale], { type: 'language' });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

const DECODE_KEYS = {
  empty: 'transcribe.error.empty',
  undecodable: 'transcribe.error.undecodable',
  'too-large': 'transcribe.error.tooLarge',
  'too-long': 'transcribe.error.tooLong',
} as const;

/** The problem as a sentence a person can act on. */
export function problemText(problem: TranscribeProblem): string {
  const { stage, error } = problem;
  if (stage === 'decode') {
    if (error instanceof AudioDecodeError) return i18n.t(DECODE_KEYS[error.kind]);
    return i18n.t('transcribe.error.undecodable');
  }
  if (stage === 'save') {
    return i18n.t('transcribe.saveFailed', {
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  // A crashed or out-of-memory worker has its own advice; otherwise the worker's own sentence.
  if (
    error instanceof WorkerTaskError &&
    (error.kind === 'crashed' || error.kind === 'out-of-memory')
  ) {
    return workerErrorText(error);
  }
  return i18n.t('transcribe.error.failed', {
    detail: error instanceof Error ? error.message : String(error),
  });
}
