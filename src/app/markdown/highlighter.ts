/**
 * highlight.js with the languages the chat highlights: its own chunk (the largest library the
 * chat uses), fetched by render-markdown.ts the first time an answer has a fenced code block
 * with a language. A private instance, so no global hljs state is shared or changed.
 */
import hljsCore from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

export type Highlighter = typeof hljsCore;

export function createHighlighter(): Highlighter {
  const hl = hljsCore.newInstance();
  // prettier-ignore
  const languages = {
    javascript, typescript, python, bash, json, xml, css, sql, java, c, cpp, rust, go,
    markdown, yaml, plaintext,
  };
  for (const [name, language] of Object.entries(languages)) hl.registerLanguage(name, language);
  // "Shell session" (prompts and output) is hljs's `shell`; people mean scripts by ```shell.
  hl.registerLanguage('console', shell);
  hl.registerAliases(['shell'], { languageName: 'bash' });
  return hl;
}
