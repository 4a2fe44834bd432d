/** English strings of the Chat voice and images (dictation, image attachments, read aloud) (merged into en.ts). */
export const voiceChatEn = {
  'voiceChat.dictate': 'Dictate',
  'voiceChat.dictateTitle':
    'Dictate: click to start and again to stop, or hold to talk ({shortcut}). Esc cancels.',
  'voiceChat.stopDictation': 'Stop dictation and transcribe',
  'voiceChat.cancelDictation': 'Cancel dictation',
  'voiceChat.recording': 'Recording',
  'voiceChat.level': 'Microphone level',
  'voiceChat.starting': 'Starting the microphone…',
  'voiceChat.transcribing': 'Transcribing…',
  'voiceChat.noSpeechModelTitle':
    'Dictation needs a speech-to-text model: none is installed. Get one in Models.',
  'voiceChat.noSpeechModel': 'Dictation needs a speech-to-text model, and none is installed yet.',
  'voiceChat.getSpeechModel': 'Get one in Models',
  'voiceChat.micDenied':
    "Omnia needs the microphone to dictate: allow it in the browser's site settings, then try again.",
  'voiceChat.micMissing':
    'No microphone was found. Connect one (or check that the system sees it) and try again.',
  'voiceChat.micBusy':
    'The microphone is in use by another application or could not start. Close the other app and try again.',
  'voiceChat.micUnsupported':
    'This browser cannot record audio here, so dictation is not available.',
  'voiceChat.micFailed': 'The microphone could not start',
  'voiceChat.nothingRecorded':
    'Nothing was recorded. Hold the button a little longer while you speak.',
  'voiceChat.nothingHeard':
    'No words were recognised in the recording. Try again, closer to the microphone.',
  'voiceChat.transcribeFailed': 'The dictation could not be transcribed: {detail}',
  'voiceChat.attachImage': 'Attach images',
  'voiceChat.attachTitle':
    'Attach images (PNG, JPEG, WebP or GIF, up to {max}); you can also paste or drop them here',
  'voiceChat.attachments': 'Images to send',
  'voiceChat.removeImage': 'Remove {name}',
  'voiceChat.imageWrongType':
    '{name} is not an image the chat can read. Use PNG, JPEG, WebP or GIF.',
  'voiceChat.imageTooLarge':
    '{name} is {size}: images can be at most {max}. Make it smaller and attach it again.',
  'voiceChat.imageEmpty': '{name} is empty.',
  'voiceChat.describing': 'Describing the images…',
  'voiceChat.noVisionModel':
    'No image-to-text model is installed, so nothing could describe the image. It is kept with your message; install one in Models to have images described.',
  'voiceChat.describeFailed': 'Could not describe {name}: {detail}',
  'voiceChat.imageAlt': 'Attached image {name}',
  'voiceChat.caption': 'Description by {model}',
  'voiceChat.answerBy': 'Answer by {model}, which saw the image',
  'voiceChat.noCaption': 'Not described (no image-to-text model).',
  'voiceChat.readAloud': 'Read aloud',
  'voiceChat.stopReading': 'Stop',
  'voiceChat.readAloudTitle': 'Read this answer aloud',
} as const;
