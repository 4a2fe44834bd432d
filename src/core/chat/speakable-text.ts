// An answer is markdown; read aloud needs what a person would say: the words without markup,
// links as their text, lists and headings as sentences, and code blocks left out (a voice
// spelling out code helps nobody). marked's lexer parses, so odd markdown cannot trip us up.
import { Lexer, type Token, type Tokens } from 'marked';

/** Citation markers such as [1] or [2, 3]: visual cross-references, not words. */
const CITATION_MARKER = /\s?\[\d+(?:\s*,\s*\d+)*\]/g;

function inlineText(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  return tokens.map((t) => tokenText(t)).join('');
}

function tokenText(token: Token): string {
  switch (token.type) {
    case 'code':
    case 'html':
    case 'hr':
    case 'space':
    case 'image':
      return '';
    case 'codespan':
      return (token as Tokens.Codespan).text;
    case 'br':
      return '\n';
    case 'list':
      return (token as Tokens.List).items.map((item) => tokenText(item)).join('\n');
    case 'table': {
      const table = token as Tokens.Table;
      const rows = [table.header, ...table.rows];
      return rows
        .map((row) => row.map((cell) => inlineText(cell.tokens, cell.text)).join(', '))
        .join('.\n');
    }
    default: {
      const withChildren = token as { tokens?: Token[]; text?: string; raw: string };
      return inlineText(withChildren.tokens, withChildren.text ?? '');
    }
  }
}

/** Ends a block with a full stop when it has none, so the voice pauses between blocks. */
function asSentence(block: string): string {
  const trimmed = block.trim();
  if (!trimmed) return '';
  return /[.!?:;…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The plain text of a markdown answer, for speech synthesis.
 * @example speakableText('# Hi\n\nSee `x`:\n\n```js\nrun()\n```') // 'Hi.\nSee x:'
 */
export function speakableText(markdown: string): string {
  const blocks = new Lexer().lex(markdown);
  return blocks
    .map((block) => {
      const text = tokenText(block).replace(CITATION_MARKER, '');
      return block.type === 'list' ? text.split('\n').map(asSentence).join('\n') : asSentence(text);
    })
    .filter(Boolean)
    .join('\n')
    .replace(/[ \t]+/g, ' ');
}
