/** Turns a worker failure into a sentence in the UI's language, by its typed kind. */
import { WorkerTaskError } from '../workers/errors';
import { i18n } from './i18n/i18n.svelte';

export function workerErrorText(err: unknown): string {
  if (err instanceof WorkerTaskError) {
    switch (err.kind) {
      case 'crashed':
        return i18n.t('error.worker.crashed');
      case 'out-of-memory':
        return i18n.t('error.worker.out-of-memory');
      case 'invalid-input':
        return i18n.t('error.worker.invalid-input');
      default:
        return i18n.t('error.worker.failed', { detail: err.message });
    }
  }
  return i18n.t('error.worker.failed', {
    detail: err instanceof Error ? err.message : String(err),
  });
}
