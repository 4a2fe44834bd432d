/**
 * The app's side of share links: making a link for the conversation on screen, reading one
 * from the address bar or a file, and importing what a preview shows. Encoding, checks and
 * crypto are core's (src/core/share); this file only adds the app version, the address and
 * storage. Loaded with the share dialog or view, never with the shell.
 */
import { version } from '../../../package.json';
import {
  conversationProvenance,
  importRows,
  type ContentFinding,
} from '../../core/share/conversation';
import type { ConversationContent, SharePayload } from '../../core/share/format';
import {
  encodeShare,
  makePayload,
  SHARE_ROUTE_PREFIX,
  type ShareProtection,
} from '../../core/share/link';
import { buildTree, pathTo } from '../../core/chat/branches';
import { addConversationWithMessages, listMessages, type ChatMessage } from '../../storage';

export const APP_VERSION: string = version;

/** The page's address without its fragment: what a link is built on. */
function appAddress(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

export interface CreatedLink {
  url: string;
  payload: SharePayload;
}

/** A link for `content` (the chosen, possibly masked, messages); provenance from the originals. */
export async function createShareLink(
  content: ConversationContent,
  originals: readonly ChatMessage[],
  protection: ShareProtection,
): Promise<CreatedLink> {
  const payload = await makePayload(
    content,
    conversationProvenance(originals, APP_VERSION, Date.now()),
  );
  const body = await encodeShare(payload, protection);
  return { url: `${appAddress()}${SHARE_ROUTE_PREFIX}${body}`, payload };
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
export async function importSharedConversation(payload: SharePayload): Promise<string> {
  const { conversation, messages } = importRows(
    payload.content,
    () => crypto.randomUUID(),
    Date.now(),
  );
  await addConversationWithMessages(conversation, messages);
  return conversation.id;
}

/** A stable key for one finding (to list and mask it). */
export function findingKey(f: ContentFinding): string {
  return `${f.place.field}:${f.place.message ?? ''}:${f.place.citation ?? ''}:${f.start}`;
}
