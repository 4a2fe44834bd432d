/** English strings of the Library media (captions, OCR, transcripts, video) (merged into en.ts). */
export const libraryMediaEn = {
  'library.jobs.stage.transcribing': 'Transcribing',
  'library.jobs.stage.captioning': 'Describing',
  'library.jobs.stage.recognising': 'Recognising text',
  'library.jobs.processing': 'Processing {label}',

  'library.media.status.waiting.ocr': 'Waiting for an OCR model',
  'library.media.status.waiting.transcription': 'Waiting for a speech-to-text model',
  'library.media.status.waiting.captioning': 'Waiting for an image model',
  'library.media.status.waiting.video': 'Waiting for an image model',

  'library.media.wait-transcription':
    'Install a speech-to-text model in Models to transcribe this recording.',
  'library.media.wait-captioning':
    'Install an image-to-text or OCR model in Models to describe this image.',
  'library.media.wait-video': 'Install an image-to-text model in Models to describe this video.',
  'library.media.wait-ocr': 'Install an OCR model in Models to read the scanned pages of this PDF.',
  'library.media.no-speech-model':
    'What is said was not transcribed: install a speech-to-text model in Models, then process it again.',
  'library.media.no-captioner':
    'The image was read but not described: install an image-to-text model in Models, then process it again.',
  'library.media.no-ocr':
    'Text in the image was not read: install an OCR model in Models, then process it again.',
  'library.media.no-audio-track':
    'This video has no audio track the browser can decode, so only what is seen is kept.',

  'library.media.openModels': 'Open Models',
  'library.media.processNow': 'Process now',
  'library.media.processAgain': 'Process again',
  'library.media.processNowLabel': 'Process {name} now',
  'library.media.processNothing':
    'Nothing to process for {name}: its file is not kept, or it is being processed already.',
  'library.media.processAll': 'Process all waiting ({count})',
  'library.media.processAllStarted':
    '{count, plural, one {# document is being processed.} other {# documents are being processed.}}',
  'library.media.processAllNone': 'No waiting document could be processed yet.',

  'library.media.fps.label': 'Video frames per second',
  'library.media.fps.hint':
    'Frames described per second of video: more describe it in more detail but take longer.',

  'library.media.time': 'Time {range}',
} as const;
