/**
 * The rows of the conversation on screen. A long conversation opens at its end at once: first
 * a preview (core/chat/branch-preview.ts: its newest messages in one small read, the branch
 * walked up from its leaf), painted before anything else is read; then every message, page
 * by page with a pause between pages, so the page stays responsive while 10,000 messages come
 * in. From then on, a write (this tab's or another's) re-reads only the rows it changed.
 * Actions that need the whole branch wait for it (whenComplete).
 */
import { readBranchPreview } from '../../core/chat/branch-preview';
import { buildTree, pathTo, type MessageTree } from '../../core/chat/branches';
import { readAllMessages, withChanges, type MessageReader } from '../../core/chat/message-pages';
import {
  getConversation,
  getMessages,
  messagesCreatedAt,
  messagesPage,
  onRowsChanged,
  type ChatMessage,
  type Conversation,
  type RowChanges,
} from '../../storage';

/** Messages read for the preview: more than the tallest screen shows at once. */
export const PREVIEW_SIZE = 40;

const reader: MessageReader = {
  conversation: (id) => getConversation(id),
  page: (id, below, limit) => messagesPage(id, below, limit),
  createdAt: (id, at) => messagesCreatedAt(id, at),
  messages: (ids) => getMessages(ids),
};

/** A pause between pages: input and frames due meanwhile get their turn. */
const yieldTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Resolves after the next frame has been painted (at once-ish in a hidden tab). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    // A hidden tab paints no frames: do not wait for one there.
    const fallback = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0),
    );
  });
}

