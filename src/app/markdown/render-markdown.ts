/**
 * Model output is untrusted: a prompt-injected document can make a model write HTML, scripts
 * or tracking images. This file is the one place that turns that text into HTML for
 * `{@html}`, in two layers that each hold on their own:
 *  1. marked with our renderer never emits raw HTML (escaped), images (a text placeholder,
 *     so no request leaves the device), links outside http/https/mailto, or style attributes
 *     (the CSP's `style-src 'self'` would block them; highlight.js emits classes instead);
 *  2. DOMPurify, on a private instance with an allow-list of exactly the markup step 1
 *     produces, has the last word.
 * Both instances (marked, highlight.js, DOMPurify) are private to this module, so nothing
 * here changes the libraries' global state that other code might share.
 *
 * This module is its own chunk (markdown.svelte.ts fetches it when the chat first shows an
 * answer), and highlight.js is another, fetched the first time a code block names a language:
 * until it arrives such a block is plain escaped text, and the result says it is waiting.
 */
import { Marked, type RendererObject, type Tokens } from 'marked';
import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';
import { citationMarkers } from './citation-markers';
import type { Highlighter } from './highlighter';

/** Only these schemes survive, in the renderer and again in DOMPurify. */
const SAFE_URL = /^(?:https?:|mailto:)/i;
/** What browsers ignore inside a URL scheme ("java\tscript:" is "javascript:"). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what browsers drop
const URL_IGNORED = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;
/** A fence's language label we are willing to echo back (as text and in a class name). */
const SAFE_LANG = /^[a-z0-9_+#.-]{1,32}$/i;

/** Exactly the tags our renderer produces; everything else is removed. */
// prettier-ignore
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'del', 's', 'code',
  'pre', 'blockquote', 'ul', 'ol', 'li', 'input', 'table', 'thead', 'tbody', 'tr', 'th',
  'td', 'a', 'span', 'div', 'button', 'sup', 'sub', 'kbd',
];

/** Attributes that are not URLs: DOMPurify must not hold their values to SAFE_URL. */
// prettier-ignore
const NON_URL_ATTRS = [
  'type', 'checked', 'disabled', 'data-copy', 'data-cite', 'colspan', 'rowspan', 'start',
];

// prettier-ignore
const FORBIDDEN_TAGS = [
  'img', 'svg', 'math', 'iframe', 'frame', 'form', 'style', 'script', 'object', 'embed',
  'video', 'audio', 'source', 'track', 'picture', 'link', 'meta', 'base', 'noscript',
  'template', 'details', 'dialog', 'textarea', 'select', 'option',
];

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['class', 'href', 'title', ...NON_URL_ATTRS],
  ADD_URI_SAFE_ATTR: NON_URL_ATTRS,
  ALLOWED_URI_REGEXP: SAFE_URL,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'xlink:href', 'id', 'name'],
  KEEP_CONTENT: true,
  WHOLE_DOCUMENT: false,
};

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/** The href to emit, or null when the link must lose it (other scheme, relative, malformed). */
function safeHref(href: string): string | null {
  if (!SAFE_URL.test(href.replace(URL_IGNORED, ''))) return null;
  try {
    // What marked itself does: percent-encode, but keep existing escapes as they are.
    return encodeURI(href).replace(/%25/g, '%');
  } catch {
    return null;
  }
}

/** highlight.js, once its chunk has arrived. */
let highlighter: Highlighter | undefined;
let highlighterLoad: Promise<void> | undefined;
/** The chunk could not be fetched: code stays plain for the rest of this page's life. */
let highlighterFailed = false;
/** Whether the message being parsed had a code block that waited for the highlighter. */
let missedHighlighter = false;

function loadHighlighter(): Promise<void> {
  highlighterLoad ??= import('./highlighter').then(
    (module) => {
      highlighter = module.createHighlighter();
    },
    () => {
      highlighterFailed = true;
    },
  );
  return highlighterLoad;
}

function highlightCode(code: string, label: string): string {
  if (!label) return escapeHtml(code);
  const hl = highlighter;
  if (!hl) {
    if (!highlighterFailed) missedHighlighter = true;
    return escapeHtml(code);
  }
  if (!hl.getLanguage(label)) return escapeHtml(code);
  try {
    // hljs escapes the code and adds only <span class="hljs-…">; DOMPurify checks it anyway.
    return hl.highlight(code, { language: label, ignoreIllegals: true }).value;
  } catch {
    return escapeHtml(code);
  }
}

