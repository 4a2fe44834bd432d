/** English strings of the Transcribe view (merged into en.ts). */
export const transcribeEn = {
  'nav.transcribe': 'Transcribe',

  'transcribe.title': 'Transcribe',
  'transcribe.intro':
    'Turn a recording into text with timestamps. The audio never leaves this device: the speech model runs in this browser.',

  'transcribe.noModelTitle': 'No speech-to-text model installed',
  'transcribe.noModelBody':
    'Transcribing needs a speech-to-text model (Whisper) on this device. Install one in Models, then come back.',
  'transcribe.noModelLink': 'Go to Models',

  'transcribe.file.heading': 'Recording',
  'transcribe.file.drop': 'Drop an audio file here',
  'transcribe.file.or': 'or',
  'transcribe.file.choose': 'Choose a file',
  'transcribe.file.types': 'WAV, MP3, OGG, M4A or WebM, up to 4 hours.',
  'transcribe.file.decoding': 'Reading the audio of {name}…',
  'transcribe.file.ready': '{name}: {duration} of audio.',
  'transcribe.file.tooMany': 'Drop one file at a time.',
  'transcribe.error.empty': 'This file is empty.',
  'transcribe.error.undecodable':
    'This file has no audio the browser can decode. Try WAV, MP3 or OGG.',
  'transcribe.error.tooLarge': 'This file is larger than 1 GB. Split it into shorter recordings.',
  'transcribe.error.tooLong':
    'This recording is longer than 4 hours. Split it into shorter recordings.',
  'transcribe.error.failed': 'The transcription failed: {detail}',
  'transcribe.error.noModel': 'Choose a speech-to-text model first.',

  'transcribe.options.heading': 'Options',
  'transcribe.options.model': 'Model',
  'transcribe.options.language': 'Language',
  'transcribe.options.detect': 'Detect automatically',
  'transcribe.options.task': 'Task',
  'transcribe.options.transcribe': 'Keep the spoken language',
  'transcribe.options.translate': 'Translate to English',
  'transcribe.start': 'Transcribe',

  'transcribe.progress.label': 'Transcription progress',
  'transcribe.progress.starting': 'Loading the model and starting…',
  'transcribe.progress.window': 'Window {current} of {total}',
  'transcribe.progress.reached': '{done} of {total} transcribed',
  'transcribe.cancel': 'Cancel',
  'transcribe.cancelled': 'Transcription cancelled. Nothing was kept.',

  'transcribe.result.heading': 'Transcript of {name}',
  'transcribe.result.language': 'Language: {language}',
  'transcribe.result.detected': 'Detected language: {language}',
  'transcribe.result.facts':
    '{windows} windows · {duration} of audio · {seconds} s with {model} on {device}',
  'transcribe.result.player': 'Recording',
  'transcribe.result.segments': 'Segments',
  'transcribe.result.playFrom': 'Play from {time}',
  'transcribe.result.noSegments': 'No speech was found in this recording.',
  'transcribe.result.text': 'Text',

  'transcribe.export.heading': 'Export',
  'transcribe.export.txt': 'Text (.txt)',
  'transcribe.export.srt': 'Subtitles (.srt)',
  'transcribe.export.vtt': 'Web subtitles (.vtt)',

  'transcribe.save': 'Save to Library',
  'transcribe.saving': 'Saving…',
  'transcribe.saved': 'Saved to the Library as “{name}”.',
  'transcribe.openDocument': 'Open the Library',
  'transcribe.saveFailed': 'Could not save to the Library: {detail}',

  'transcribe.recent.heading': 'This session’s transcriptions',
  'transcribe.recent.hint': 'Kept until this tab closes, unless saved to the Library.',
  'transcribe.recent.item': '{name} · {duration} · {language}',
  'transcribe.recent.saved': 'saved',
  'transcribe.recent.show': 'Show',
} as const;
