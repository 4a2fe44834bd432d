// Word documents: the zip is guarded first (zip-guard.ts), then mammoth turns the document
// into semantic HTML (headings from the "heading N" styles, lists, tables) and html.ts walks
// that into blocks with section paths. Title and dcterms:created come from docProps/core.xml.
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { ParsedDocument } from '../types';
import { htmlToBlocks } from './html';
import {
  checkpoint,
  corruptError,
  createContext,
  noTextError,
  type ParserContext,
} from './parser-kit';
import { guardZip } from './zip-guard';

const WHAT = 'Word document';

interface CoreProperties {
  title?: string;
  created?: number;
}

function decodeXmlText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

/** dc:title and dcterms:created from docProps/core.xml, when present. */
export function readCoreProperties(bytes: Uint8Array): CoreProperties {
  let xml: string;
  try {
    const files = unzipSync(bytes, { filter: (file) => file.name === 'docProps/core.xml' });
    const core = files['docProps/core.xml'];
    if (core === undefined) return {};
    xml = new TextDecoder().decode(core);
  } catch {
    return {};
  }
  const properties: CoreProperties = {};
  const title = /<dc:title[^>]*>([^<]*)<\/dc:title>/.exec(xml)?.[1];
  if (title !== undefined && decodeXmlText(title) !== '') properties.title = decodeXmlText(title);
  const created = /<dcterms:created[^>]*>([^<]*)<\/dcterms:created>/.exec(xml)?.[1];
  const time = created === undefined ? NaN : Date.parse(created.trim());
  if (!Number.isNaN(time)) properties.created = time;
  return properties;
}

/** Images would become base64 data URIs in the HTML: keep none, we only want the text. */
const dropImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/** A DOCX file's bytes into blocks with headings and sections. */
export async function parseDocx(
  bytes: Uint8Array,
  context: ParserContext = createContext(),
): Promise<ParsedDocument> {
  guardZip(bytes, context, WHAT);
  checkpoint(context);
  const arrayBuffer = bytes.slice().buffer;
  // Node's mammoth reads `buffer`, its browser build `arrayBuffer`: give both.
  const input = { arrayBuffer, buffer: bytes };
  let html: string;
  try {
    html = (await mammoth.convertToHtml(input, { convertImage: dropImages })).value;
  } catch (error) {
    throw corruptError(
      error instanceof Error ? error.message.replace(/\.$/, '') : String(error),
      WHAT,
    );
  }
  checkpoint(context);
  const { list } = htmlToBlocks(html, context);
  if (list.blocks.length === 0) throw noTextError();
  const core = readCoreProperties(bytes);
  return {
    kind: 'docx',
    blocks: list.blocks,
    ...(core.title === undefined ? {} : { title: core.title }),
    ...(core.created === undefined ? {} : { documentDate: core.created }),
    warnings: list.warnings(),
  };
}