function createRenderer(): RendererObject {
  return {
    code({ text, lang }: Tokens.Code): string {
      const requested = (lang ?? '').trim().split(/\s+/)[0] ?? '';
      const label = SAFE_LANG.test(requested) ? requested.toLowerCase() : '';
      const body = highlightCode(text.replace(/\n$/, ''), label);
      const className = label ? `hljs language-${label}` : 'hljs';
      return (
        `<div class="code-block"><div class="code-head">` +
        `<span class="code-lang">${escapeHtml(label || 'text')}</span>` +
        `<button type="button" class="code-copy" data-copy>Copy</button></div>` +
        `<pre><code class="${className}">${body}</code></pre></div>\n`
      );
    },
    html({ text, block }: Tokens.HTML | Tokens.Tag): string {
      // The model's HTML is shown as the text it is, never parsed.
      return block ? `<p class="md-raw">${escapeHtml(text.trimEnd())}</p>\n` : escapeHtml(text);
    },
    image({ text }: Tokens.Image): string {
      // Even a "harmless" image URL can carry data out (?d=secret): never load one.
      const alt = text.trim();
      return `<span class="md-image-blocked">${escapeHtml(alt ? `[image: ${alt}]` : '[image]')}</span>`;
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const inner = this.parser.parseInline(tokens);
      const url = safeHref(href);
      if (url === null) return `<span class="md-link-blocked">${inner}</span>`;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(url)}"${titleAttr}>${inner}</a>`;
    },
    tablecell(cell: Tokens.TableCell): string {
      // No align="…" (not allowed) and no style="…" (CSP): alignment is a class.
      const tag = cell.header ? 'th' : 'td';
      const cls = cell.align ? ` class="md-align-${cell.align}"` : '';
      return `<${tag}${cls}>${this.parser.parseInline(cell.tokens)}</${tag}>\n`;
    },
  };
}

/** Allowed attributes that belong on one kind of element only (DOMPurify's list is global). */
const ATTR_OWNERS: Readonly<Record<string, readonly string[]>> = {
  type: ['INPUT', 'BUTTON'],
  checked: ['INPUT'],
  disabled: ['INPUT'],
  'data-copy': ['BUTTON'],
  'data-cite': ['BUTTON'],
  start: ['OL'],
  colspan: ['TD', 'TH'],
  rowspan: ['TD', 'TH'],
};

function enforceAttributes(node: Element): void {
  const tag = node.tagName;
  // One pass over what is there (usually just `class`): this runs on every highlight span.
  for (const name of node.getAttributeNames()) {
    const owners = ATTR_OWNERS[name];
    if (owners && !owners.includes(tag)) node.removeAttribute(name);
  }
  if (tag === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  } else if (tag === 'INPUT') {
    // Task-list boxes only: never a text field, never editable.
    node.setAttribute('type', 'checkbox');
    node.setAttribute('disabled', '');
  } else if (tag === 'BUTTON') {
    node.setAttribute('type', 'button');
  }
}

function createPurifier(): DOMPurify {
  const purifier = createDOMPurify(window);
  purifier.addHook('uponSanitizeAttribute', (_node, event) => {
    // Every event handler, whatever its spelling (onerror, ONLOAD, onpointerrawupdate…).
    if (event.attrName.toLowerCase().startsWith('on')) event.keepAttr = false;
  });
  purifier.addHook('afterSanitizeAttributes', enforceAttributes);
  return purifier;
}

interface Pipeline {
  marked: Marked;
  purifier: DOMPurify;
}

let pipeline: Pipeline | undefined;
/** How many citations the message being parsed has (parsing is synchronous). */
let citationLimit = 0;

function getPipeline(): Pipeline | undefined {
  if (pipeline) return pipeline;
  if (typeof window === 'undefined') return undefined;
  const purifier = createPurifier();
  // Without a working DOMPurify, sanitize() would hand back its input: never use it then.
  if (!purifier.isSupported) return undefined;
  const marked = new Marked({ gfm: true, breaks: true, async: false, silent: false });
  marked.use({ renderer: createRenderer() });
  marked.use(citationMarkers(() => citationLimit));
  pipeline = { marked, purifier };
  return pipeline;
}

function plainText(source: string): string {
  return `<p class="md-raw">${escapeHtml(source)}</p>`;
}

export interface RenderedMarkdown {
  /** Sanitized HTML, safe to put in `{@html}`. */
  html: string;
  /**
   * Resolves when highlight.js has arrived, after which rendering again highlights the code
   * blocks that are plain now; null when nothing waits for it.
   */
  highlighter: Promise<void> | null;
}

/**
 * Markdown (GFM: tables, lists, task lists, strikethrough, fenced code) → sanitized HTML
 * string. Safe to put in `{@html}`. Never throws: a half-streamed answer (open fence, half
 * table, dangling `**`) renders as far as it goes, and anything unexpected falls back to
 * the escaped text.
 *
 * @example
 * renderMarkdown('**hi** <b>x</b>').html; // '<p><strong>hi</strong> &lt;b&gt;x&lt;/b&gt;</p>\n'
 */
export function renderMarkdown(
  source: string,
  options: { citations?: number } = {},
): RenderedMarkdown {
  const parts = getPipeline();
  if (!parts) return { html: plainText(source), highlighter: null };
  citationLimit = options.citations ?? 0;
  missedHighlighter = false;
  try {
    const html = parts.marked.parse(source, { async: false });
    const waiting = missedHighlighter ? loadHighlighter() : null;
    return { html: parts.purifier.sanitize(html, PURIFY_CONFIG), highlighter: waiting };
  } catch {
    return { html: plainText(source), highlighter: null };
  } finally {
    citationLimit = 0;
    missedHighlighter = false;
  }
}
