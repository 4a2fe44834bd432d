/**
 * What every conversation starts from: the chat model, persona and sampling defaults, the
 * person's own personas, and whether proactive suggestions are on — all remembered in the
 * settings table. Also answers "which chat models can this device use right now".
 */
import type { CatalogEntry } from '../../models/catalog';
import { engineRuns } from '../../models/engine-support';
import {
  BUILTIN_PERSONAS,
  customPersonaToPersona,
  resolvePersona,
  type CustomPersona,
  type Persona,
  type PersonaProblem,
} from '../../core/chat/personas';
import type { GenerationParams } from '../../core/chat/generation-params';
import { ChatPrefsStore, INITIAL_CHAT_PREFS, type ChatPrefsValues } from './chat-prefs-store';
import { modelsState } from './models.svelte';

/**
 * Chat models the chat can offer here: an engine of this app runs them (transformers.js or
 * web-llm, engine-support.ts) and the device verdict says they fit. Every list of chat models
 * (the chat's picker, "Try it", the no-model guide) filters through this one function.
 */
export function chatRunnable(entry: CatalogEntry): boolean {
  if (entry.task !== 'chat' || !engineRuns(entry)) return false;
  // Until the probe answers the verdict knows no GPU: keep an installed WebGPU model listed
  // rather than flash "no model" at someone who has one.
  return modelsState.device === null || modelsState.verdict(entry).fits;
}

class ChatPrefs {
  #values = $state.raw<ChatPrefsValues>(INITIAL_CHAT_PREFS);
  /** Reads and writes them; every change waits for the read (chat-prefs-store.ts says why). */
  readonly #store = new ChatPrefsStore({
    get: () => this.#values,
    set: (values) => (this.#values = values),
  });

  async restore(): Promise<void> {
    modelsState.start();
    await this.#store.restore();
  }

  get personas(): readonly Persona[] {
    return [...BUILTIN_PERSONAS, ...this.#values.custom.map(customPersonaToPersona)];
  }
  get customPersonas(): readonly CustomPersona[] {
    return this.#values.custom;
  }
  persona(id: string | undefined): Persona {
    return resolvePersona(id, this.#values.custom);
  }
  get defaultPersonaId(): string {
    return this.#values.personaId;
  }
  get defaultParams(): GenerationParams {
    return this.#values.params;
  }
  get suggestionsEnabled(): boolean {
    return this.#values.suggestions;
  }

  /** Installed chat models the chat can run, in catalog order (fixtures only for developers). */
  get installedModels(): readonly CatalogEntry[] {
    return modelsState
      .entries('chat')
      .filter((e) => chatRunnable(e) && modelsState.status(e.id) === 'installed');
  }

  /** The model a new message goes to: the last chosen if still installed, else the first. */
  get modelId(): string | null {
    const installed = this.installedModels;
    const chosen = this.#values.modelId;
    if (chosen && installed.some((e) => e.id === chosen)) return chosen;
    return installed[0]?.id ?? null;
  }

  /**
   * The chat model to suggest to someone with none: the device's recommendation (tiers.ts only
   * recommends models an engine runs and the device fits). Until the probe answers, the first
   * chat model that runs without a GPU, so the guide never waits on the probe.
   */
  get recommendedModelId(): string | null {
    if (modelsState.device) return modelsState.recommended('chat');
    return (
      modelsState
        .entries('chat')
        .find((e) => !e.fixture && chatRunnable(e) && modelsState.verdict(e).fits)?.id ?? null
    );
  }

  chooseModel(modelId: string): Promise<void> {
    return this.#store.chooseModel(modelId);
  }

  /** The persona new conversations start with (their sampling stays). */
  setDefaultPersona(personaId: string): Promise<void> {
    return this.#store.setDefaultPersona(personaId);
  }

  /** The sampling new conversations start with (their persona stays). */
  setDefaultParams(params: GenerationParams): Promise<void> {
    return this.#store.setDefaultParams(params);
  }

  setSuggestions(enabled: boolean): Promise<void> {
    return this.#store.setSuggestions(enabled);
  }

  /** Adds or edits a custom persona; returns the problems instead when the draft is invalid. */
  savePersona(
    draft: { name: string; systemPrompt: string },
    editingId?: string,
  ): Promise<PersonaProblem[] | CustomPersona> {
    return this.#store.savePersona(draft, editingId);
  }

  deletePersona(id: string): Promise<void> {
    return this.#store.deletePersona(id);
  }
}

export const chatPrefs = new ChatPrefs();
