/**
 * Token counts for a web-llm model, so the chat can fit history into its context window as it
 * does for transformers.js models. web-llm keeps its tokenizer inside the engine, but it reads
 * the same tokenizer.json (HF tokenizers format) from our verified store, so transformers.js's
 * tokenizer over that file counts a text's tokens exactly. The chat template is web-llm's
 * conv_template from mlc-chat-config.json; we render it the way web-llm's Conversation does
 * and add a small margin per turn, since a template detail we render differently must never
 * make a prompt look shorter than it is.
 */
import { AutoTokenizer, type PreTrainedTokenizer } from '@huggingface/transformers';
import type { CatalogEntry } from '../../catalog-types';
import { EngineError, errorText } from '../errors';
import { applyBaseSettings, registerModelFiles } from '../transformers/transformers-env';
import type { ChatTurn, EngineTokenCounter, ModelFileSource } from '../types';

/** Tokens added per turn and per prompt beyond the rendered template (the margin). */
export const TURN_MARGIN_TOKENS = 2;
export const PROMPT_MARGIN_TOKENS = 8;

/** The parts of MLC's conv_template that shape a prompt. */
export interface ConvTemplate {
  system_template?: string;
  system_message?: string;
  roles: { user: string; assistant: string };
  seps: string[];
  role_content_sep?: string;
  role_empty_sep?: string;
}

/**
 * The prompt text web-llm builds for `turns` (system turn first, then each turn as role,
 * separator, content and the next separator, then the assistant's role to generate after).
 */
export function renderConvPrompt(template: ConvTemplate, turns: readonly ChatTurn[]): string {
  const system = turns.find((t) => t.role === 'system')?.content ?? template.system_message ?? '';
  const systemText = (template.system_template ?? '{system_message}').replace(
    '{system_message}',
    system,
  );
  const contentSep = template.role_content_sep ?? ': ';
  const seps = template.seps.length > 0 ? template.seps : [''];
  const parts = [systemText];
  let index = 0;
  for (const turn of turns) {
    if (turn.role === 'system') continue;
    const role = turn.role === 'user' ? template.roles.user : template.roles.assistant;
    parts.push(`${role}${contentSep}${turn.content}${seps[index % seps.length] ?? ''}`);
    index += 1;
  }
  parts.push(`${template.roles.assistant}${template.role_empty_sep ?? contentSep}`);
  return parts.join('');
}

function parseTemplate(text: string, modelId: string): ConvTemplate {
  const config = JSON.parse(text) as { conv_template?: Partial<ConvTemplate> };
  const template = config.conv_template;
  if (!template?.roles || !Array.isArray(template.seps)) {
    throw new EngineError('unsupported', `Model "${modelId}" has no conv_template to count with.`, {
      modelId,
    });
  }
  return template as ConvTemplate;
}

/** A counter over the model's own tokenizer.json and conv_template, from the verified files. */
export async function loadWebLlmTokenCounter(
  entry: CatalogEntry,
  files: ModelFileSource,
): Promise<EngineTokenCounter> {
  const configBlob = await files.open('mlc-chat-config.json');
  if (configBlob === null) {
    throw new EngineError('missing-file', `Model "${entry.id}" has no mlc-chat-config.json.`, {
      modelId: entry.id,
      path: 'mlc-chat-config.json',
    });
  }
  const template = parseTemplate(await configBlob.text(), entry.id);
  applyBaseSettings();
  const unregister = registerModelFiles(entry.repo, files);
  let tokenizer: PreTrainedTokenizer;
  try {
    tokenizer = await AutoTokenizer.from_pretrained(entry.repo, { revision: entry.revision });
  } catch (error) {
    throw new EngineError(
      'load-failed',
      `Could not read the tokenizer of model "${entry.id}": ${errorText(error)}`,
      { modelId: entry.id, cause: error },
    );
  } finally {
    unregister();
  }
  const count = (text: string): number =>
    tokenizer.encode(text, { add_special_tokens: false }).length;
  return {
    countEach: (texts) => Promise.resolve(texts.map(count)),
    countPrompt: (turns) =>
      Promise.resolve(
        count(renderConvPrompt(template, turns)) +
          turns.length * TURN_MARGIN_TOKENS +
          PROMPT_MARGIN_TOKENS,
      ),
  };
}
