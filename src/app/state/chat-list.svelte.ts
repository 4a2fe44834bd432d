/**
 * The conversation list: every conversation, live across tabs, grouped by date, with the
 * list's own actions (rename, pin, archive, delete). Opening one is the router's job.
 */
import { groupByDate, type DateGroup } from '../../core/chat/date-groups';
import {
  deleteConversation,
  updateConversation,
  watchConversations,
  type Conversation,
} from '../../storage';
import { router } from '../router.svelte';
import { chatThread } from './chat-thread.svelte';

class ChatList {
  #all = $state.raw<Conversation[]>([]);
  #loaded = $state(false);
  #showArchived = $state(false);
  #now = $state(Date.now());
  #started = false;

  start(): void {
    if (this.#started) return;
    this.#started = true;
    watchConversations((conversations) => {
      this.#all = conversations;
      this.#loaded = true;
      this.#now = Date.now();
    });
  }

  get loaded(): boolean {
    return this.#loaded;
  }
  get all(): readonly Conversation[] {
    return this.#all;
  }
  get showArchived(): boolean {
    return this.#showArchived;
  }
  set showArchived(value: boolean) {
    this.#showArchived = value;
  }
  get archivedCount(): number {
    return this.#all.filter((c) => c.archived).length;
  }
  /** Pinned first, then today, yesterday, … (archived ones only when shown). */
  get groups(): DateGroup<Conversation>[] {
    return groupByDate(this.#all, this.#now, { includeArchived: this.#showArchived });
  }

  async rename(id: string, title: string): Promise<void> {
    const clean = title.trim().replace(/\s+/g, ' ');
    if (!clean) return;
    await updateConversation(id, { title: clean.slice(0, 120), titleSource: 'user' });
  }

  async setPinned(id: string, pinned: boolean): Promise<void> {
    await updateConversation(id, { pinned });
  }

  async setArchived(id: string, archived: boolean): Promise<void> {
    await updateConversation(id, { archived });
  }

  /** Deletes the conversation and its messages; leaves it if it was open. */
  async remove(id: string): Promise<void> {
    await deleteConversation(id);
    if (chatThread.id === id) router.go('chat');
  }
}

export const chatList = new ChatList();