export class OpenConversation {
  #id = $state<string | null>(null);
  #conversation = $state.raw<Conversation | undefined>(undefined);
  #messages = $state.raw<readonly ChatMessage[]>([]);
  #preview = $state.raw<ChatMessage[]>([]);
  #complete = $state(true);
  #loaded = $state(true);
  #tree = $derived<MessageTree>(buildTree(this.#messages));
  #path = $derived<ChatMessage[]>(
    this.#complete ? pathTo(this.#tree, this.#conversation?.leafId) : this.#preview,
  );
  #close: (() => void) | null = null;
  /** put() calls so far, and when each message was last put (stale re-reads must not undo it). */
  #puts = 0;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, nothing renders from it
  readonly #putAt = new Map<string, number>();
  /** Reading the conversation failed: actions that wait for it give up. */
  #failed = false;
  /** Callers waiting for every message of the conversation: told whether it is still open. */
  #waiting: ((same: boolean) => void)[] = [];
  readonly #onConversation: (conversation: Conversation | undefined) => void;

  /** `onConversation` hears every new read of the conversation row. */
  constructor(onConversation: (conversation: Conversation | undefined) => void = () => {}) {
    this.#onConversation = onConversation;
  }

  get id(): string | null {
    return this.#id;
  }
  /** Whether conversation `id` is the one open (being read or shown). */
  shows(id: string | null): boolean {
    return id === this.#id && (id === null || this.#close !== null);
  }
  get conversation(): Conversation | undefined {
    return this.#conversation;
  }
  /** Something can be shown: the preview, every message, or that there is no such conversation. */
  get loaded(): boolean {
    return this.#loaded;
  }
  /** Every message is in: the tree and the path are whole (not just the preview's end). */
  get complete(): boolean {
    return this.#complete;
  }
  /** Every message, oldest first, once complete (empty before). */
  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }
  get tree(): MessageTree {
    return this.#tree;
  }
  /** The branch on screen, oldest first; while only the preview is in, its last messages. */
  get path(): ChatMessage[] {
    return this.#path;
  }

  /**
   * A message this tab just stored (a finished answer): shown at once, before the write's
   * notice brings it back from storage.
   */
  put(message: ChatMessage): void {
    if (!this.#complete || message.conversationId !== this.#id) return;
    this.#putAt.set(message.id, ++this.#puts);
    this.#messages = withChanges(this.#messages, message.conversationId, [[message.id, message]]);
  }

  /** Resolves true once every message is in, false if another conversation opened first. */
  whenComplete(): Promise<boolean> {
    if (this.#complete || this.#failed) return Promise.resolve(this.#complete);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Shows conversation `id` (null: a new, unsaved one). */
  open(id: string | null): void {
    this.#close?.();
    this.#close = null;
    this.#settle(false);
    this.#id = id;
    this.#conversation = undefined;
    this.#messages = [];
    this.#preview = [];
    this.#complete = id === null;
    this.#loaded = id === null;
    this.#failed = false;
    this.#putAt.clear();
    if (id !== null) this.#read(id);
  }

  #read(id: string): void {
    let closed = false;
    /** Writes seen while the pages are read: applied once they are all in. */
    let held: RowChanges[] | null = [];
    let applying = Promise.resolve();
    const apply = (changes: RowChanges): void => {
      applying = applying.then(() => (closed ? undefined : this.#apply(id, changes)));
    };
    const unlisten = onRowsChanged(['messages', 'conversations'], (changes) => {
      if (held) held.push(changes);
      else apply(changes);
    });
    this.#close = () => {
      closed = true;
      unlisten();
    };
    // Another conversation opened: stop reading this one's pages.
    const pause = async (): Promise<void> => {
      await yieldTask();
      if (closed) throw new Error('closed');
    };
    const load = async (): Promise<void> => {
      const preview = await readBranchPreview(reader, id, PREVIEW_SIZE);
      if (closed) return;
      if (preview.all) {
        this.#show(preview.conversation, preview.all);
      } else {
        this.#setConversation(preview.conversation);
        this.#preview = preview.path;
        this.#loaded = true;
        // Paint the end of the branch before reading the rest.
        await afterPaint();
        if (closed) return;
        const conversation = await reader.conversation(id);
        const messages = await readAllMessages(reader, id, { pause });
        if (closed) return;
        this.#show(conversation, messages);
      }
      const seen = held ?? [];
      held = null;
      for (const changes of seen) apply(changes);
    };
    load().catch((error: unknown) => {
      if (closed) return;
      console.warn('Omnia: could not read the conversation', error);
      this.#loaded = true;
      this.#failed = true;
      this.#settle(false);
    });
  }

  /** Re-reads what a write changed (the row and messages of this conversation) and shows it. */
  async #apply(id: string, changes: RowChanges): Promise<void> {
    const conversations = changes['conversations'];
    const ids = changes['messages'];
    const conversationChanged = conversations === null || (conversations?.includes(id) ?? false);
    if (!conversationChanged && ids === undefined) return;
    const conversation = conversationChanged ? await reader.conversation(id) : this.#conversation;
    // Rows put() after the reads below began are newer than what those reads return.
    const since = this.#puts;
    const newer = (key: string): boolean => (this.#putAt.get(key) ?? 0) > since;
    let messages = this.#messages;
    if (ids === null) {
      const all = await readAllMessages(reader, id, { pause: yieldTask });
      const kept = this.#messages.filter((m) => newer(m.id)).map((m) => [m.id, m] as const);
      messages = withChanges(all, id, kept);
    } else if (ids !== undefined && ids.length > 0) {
      const rows = await reader.messages(ids);
      const fresh = ids.map((key, i) => [key, rows[i]] as const).filter(([key]) => !newer(key));
      messages = withChanges(this.#messages, id, fresh);
    }
    if (this.#id !== id) return;
    if (conversationChanged) this.#setConversation(conversation);
    if (messages !== this.#messages) this.#messages = messages;
  }

  #setConversation(conversation: Conversation | undefined): void {
    this.#conversation = conversation;
    this.#onConversation(conversation);
  }

  #show(conversation: Conversation | undefined, messages: readonly ChatMessage[]): void {
    this.#setConversation(conversation);
    this.#messages = messages;
    this.#preview = [];
    this.#complete = true;
    this.#loaded = true;
    this.#settle(true);
  }

  #settle(same: boolean): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve(same);
  }
}
