// Why this file exists: the share dialog and the shared preview name a message's author the
// same way.
import { i18n } from '../../i18n/i18n.svelte';

/** "You", "Assistant" or "System" in the current language. */
export function roleLabel(role: string): string {
  return i18n.t(
    role === 'user'
      ? 'share.roleUser'
      : role === 'assistant'
        ? 'share.roleAssistant'
        : 'share.roleSystem',
  );
}
