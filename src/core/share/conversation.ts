/**
 * A conversation as shared: the chosen messages of one branch, text only (attachments,
 * ratings, token counts and ids stay behind), with the provenance note built from them; and
 * the way back, new rows with new ids for "Import". Personal data is found and masked over
 * every text the link would carry.
 */
import type { ChatMessage, Conversation } from '../../storage/types';
import type { ConversationContent, SharedCitation, SharedMessage, ShareProvenance } from './format';
import { MAX_TITLE_CHARS } from './limits';
import { findPii, maskPii, type PiiFinding } from './pii';

/** The shareable part of one stored message. */
export function sharedMessage(message: ChatMessage): SharedMessage {
  const citations: SharedCitation[] | undefined = message.citations?.map((c) => ({
    index: c.index,
    ...(c.documentName !== undefined ? { documentName: c.documentName } : {}),
    ...(c.page !== undefined ? { page: c.page } : {}),
    ...(c.section !== undefined ? { section: c.section } : {}),
    ...(c.text !== undefined ? { text: c.text } : {}),
  }));
  return {
    role: message.role,
    content: message.content,
    createdAt: message.createdAt,
    ...(message.modelId !== undefined ? { modelId: message.modelId } : {}),
    ...(citations && citations.length > 0 ? { citations } : {}),
  };
}

export function conversationContent(
  title: string,
  messages: readonly ChatMessage[],
): ConversationContent {
  return { title: title.slice(0, MAX_TITLE_CHARS), messages: messages.map(sharedMessage) };
}

/** Models (with the sampling their answers used) and cited documents, from the messages. */
export function conversationProvenance(
  messages: readonly ChatMessage[],
  appVersion: string,
  now: number,
): Omit<ShareProvenance, 'contentSha256'> {
  const models = new Map<string, ShareProvenance['models'][number]>();
  const sources = new Map<string, ShareProvenance['sources'][number]>();
  for (const m of messages) {
    if (m.role === 'assistant' && m.modelId && !models.has(m.modelId)) {
      models.set(m.modelId, { id: m.modelId, ...(m.params ? { params: { ...m.params } } : {}) });
    }
    for (const c of m.citations ?? []) {
      const name = c.documentName ?? '';
      const key = `${name}\u0000${c.page ?? ''}\u0000${c.section ?? ''}`;
      if (name && !sources.has(key)) {
        sources.set(key, {
          name,
          ...(c.page !== undefined ? { page: c.page } : {}),
          ...(c.section !== undefined ? { section: c.section } : {}),
        });
      }
    }
  }
  return {
    appVersion,
    createdAt: now,
    models: [...models.values()],
    sources: [...sources.values()],
  };
}

/** Where a finding is: the title, or message `message`'s content or citation `citation`. */
export interface PiiPlace {
  field: 'title' | 'content' | 'citation';
  message?: number;
  citation?: number;
}

export interface ContentFinding extends PiiFinding {
  place: PiiPlace;
}

/** Every piece of personal data in the content's text. */
export function findContentPii(content: ConversationContent): ContentFinding[] {
  const out: ContentFinding[] = findPii(content.title).map((f) => ({
    ...f,
    place: { field: 'title' },
  }));
  content.messages.forEach((m, message) => {
    for (const f of findPii(m.content)) out.push({ ...f, place: { field: 'content', message } });
    m.citations?.forEach((c, citation) => {
      for (const f of findPii(c.text ?? '')) {
        out.push({ ...f, place: { field: 'citation', message, citation } });
      }
    });
  });
  return out;
}

const samePlace = (a: PiiPlace, b: PiiPlace): boolean =>
  a.field === b.field && a.message === b.message && a.citation === b.citation;

/** The content with the given findings masked (all of them by default). */
export function maskContentPii(
  content: ConversationContent,
  findings: readonly ContentFinding[] = findContentPii(content),
): ConversationContent {
  const at = (place: PiiPlace): ContentFinding[] =>
    findings.filter((f) => samePlace(f.place, place));
  return {
    title: maskPii(content.title, at({ field: 'title' })),
    messages: content.messages.map((m, message) => ({
      ...m,
      content: maskPii(m.content, at({ field: 'content', message })),
      ...(m.citations
        ? {
            citations: m.citations.map((c, citation) =>
              c.text === undefined
                ? c
                : { ...c, text: maskPii(c.text, at({ field: 'citation', message, citation })) },
            ),
          }
        : {}),
    })),
  };
}

/**
 * New rows for a shared conversation: fresh ids everywhere, one linear branch, citations kept
 * as text (their documents are not on this device; the ids say so).
 */
export function importRows(
  content: ConversationContent,
  newId: () => string,
  now: number,
): { conversation: Conversation; messages: ChatMessage[] } {
  const conversationId = newId();
  let parentId: string | null = null;
  const messages: ChatMessage[] = content.messages.map((m) => {
    const id = newId();
    const row: ChatMessage = {
      id,
      conversationId,
      parentId,
      role: m.role,
      content: m.content,
      createdAt: m.createdAt,
      ...(m.modelId !== undefined ? { modelId: m.modelId } : {}),
      ...(m.citations
        ? {
            citations: m.citations.map((c) => ({
              ...c,
              documentId: `shared:${id}`,
              chunkId: `shared:${id}:${c.index}`,
            })),
          }
        : {}),
    };
    parentId = id;
    return row;
  });
  const last = messages.at(-1);
  const conversation: Conversation = {
    id: conversationId,
    title: content.title.trim() || 'Shared conversation',
    createdAt: now,
    updatedAt: now,
    pinned: false,
    archived: false,
    collectionIds: [],
    titleSource: 'user',
    ...(last ? { leafId: last.id } : {}),
  };
  return { conversation, messages };
}
