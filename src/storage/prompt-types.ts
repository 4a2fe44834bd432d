// Prompt Studio rows (C7): templates, their immutable versions, test runs and the outputs each
// run stored. Kept apart from types.ts so the Studio's shapes read as one unit; what they mean
// (rendering, checks, diffs) lives in src/core/prompts.
import type { GenerationParamsRow } from './types';

/** What a template variable holds, and so which field its form shows. */
export type PromptVariableKind =
  'text' | 'longText' | 'number' | 'choice' | 'document' | 'collection' | 'file';

/** One declared `{{variable}}` of a template version. */
export interface PromptVariableRow {
  /** Letters, digits and `_`, starting with a letter or `_`: what `{{name}}` refers to. */
  name: string;
  kind: PromptVariableKind;
  /** What the form calls it; the name when absent. */
  label?: string;
  /** Whether the form may be sent with it empty (it then renders as ''). Default true. */
  required?: boolean;
  /** Pre-filled value (text, long text, number, choice). */
  defaultValue?: string;
  /** The options of a 'choice'. */
  choices?: string[];
}

/** A template: its name and which version is "in use" (what `/` in the chat sends). */
export interface PromptTemplateRow {
  id: string;
  name: string;
  description?: string;
  /** The version marked in use; the newest is used when absent. */
  inUseVersionId?: string;
  createdAt: number;
  updatedAt: number;
}

/** One version of a template. Never changed once written: a change is a new version. */
export interface PromptVersionRow {
  id: string;
  templateId: string;
  /** 1, 2, 3… per template, in the order they were written. */
  number: number;
  body: string;
  variables: PromptVariableRow[];
  /** Why this version exists ("shorter intro", "revert to v2"). */
  note: string;
  /** Set when this version was made by reverting to an older one. */
  revertedFrom?: number;
  createdAt: number;
}

/** A named set of values for a test run (raw form values: ids for documents and collections). */
export interface PromptVariableSetRow {
  label: string;
  values: Record<string, string>;
}

/**
 * A test run: one template × versions × installed models × variable sets, run as a job (its
 * job row has the same id and holds status and progress).
 */
export interface PromptRunRow {
  id: string;
  templateId: string;
  versionIds: string[];
  modelIds: string[];
  variableSets: PromptVariableSetRow[];
  params: GenerationParamsRow;
  /** Seeds sampling (temperature > 0) on engines that take one; greedy ignores it. */
  seed: number;
  /** 'auto' (WebGPU when present), 'webgpu' or 'wasm'. */
  device: string;
  createdAt: number;
}

/** One output of a run: a version × model × variable set, as the engine produced it. */
export interface PromptOutputRow {
  id: string;
  runId: string;
  templateId: string;
  versionId: string;
  versionNumber: number;
  modelId: string;
  setIndex: number;
  /** 1 for the run, 2… for each rerun of the cell; the newest is shown. */
  attempt: number;
  status: 'done' | 'failed' | 'cancelled';
  /** The rendered prompt the model was given. */
  prompt: string;
  text: string;
  /** 'transformers' or 'webllm'. */
  engine: string;
  device: string;
  /** The sampling the engine really used. */
  params: { maxNewTokens: number | null; temperature: number; topP: number | null };
  seed: number | null;
  /** Generated ids, where the engine gives them (null on web-llm). */
  tokenIds: number[] | null;
  promptTokens: number;
  completionTokens: number;
  tokensPerSecond: number | null;
  totalMs: number;
  finishReason: string;
  error?: string;
  createdAt: number;
}
