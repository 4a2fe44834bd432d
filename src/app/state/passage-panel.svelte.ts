/**
 * The passage side panel's one open citation, shared by the chat and the Library: a click on
 * [n] anywhere opens the same panel. The stored citation comes along so a passage whose
 * document was deleted can still be shown as the answer quoted it.
 */
import type { MessageCitation } from '../../storage';

class PassagePanelState {
  #citation = $state.raw<MessageCitation | null>(null);

  get citation(): MessageCitation | null {
    return this.#citation;
  }
  open(citation: MessageCitation): void {
    this.#citation = citation;
  }
  close(): void {
    this.#citation = null;
  }
}

export const passagePanel = new PassagePanelState();
