/**
 * A persona or sampling change is saved to IndexedDB and comes back through the live query a
 * moment later; until then the thread uses the pending choice, so a message sent right after
 * the change already gets it.
 */
import type { GenerationParams } from '../../core/chat/generation-params';
import type { Conversation } from '../../storage';

export interface PendingChoices {
  personaId?: string;
  params?: GenerationParams;
}

/** Drops the choices the stored conversation now holds (later changes, from any tab, win). */
export function settlePending(
  pending: PendingChoices,
  conversation: Conversation | undefined,
): PendingChoices {
  const { personaId, params } = pending;
  if (personaId === undefined && params === undefined) return pending;
  const next = { ...pending };
  if (personaId !== undefined && conversation?.personaId === personaId) delete next.personaId;
  if (params !== undefined && JSON.stringify(conversation?.params) === JSON.stringify(params)) {
    delete next.params;
  }
  return next;
}
