/**
 * The open conversation: its messages (live from IndexedDB, so another tab's turns appear),
 * the branch on screen, the answer streaming in, and every action on a turn — send, stop,
 * regenerate, edit and resend, switch branch, rate. The work itself is core/chat's.
 */
import { newestLeafUnder, pathTo, siblingsOf, type SiblingInfo } from '../../core/chat/branches';
import { normalizeParams, type GenerationParams } from '../../core/chat/generation-params';
import { systemPromptFor } from '../../core/chat/personas';
import { detectSuggestion, type Suggestion } from '../../core/chat/suggestions';
import { modelDevice } from './model-device.svelte';
import type { EngineDevice } from '../../models/engines/types';
import { addMessage, updateConversation, type ChatMessage, type Conversation } from '../../storage';
import { i18n } from '../i18n/i18n.svelte';
import { router } from '../router.svelte';
import { AnswerStream, type StreamingAnswer } from './chat-answer.svelte';
import { OpenConversation } from './chat-conversation.svelte';
import { addCaptionAnswer, describeImages } from './chat-images';
import { maybeRetitle, rateMessage, storeNewConversation } from './chat-thread-steps';
import { librarySourcesFor } from './chat-library';
import { settlePending, type PendingChoices } from './pending-choices';
import { chatPrefs } from './chat-prefs.svelte';
import { gpuFallback } from './gpu-fallback.svelte';

export type { StreamingAnswer } from './chat-answer.svelte';

