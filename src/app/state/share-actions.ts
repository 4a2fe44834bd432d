/**
 * The app's side of share links: making a link for a conversation or a Prompt Studio template,
 * reading one from the address bar or a file, and importing what a preview shows. Encoding,
 * checks and crypto are core's (src/core/share); this file only adds the app version, the
 * address and storage. Loaded with the share dialog or view, never with the shell.
 */
import { version } from '../../../package.json';
import { conversationProvenance, importRows } from '../../core/share/conversation';
import type {
  ConversationContent,
  PromptTemplateContent,
  ShareContentOf,
  ShareKind,
  SharePayload,
  ShareProvenance,
} from '../../core/share/format';
import {
  encodeShare,
  makePayload,
  SHARE_ROUTE_PREFIX,
  type ShareProtection,
} from '../../core/share/link';
import type { PiiFinding } from '../../core/share/pii';
import { planTemplateImport, templateProvenance } from '../../core/share/prompt-template';
import { validatePayload } from '../../core/share/validate';
import { buildTree, pathTo } from '../../core/chat/branches';
import {
  addConversationWithMessages,
  addPromptTemplates,
  listMessages,
  listPromptTemplates,
  type ChatMessage,
} from '../../storage';

export const APP_VERSION: string = version;

/** The page's address without its fragment: what a link is built on. */
function appAddress(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

export interface CreatedLink {
  url: string;
  payload: SharePayload;
}

/**
 * A link for `content` of `kind`. The payload is checked as an opened link would check it
 * first, so a link that would be refused on opening is never made.
 */
async function createLink<K extends ShareKind>(
  kind: K,
  content: ShareContentOf<K>,
  provenance: Omit<ShareProvenance, 'contentSha256'>,
  protection: ShareProtection,
): Promise<CreatedLink> {
  const payload = await makePayload(kind, content, provenance);
  validatePayload(payload);
  const body = await encodeShare(payload, protection);
  return { url: `${appAddress()}${SHARE_ROUTE_PREFIX}${body}`, payload };
}

/** A link for `content` (the chosen, possibly masked, messages); provenance from the originals. */
export function createShareLink(
  content: ConversationContent,
  originals: readonly ChatMessage[],
  protection: ShareProtection,
): Promise<CreatedLink> {
  const provenance = conversationProvenance(originals, APP_VERSION, Date.now());
  return createLink('conversation', content, provenance, protection);
}

/** A link for a Prompt Studio template (its chosen versions, possibly masked). */
export function createTemplateShareLink(
  content: PromptTemplateContent,
  protection: ShareProtection,
): Promise<CreatedLink> {
  const provenance = templateProvenance(APP_VERSION, Date.now());
  return createLink('prompt-template', content, provenance, protection);
}

/** Every message of the branch ending at `leafId`, oldest first (the view may hold only its end). */
export async function branchMessages(
  conversationId: string,
  leafId: string | undefined,
): Promise<ChatMessage[]> {
  return pathTo(buildTree(await listMessages(conversationId)), leafId);
}

/** The link body in a pasted link or a share file's text (the whole link, or only its body). */
export function bodyFromText(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.indexOf(SHARE_ROUTE_PREFIX);
  return at >= 0 ? trimmed.slice(at + SHARE_ROUTE_PREFIX.length) : trimmed;
}

/** Copies a previewed conversation in with new ids; resolves the new conversation's id. */
export async function importSharedConversation(content: ConversationContent): Promise<string> {
  const { conversation, messages } = importRows(content, () => crypto.randomUUID(), Date.now());
  await addConversationWithMessages(conversation, messages);
  return conversation.id;
}

/**
 * Copies a previewed template into Prompt Studio through the Studio's own merge (new ids, a
 * name already taken gets " (2)"); resolves the new template's id.
 */
export async function importSharedTemplate(content: PromptTemplateContent): Promise<string> {
  const newId = (): string => crypto.randomUUID();
  const plan = planTemplateImport(content, await listPromptTemplates(), newId, Date.now());
  await addPromptTemplates(plan.add);
  const added = plan.add[0];
  if (!added) throw new Error('nothing to import');
  return added.template.id;
}

/** A stable key for one finding of any kind (to list and mask it). */
export function findingKey(f: PiiFinding & { place: object }): string {
  return `${JSON.stringify(f.place)}:${f.start}`;
}
