/** English strings of the chat-settings part of the chat (merged into en.ts). */
export const chatSettingsEn = {
  'chatSettings.title': 'Chat',
  'chatSettings.intro': 'How new conversations start, and the personas you can pick in each one.',
  'chatSettings.suggestions': 'Suggest a next step when a message shows doubt or frustration',
  'chatSettings.suggestionsHint':
    'Worked out on this device from the words of the message; nothing is sent anywhere.',
  'chatSettings.defaultPersona': 'Persona for new conversations',
  'chatSettings.defaultPersonaHint': 'Each conversation can still switch to another one.',
  'chatSettings.builtinGroup': 'Built-in',
  'chatSettings.customGroup': 'Yours',
  'chatSettings.builtinTitle': 'Built-in personas',
  'chatSettings.builtinHint':
    'These come with Omnia and cannot be changed. Their instructions follow the interface language.',
  'chatSettings.customTitle': 'Your personas',
  'chatSettings.customEmpty': 'You have no personas of your own yet. Write one below.',
  'chatSettings.edit': 'Edit',
  'chatSettings.delete': 'Delete',
  'chatSettings.deleteTitle': 'Delete the persona “{name}”?',
  'chatSettings.deleteText':
    'Conversations that use it will go on with the {fallback} persona. This cannot be undone.',
  'chatSettings.deleteConfirm': 'Delete persona',
  'chatSettings.cancel': 'Cancel',
  'chatSettings.deleted': 'Deleted “{name}”.',
  'chatSettings.deleteFailed': 'Could not delete the persona: {detail}',
  'chatSettings.settingFailed': 'Could not save the setting: {detail}',

  'chatSettings.editor.addTitle': 'New persona',
  'chatSettings.editor.editTitle': 'Edit “{name}”',
  'chatSettings.editor.name': 'Name',
  'chatSettings.editor.prompt': 'Instructions for the assistant',
  'chatSettings.editor.promptHint':
    'Given to the assistant at the start of every conversation that uses this persona.',
  'chatSettings.editor.remaining': 'Characters left: {count} of {max}',
  'chatSettings.editor.over': '{count} over the limit of {max} characters',
  'chatSettings.editor.add': 'Add persona',
  'chatSettings.editor.save': 'Save changes',
  'chatSettings.editor.cancel': 'Cancel editing',
  'chatSettings.editor.saving': 'Saving…',
  'chatSettings.editor.added': 'Added “{name}”.',
  'chatSettings.editor.updated': 'Saved the changes to “{name}”.',
  'chatSettings.editor.failed': 'Could not save the persona: {detail}',
  'chatSettings.editor.unchanged': 'Nothing was saved.',

  'chatSettings.error.name-empty': 'Give the persona a name.',
  'chatSettings.error.name-too-long': 'The name is {count} characters; keep it to {max} or fewer.',
  'chatSettings.error.prompt-empty': 'Write the instructions the assistant should follow.',
  'chatSettings.error.prompt-too-long':
    'The instructions are {count} characters; keep them to {max} or fewer.',
  'chatSettings.error.name-taken': 'A persona called “{name}” already exists; choose another name.',

  'chatSettings.persona.label': 'Persona',
  'chatSettings.persona.info': 'Show the instructions of this persona',

  'chatSettings.params.toggle': 'Generation',
  'chatSettings.params.summary': 'T {temperature} · p {topP} · {maxTokens}',
  'chatSettings.params.summaryLong':
    'Temperature {temperature}, top-p {topP}, up to {maxTokens} tokens',
  'chatSettings.params.legend': 'Generation settings',
  'chatSettings.params.scopeConversation': 'These apply to this conversation.',
  'chatSettings.params.scopeNew': 'These apply to new conversations.',
  'chatSettings.params.temperature': 'Temperature',
  'chatSettings.params.temperatureHint': 'Higher is more varied; 0 always gives the same answer.',
  'chatSettings.params.topP': 'Top-p',
  'chatSettings.params.topPHint': 'Lower keeps to the most likely words; 1 considers them all.',
  'chatSettings.params.maxTokens': 'Longest answer (tokens)',
  'chatSettings.params.maxTokensHint':
    'The answer stops after this many tokens; a token is about ¾ of a word.',
  'chatSettings.params.greedy':
    'With temperature 0 the most likely word is always chosen, so top-p has no effect.',
  'chatSettings.params.reset': 'Restore defaults',
  'chatSettings.params.failed': 'Could not save the generation settings: {detail}',
} as const;