class ChatThread {
  #error = $state<string | null>(null);
  #suggestion = $state.raw<Suggestion | null>(null);
  /** Choices saved but not yet back from the live query: a send right after uses them. */
  #pending = $state.raw<PendingChoices>({});
  /** The rows: the end of the branch at once, then every message, live. */
  #open = new OpenConversation((conversation) => {
    this.#pending = settlePending(this.#pending, conversation);
  });
  #answers = new AnswerStream((message) => this.#open.put(message));
  /** Set while images are described before a send; aborting it abandons the send. */
  #describing = $state.raw<AbortController | null>(null);

  get id(): string | null {
    return this.#open.id;
  }
  get conversation(): Conversation | undefined {
    return this.#open.conversation;
  }
  /** Something to show: the end of the branch, all of it, or that the conversation is gone. */
  get loaded(): boolean {
    return this.#open.loaded;
  }
  /** Every message is in (before, `path` holds only the branch's last messages). */
  get complete(): boolean {
    return this.#open.complete;
  }
  get messageCount(): number {
    return this.#open.messages.length;
  }
  /** The messages of the branch on screen, oldest first. */
  get path(): readonly ChatMessage[] {
    return this.#open.path;
  }
  get streaming(): StreamingAnswer | null {
    return this.#answers.current;
  }
  get busy(): boolean {
    return this.#answers.current !== null || this.#describing !== null;
  }
  /** True while images of the message being sent are described (before it is stored). */
  get describing(): boolean {
    return this.#describing !== null;
  }
  get error(): string | null {
    return this.#error;
  }
  get suggestion(): Suggestion | null {
    return this.#suggestion;
  }
  get lastDevice(): { device: EngineDevice; fallback: string | null } | null {
    return this.#answers.lastDevice;
  }
  tokenIds(messageId: string): number[] | undefined {
    return this.#answers.tokenIds(messageId);
  }
  siblings(messageId: string): SiblingInfo {
    return siblingsOf(this.#open.tree, messageId);
  }
  message(id: string): ChatMessage | undefined {
    return this.#open.tree.byId.get(id);
  }
  get personaId(): string {
    return (
      this.#pending.personaId ?? this.#open.conversation?.personaId ?? chatPrefs.defaultPersonaId
    );
  }
  get params(): GenerationParams {
    const stored = this.#open.conversation?.params;
    return this.#pending.params ?? normalizeParams(stored ?? chatPrefs.defaultParams);
  }

  /** Shows conversation `id` (null: a new, unsaved one). */
  open(id: string | null): void {
    if (this.#open.shows(id)) return;
    this.#error = null;
    this.#suggestion = null;
    this.#pending = {};
    this.#open.open(id);
  }

  /** Waits until every message of the open conversation is in; false if another opened. */
  #whole(): Promise<boolean> {
    return this.#open.whenComplete();
  }

  get #id(): string | null {
    return this.#open.id;
  }

  dismissError(): void {
    this.#error = null;
  }

  dismissSuggestion(): void {
    this.#suggestion = null;
  }

  /**
   * Sends a new user message after the branch on screen, then answers it. Images are first
   * described by the image-to-text model; with no chat model, that description is the answer.
   */
  async send(text: string, images: readonly File[] = []): Promise<void> {
    const content = text.trim();
    if ((!content && images.length === 0) || this.busy) return;
    this.#error = null;
    const modelId = chatPrefs.modelId;
    if (!modelId && images.length === 0) {
      this.#error = i18n.t('chat.noModelError');
      return;
    }
    const controller = new AbortController();
    this.#describing = images.length > 0 ? controller : null;
    try {
      const described =
        images.length > 0 ? await describeImages(images, content, controller.signal) : null;
      if (controller.signal.aborted) return;
      this.#describing = null;
      // The new message follows the whole branch (the model sees its history), not the preview.
      if (!(await this.#whole())) return;
      const conversationId = this.#id ?? (await this.#create(content || (images[0]?.name ?? '')));
      const leaf = this.#open.path.at(-1) ?? null;
      const message: ChatMessage = {
        id: crypto.randomUUID(),
        conversationId,
        parentId: leaf?.id ?? null,
        role: 'user',
        content,
        createdAt: this.#now(),
        ...(described ? { attachments: described.attachments } : {}),
      };
      await addMessage(message);
      this.#suggestion =
        chatPrefs.suggestionsEnabled && content
          ? detectSuggestion(content, { personaId: this.personaId })
          : null;
      if (modelId) {
        await this.#answer(message, [
          ...this.#open.path.filter((m) => m.id !== message.id),
          message,
        ]);
      } else if (described) {
        await addCaptionAnswer(message, described, this.#now());
      }
      if (described?.problems.length && !this.#error) this.#error = described.problems.join(' ');
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error);
    } finally {
      if (this.#describing === controller) this.#describing = null;
    }
  }

  /** Writes another answer to the same question; the earlier one stays as a sibling. */
  async regenerate(assistantId: string): Promise<void> {
    if (!(await this.#whole())) return;
    const answer = this.#open.tree.byId.get(assistantId);
    const parent = answer?.parentId ? this.#open.tree.byId.get(answer.parentId) : undefined;
    if (!parent || this.busy) return;
    this.#error = null;
    await this.#answer(parent, pathTo(this.#open.tree, parent.id));
  }

  /** Sends an edited copy of a user message as a new branch; the original branch stays. */
  async editAndResend(userMessageId: string, text: string): Promise<void> {
    if (!(await this.#whole())) return;
    const original = this.#open.tree.byId.get(userMessageId);
    const content = text.trim();
    if (!original || original.role !== 'user' || !content || this.busy) return;
    this.#error = null;
    const edited: ChatMessage = {
      id: crypto.randomUUID(),
      conversationId: original.conversationId,
      parentId: original.parentId,
      role: 'user',
      content,
      createdAt: this.#now(),
      ...(original.attachments ? { attachments: original.attachments } : {}),
    };
    try {
      await addMessage(edited);
      const before = original.parentId ? pathTo(this.#open.tree, original.parentId) : [];
      await this.#answer(edited, [...before, edited]);
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Shows the previous or next version of a message (and the newest turns below it). */
  async switchBranch(messageId: string, direction: -1 | 1): Promise<void> {
    if (!(await this.#whole())) return;
    const info = siblingsOf(this.#open.tree, messageId);
    const target = direction < 0 ? info.previousId : info.nextId;
    if (!target || !this.#id) return;
    await updateConversation(this.#id, { leafId: newestLeafUnder(this.#open.tree, target) });
  }

  /** Puts the branch holding `messageId` on screen (search results jump here). */
  async reveal(messageId: string): Promise<void> {
    if (!(await this.#whole())) return;
    if (!this.#id || !this.#open.tree.byId.has(messageId)) return;
    if (this.#open.path.some((m) => m.id === messageId)) return;
    await updateConversation(this.#id, { leafId: newestLeafUnder(this.#open.tree, messageId) });
  }

  stop(): void {
    this.#describing?.abort();
    this.#describing = null;
    this.#answers.stop();
  }

  rate(messageId: string, stars: 1 | 2 | 3 | 4 | 5 | null, comment?: string): Promise<void> {
    return rateMessage(messageId, stars, comment);
  }

  async setPersona(personaId: string): Promise<void> {
    if (!this.#id) return chatPrefs.setDefaultPersona(personaId);
    this.#pending = { ...this.#pending, personaId };
    await updateConversation(this.#id, { personaId });
  }

  async setParams(params: GenerationParams): Promise<void> {
    const normalized = normalizeParams(params);
    if (!this.#id) return chatPrefs.setDefaultParams(normalized);
    this.#pending = { ...this.#pending, params: normalized };
    await updateConversation(this.#id, { params: normalized });
  }

  async #create(firstMessage: string): Promise<string> {
    const id = await storeNewConversation(firstMessage);
    this.open(id);
    router.go('chat', id);
    return id;
  }

  #now(): number {
    const last = this.#open.messages.at(-1)?.createdAt ?? 0;
    return Math.max(Date.now(), last + 1);
  }

  /** `retry`: a load the GPU failed (nothing stored) is answered once more on the fallback. */
  async #answer(parent: ChatMessage, path: readonly ChatMessage[], retry = true): Promise<void> {
    const chosen = chatPrefs.modelId;
    if (!chosen) {
      this.#error = i18n.t('chat.noModelError');
      return;
    }
    // After a GPU loss, a model with no WASM path gives way to the fallback model.
    const modelId = gpuFallback.modelFor(chosen);
    if (!modelId) {
      this.#error = i18n.t('gpuLoss.installFirst');
      return;
    }
    const persona = chatPrefs.persona(this.personaId);
    const sources = await librarySourcesFor(parent.conversationId, parent.content, i18n.locale);
    const { outcome, error, gpuLoss } = await this.#answers.run(parent, path, {
      ...(sources ? { sources } : {}),
      modelId,
      device: modelDevice.value,
      systemPrompt: systemPromptFor(persona, i18n.locale),
      personaId: persona.id,
      params: this.params,
      now: () => this.#now(),
    });
    this.#error = error;
    if (gpuLoss) {
      gpuFallback.note(gpuLoss, modelId);
      modelDevice.set('wasm'); // for the rest of this page's life; a reload tries the GPU again
      if (!outcome && retry && gpuFallback.ready) return this.#answer(parent, path, false);
    }
    if (outcome && !outcome.error)
      void maybeRetitle(this.#open.conversation, parent, outcome.message);
  }
}

export const chatThread = new ChatThread();
