/** English strings of the Library view and its passage panel (merged into en.ts). */
export const libraryEn = {
  'nav.library': 'Library',
  'library.title': 'Library',
  'library.intro':
    'Add documents and ask questions about them. Files are read and indexed on this device and never leave it.',
  'library.cancel': 'Cancel',
  'library.actionFailed': 'That did not work: {detail}',

  'library.add.heading': 'Add files',
  'library.add.drop': 'Drop files or folders here',
  'library.add.or': 'or',
  'library.add.chooseFiles': 'Choose files',
  'library.add.chooseFolder': 'Choose a folder',
  'library.add.collection': 'Add to collection',
  'library.add.noCollection': 'No collection',
  'library.add.reading': 'Reading the folder…',
  'library.add.readFailed': 'Some of what was dropped could not be read: {detail}',
  'library.add.nothing': 'Nothing to add: the drop held no files.',
  'library.add.types':
    'PDF, Word (DOCX), Excel (XLSX), CSV, HTML, text, Markdown, JSON and JSON Lines. Images are described and read (OCR), audio is transcribed and videos are described and transcribed by the models installed in Models.',

  'library.jobs.heading': 'Adding and indexing',
  'library.jobs.added': '{count, plural, one {# file added} other {# files added}}',
  'library.jobs.failed': '{count} failed',
  'library.jobs.cancelled': '{count} cancelled',
  'library.jobs.running': '{count} in progress',
  'library.jobs.showMore': 'Show {count} more',
  'library.jobs.showDone':
    '{count, plural, one {List the file added} other {List the # files added}}',
  'library.jobs.reindex': 'Re-indexing the library',
  'library.jobs.cancel': 'Cancel',
  'library.jobs.cancelLabel': 'Cancel adding {label}',
  'library.jobs.progressLabel': 'Progress of {label}',
  'library.jobs.stage.queued': 'Waiting',
  'library.jobs.stage.parsing': 'Reading',
  'library.jobs.stage.chunking': 'Splitting into passages',
  'library.jobs.stage.embedding': 'Indexing',
  'library.jobs.stage.done': 'Done',
  'library.jobs.stage.failed': 'Failed',
  'library.jobs.stage.cancelled': 'Cancelled',

  'library.problem.empty': '{name} has no text to index. Check that it is the file you meant.',
  'library.problem.unknown-type':
    '{name} is not a kind of file Omnia can read. Save it as PDF, DOCX, XLSX, CSV, HTML, TXT, MD or JSON and add it again.',
  'library.problem.binary-as-text':
    '{name} is named like a text file but holds binary data. Open it in the program that made it and export it as text.',
  'library.problem.too-large':
    '{name} is {size}; the limit for this kind of file is {limit}. Split it or export a smaller part.',
  'library.problem.truncated':
    '{name} ends early: it was cut off while being copied or downloaded. Get a complete copy and add it again.',
  'library.problem.encrypted':
    '{name} is protected by a password. Save a copy without the password and add that one.',
  'library.problem.zip-bomb':
    '{name} unpacks to more than {limit}, too much to read safely. Save it again from its program or split it.',
  'library.problem.corrupt':
    '{name} could not be read ({reason}). Open it in its program, save it again and add the new copy.',
  'library.problem.timeout':
    'Reading {name} took longer than {seconds} seconds and was stopped. Split it into smaller files.',
  'library.problem.rows-capped':
    'Only the first {kept} rows were indexed. Split the file to index the rest.',
  'library.problem.rows-capped-total':
    'Only the first {kept} of {total} rows were indexed. Split the file to index the rest.',
  'library.problem.rows-capped-pages':
    'Only the first {kept} of {total} pages were indexed. Split the PDF to index the rest.',
  'library.problem.rows-capped-blocks':
    'Only the first {kept} of {total} parts of {name} (paragraphs, rows or groups of lines) were indexed. Split the file to index the rest.',
  'library.problem.columns-capped':
    'Only the first {kept} of {total} columns were indexed. Split the table into narrower files to index the rest.',
  'library.problem.cells-capped':
    '{rows} rows were longer than {chars} characters; only their first {chars} characters were indexed. Move long text out of the table to index all of it.',
  'library.problem.cells-capped-one':
    'One row was longer than {chars} characters; only its first {chars} characters were indexed. Move long text out of the table to index all of it.',
  'library.problem.too-deep':
    '{name} nests objects and arrays more than {depth} levels deep, deeper than the Library reads. Flatten it, or export it as CSV or JSON Lines, and add that copy.',
  'library.problem.too-deep-line':
    'Line {line} of {name} nests objects and arrays more than {depth} levels deep, deeper than the Library reads. Flatten it, or export it as CSV, and add that copy.',
  'library.problem.media-failed': '{name} could not be processed: {reason}',
  'library.problem.corrupt-image':
    '{name} starts like a {type} image, but its picture data could not be decoded: it is damaged, or not really a {type}. Open it in an image editor, save it again as PNG or JPEG, and add the new copy.',
  'library.problem.unknown-type-zip':
    '{name} is a zip archive, not a Word or Excel document. Unzip it and add the files inside.',
  'library.problem.unknown-type-zip-xlsx':
    '{name} is a zip archive but not a spreadsheet: there is no Excel workbook inside. If it should be one, open it in a spreadsheet program, save it again as .xlsx and add that copy; if it is an archive, unzip it and add the files inside.',
  'library.problem.unknown-type-zip-docx':
    '{name} is a zip archive but not a Word document: there is no document text inside. If it should be one, open it in a word processor, save it again as .docx and add that copy; if it is an archive, unzip it and add the files inside.',
  'library.problem.unknown-type-pptx':
    '{name} is a PowerPoint presentation, which the Library does not read yet. Save it as PDF and add that copy.',
  'library.problem.unknown-type-opendocument':
    '{name} is an OpenDocument file. Save it as .docx or .xlsx and add that copy.',
  'library.problem.unknown-type-legacy-office':
    '{name} is an old Word or Excel file (.doc or .xls), or an encrypted Office file. Save it as .docx or .xlsx without a password and add that copy.',
  'library.problem.pages-need-ocr': 'Pages {pages} have no text: waiting for OCR.',
  'library.problem.pages-need-ocr-one': 'Page {pages} has no text: waiting for OCR.',
  'library.problem.waiting-for-media':
    '{name} is kept; its text will come with the voice and vision features.',
  'library.problem.duplicate': '{name} is already in the library; this copy was not added.',
  'library.problem.index-failed':
    '{name} was read but could not be indexed: {reason}. Try again; if it keeps failing, choose another embedding model.',
  'library.problem.cancelled': 'Adding {name} was cancelled.',
  'library.problem.unknownValue': '?',

  'library.docs.heading': 'Documents',
  'library.docs.count': '{shown} of {total} documents',
  'library.docs.loading': 'Loading documents…',
  'library.docs.empty': 'No documents yet. Add files above to start.',
  'library.docs.noMatch': 'No document matches these filters.',
  'library.docs.showMore': 'Show {count} more',
  'library.docs.filters': 'Filter documents',
  'library.docs.filter.name': 'Name',
  'library.docs.filter.collection': 'Collection',
  'library.docs.filter.anyCollection': 'Any collection',
  'library.docs.filter.noCollection': 'In no collection',
  'library.docs.filter.status': 'Status',
  'library.docs.filter.anyStatus': 'Any status',
  'library.docs.filter.clear': 'Clear filters',
  'library.date.field': 'Date',
  'library.date.addedAt': 'Date added',
  'library.date.documentDate': 'Document date',
  'library.date.from': 'From',
  'library.date.to': 'To',
  'library.docs.pages': '{count, plural, one {# page} other {# pages}}',
  'library.docs.rows': '{count, plural, one {# row} other {# rows}}',
  'library.docs.chunks': '{count, plural, one {# passage} other {# passages}}',
  'library.docs.added': 'Added {date}',
  'library.docs.documentDate': 'Dated {date}',
  'library.docs.delete': 'Delete',
  'library.docs.deleteLabel': 'Delete {name}',
  'library.docs.retry': 'Try again',
  'library.docs.retryLabel': 'Try again: {name}',
  'library.docs.retryGone': 'This tab no longer has the file of {name}: add it again.',
  'library.docs.deleteTitle': 'Delete this document?',
  'library.docs.deleteText':
    '“{name}”, its passages and its entries in the search indexes will be removed from this device. This cannot be undone.',
  'library.docs.deleteConfirm': 'Delete document',
  'library.docs.collections': 'Collections',
  'library.docs.editCollections': 'Collections of {name}',
  'library.docs.noCollections': 'No collections yet: create one under Collections.',

  'library.status.queued': 'Queued',
  'library.status.processing': 'Processing',
  'library.status.ready': 'Ready',
  'library.status.failed': 'Failed',
  'library.status.waiting': 'Waiting',

  'library.kind.pdf': 'PDF',
  'library.kind.docx': 'Word',
  'library.kind.xlsx': 'Excel',
  'library.kind.csv': 'CSV',
  'library.kind.html': 'HTML',
  'library.kind.txt': 'Text',
  'library.kind.md': 'Markdown',
  'library.kind.json': 'JSON',
  'library.kind.jsonl': 'JSON Lines',
  'library.kind.image': 'Image',
  'library.kind.audio': 'Audio',
  'library.kind.video': 'Video',
  'library.kind.unknown': 'File',

  'library.collections.heading': 'Collections',
  'library.collections.intro': 'Group documents to ask only some of them.',
  'library.collections.newName': 'New collection',
  'library.collections.create': 'Create',
  'library.collections.empty': 'No collections yet.',
  'library.collections.documents': '{count, plural, one {# document} other {# documents}}',
  'library.collections.rename': 'Rename',
  'library.collections.renameLabel': 'New name for {name}',
  'library.collections.save': 'Save',
  'library.collections.delete': 'Delete',
  'library.collections.deleteLabel': 'Delete collection {name}',
  'library.collections.deleteTitle': 'Delete this collection?',
  'library.collections.deleteText':
    'The collection “{name}” will be removed. Its documents stay in the library.',
  'library.collections.deleteConfirm': 'Delete collection',
  'library.collections.nameTaken': 'There is already a collection called “{name}”.',

  'library.ask.heading': 'Ask the library',
  'library.ask.label': 'Question or words to find',
  'library.ask.placeholder': 'What was the travel budget in 2024?',
  'library.ask.submit': 'Ask',
  'library.ask.searching': 'Searching…',
  'library.ask.filters': 'Where to look',
  'library.ask.collections': 'Collections',
  'library.ask.wholeLibrary': 'With none ticked, the whole library is searched.',
  'library.ask.noResults': 'Nothing in the library matches. Try other words or loosen the filters.',
  'library.ask.emptyLibrary': 'Add documents first: answers come from them.',
  'library.ask.answer': 'Answer from your documents',
  'library.ask.passages': 'Passages, best first',
  'library.ask.citation': 'Open source {index}: {label}',
  'library.ask.foundBy': 'found by {how}',
  'library.ask.foundBy.keyword': 'words',
  'library.ask.foundBy.vector': 'meaning',
  'library.ask.foundBy.both': 'words and meaning',
  'library.ask.failed': 'The search failed: {detail}',
  'library.ask.modelLoading':
    'Loading {model} to search by meaning… {percent}%. The first answer waits for it; later ones do not.',
  'library.ask.open': 'Open',

  'library.index.heading': 'Search index',
  'library.index.loading': 'Checking the index…',
  'library.index.vectors': '{chunks} passages · keyword + vectors ({model})',
  'library.index.partial': '{embedded} of {chunks} passages have vectors from {model}',
  'library.index.keywordOnly':
    '{chunks} passages · keyword search only — install an embedding model for meaning-based search',
  'library.index.keywordOnlyChosen': '{chunks} passages · keyword search only',
  'library.index.modelsLink': 'Install one in Models',
  'library.index.model': 'Embedding model',
  'library.index.none': 'None (keyword only)',
  'library.index.indexWith': 'Index with {model}',
  'library.index.needsRepair':
    '{model} needs repair: “{file}” is missing from this device. Until then the Library searches by keyword only.',
  'library.index.repairLink': 'Repair it in Models',

  'library.passage.heading': 'Source passage',
  'library.passage.close': 'Close',
  'library.passage.loading': 'Opening the passage…',
  'library.passage.deleted': 'This passage’s document was deleted.',
  'library.passage.failed': 'The passage could not be opened: {detail}',
  'library.passage.page': 'Page {page}',
  'library.passage.sheet': 'Sheet {sheet}',
  'library.passage.rows': 'Rows {from}–{to}',
  'library.passage.section': 'Section: {section}',
} as const;
