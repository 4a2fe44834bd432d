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
  DEFAULT_PERSONA_ID,
  resolvePersona,
  validatePersona,
  type CustomPersona,
  type Persona,
  type PersonaProblem,
} from '../../core/chat/personas';
import {
  DEFAULT_PARAMS,
  normalizeParams,
  type GenerationParams,
} from '../../core/chat/generation-params';
import { getSetting, setSetting } from '../../storage';
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
  #custom = $state.raw<CustomPersona[]>([]);
  #personaId = $state<string>(DEFAULT_PERSONA_ID);
  #params = $state.raw<GenerationParams>({ ...DEFAULT_PARAMS });
  #suggestions = $state(true);
  #modelId = $state<string | null>(null);
  #restored = false;

  async restore(): Promise<void> {
    if (this.#restored) return;
    this.#restored = true;
    modelsState.start();
    const [custom, defaults, suggestions, modelId] = await Promise.all([
      getSetting('customPersonas'),
      getSetting('chatDefaults'),
      getSetting('suggestionsEnabled'),
      getSetting('chatModelId'),
    ]);
    if (custom) this.#custom = custom;
    if (defaults) {
      this.#personaId = defaults.personaId;
      this.#params = normalizeParams(defaults.params);
    }
    if (suggestions !== undefined) this.#suggestions = suggestions;
    if (modelId) this.#modelId = modelId;
  }

  get personas(): readonly Persona[] {
    return [...BUILTIN_PERSONAS, ...this.#custom.map(customPersonaToPersona)];
  }
  get customPersonas(): readonly CustomPersona[] {
    return this.#custom;
  }
  persona(id: string | undefined): Persona {
    return resolvePersona(id, this.#custom);
  }
  get defaultPersonaId(): string {
    return this.#personaId;
  }
  get defaultParams(): GenerationParams {
    return this.#params;
  }
  get suggestionsEnabled(): boolean {
    return this.#suggestions;
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
    if (this.#modelId && installed.some((e) => e.id === this.#modelId)) return this.#modelId;
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

  async chooseModel(modelId: string): Promise<void> {
    this.#modelId = modelId;
    await setSetting('chatModelId', modelId);
  }

  async setDefaults(personaId: string, params: GenerationParams): Promise<void> {
    this.#personaId = personaId;
    this.#params = normalizeParams(params);
    await setSetting('chatDefaults', { personaId, params: this.#params });
  }

  async setSuggestions(enabled: boolean): Promise<void> {
    this.#suggestions = enabled;
    await setSetting('suggestionsEnabled', enabled);
  }

  /** Adds or edits a custom persona; returns the problems instead when the draft is invalid. */
  async savePersona(
    draft: { name: string; systemPrompt: string },
    editingId?: string,
  ): Promise<PersonaProblem[] | CustomPersona> {
    const problems = validatePersona(draft, this.#custom, editingId);
    if (problems.length > 0) return problems;
    const existing = this.#custom.find((p) => p.id === editingId);
    const persona: CustomPersona = {
      id: existing?.id ?? `custom-${crypto.randomUUID()}`,
      name: draft.name.trim(),
      systemPrompt: draft.systemPrompt.trim(),
      createdAt: existing?.createdAt ?? Date.now(),
    };
    const next = existing
      ? this.#custom.map((p) => (p.id === persona.id ? persona : p))
      : [...this.#custom, persona];
    await setSetting('customPersonas', next);
    this.#custom = next;
    return persona;
  }

  async deletePersona(id: string): Promise<void> {
    const next = this.#custom.filter((p) => p.id !== id);
    await setSetting('customPersonas', next);
    this.#custom = next;
  }
}

export const chatPrefs = new ChatPrefs();
