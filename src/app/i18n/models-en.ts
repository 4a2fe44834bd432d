/**
 * English strings of the Models view: device summary (Home shares its GPU sentence), model
 * cards, verdicts, downloads and "Try it" (merged into en.ts).
 */
export const modelsEn = {
  'models.title': 'Models',
  'models.intro':
    'Pick the models this device can run. Each one downloads once, is verified, and then works offline without sending anything anywhere.',
  'models.device': 'This device',
  'models.device.probing': 'Checking this device…',
  'models.device.gpu': 'Graphics (WebGPU)',
  'models.device.unknownAdapter': 'unnamed adapter',
  // One sentence per GPU situation, said the same way on Home and in Models (gpu-summary.ts).
  'models.gpu.gpu': 'WebGPU is available: models can run on the GPU.',
  'models.gpu.software':
    'WebGPU only offers a software adapter here, far too slow for models: they run on the CPU (WASM), more slowly.',
  'models.gpu.none': 'No WebGPU here: models run on the CPU (WASM), more slowly.',
  'models.device.f16': 'Half-precision shaders (shader-f16)',
  'models.device.memory': 'Memory (browser’s hint)',
  'models.device.memoryValue': '{gib} GB',
  'models.device.memoryCapped': '{gib} GB or more',
  'models.device.cores': 'CPU cores',
  'models.device.freeStorage': 'Free storage',
  'models.device.freeStorageValue': '{free} free of {quota}',
  'models.tier': 'Recommended tier',
  'models.tier.fast': 'Fast',
  'models.tier.balanced': 'Balanced',
  'models.tier.quality': 'Quality',
  'models.tier.why.fast.noGpu':
    'Without a usable GPU, small models that run on the CPU give the quickest answers.',
  'models.tier.why.fast':
    'The GPU has little memory to spare, so small models give the quickest answers.',
  'models.tier.why.balanced':
    'The GPU has room for mid-sized models (about 1 to 1.5 billion parameters).',
  'models.tier.why.quality':
    'The GPU supports half-precision shaders and has room for models of about 3 billion parameters.',

  'models.source': 'Where models come from',
  'models.source.hub': 'Public model hub (default)',
  'models.source.relay': 'Relay',
  'models.source.relayUrl': 'Relay address',
  'models.source.relayHint': 'e.g. http://192.168.1.10:4173/models',
  'models.source.save': 'Save',
  'models.source.saving': 'Saving…',
  'models.source.savedHub': 'Saved: new downloads come from the public model hub.',
  'models.source.savedRelay': 'Saved: new downloads come from the relay at {url}.',
  'models.source.invalidUrl': 'That address cannot be used: {detail}',
  'models.source.blocked':
    'This app’s security policy only lets it fetch models from its own origin and the hub. Open Omnia from the relay itself ({origin}) to use it as the source.',
  'models.source.failed': 'Saving failed: {detail}',
  'models.source.importNote':
    'No network at all? Each model can also be imported from a folder with its files, from its card in Models.',

  'models.task.chat': 'Chat',
  'models.task.embedding': 'Embeddings (for documents)',
  'models.task.speech-to-text': 'Speech to text',
  'models.task.image-to-text': 'Image to text',
  'models.task.ocr': 'Text in images (OCR)',
  'models.task.empty': 'No models for this task yet.',

  'models.card.params': 'Parameters',
  'models.card.size': 'Download size',
  'models.card.sizeApprox': '≈ {size}',
  'models.card.languages': 'Languages',
  'models.card.languagesMore': '{list} and many more',
  'models.card.manyLanguages': 'Many languages',
  'models.card.engine': 'Engine',
  'models.card.recommended': 'Recommended',
  'models.card.fixture': 'Test fixture',
  'models.runtime.webgpu': 'WebGPU',
  'models.runtime.wasm': 'CPU (WASM)',
  'models.verdict.fits': 'Fits this device — runs on {runtime}',
  'models.verdict.mayNotFit': 'May not fit this device — it would run on {runtime}',
  'models.verdict.cannotRun': 'Cannot run on this device',
  'models.verdict.noEngine': 'Omnia cannot run this model yet',
  'models.verdict.noEngineWhy':
    'The engine this model needs is not in Omnia yet, so it is never recommended. An update will add it.',
  'models.reason.no-webgpu': 'This device has no WebGPU, which this model needs.',
  'models.reason.fallback-adapter':
    'The only WebGPU adapter here is a software one, far too slow for this model.',
  'models.reason.needs-shader-f16':
    'The GPU lacks half-precision shaders (shader-f16), which this build needs.',
  'models.reason.gpu-memory':
    'It needs about {needed} of GPU memory; this device can spare about {available}.',
  'models.reason.wasm-fallback.no-webgpu':
    'There is no WebGPU here, so it runs on the CPU (WASM): slower, but it works.',
  'models.reason.wasm-fallback.fallback-adapter':
    'The WebGPU adapter is a software one, so it runs on the CPU (WASM): slower, but it works.',
  'models.reason.wasm-fallback.needs-shader-f16':
    'The GPU lacks half-precision shaders, so it runs on the CPU (WASM): slower, but it works.',
  'models.reason.wasm-fallback.gpu-memory':
    'The GPU cannot spare enough memory, so it runs on the CPU (WASM): slower, but it works.',
  'models.reason.memory': 'It needs about {needed} of memory; this device reports {available}.',
  'models.reason.quota':
    'It needs {needed} of free storage (with a safety margin); only {free} is free.',
  'models.reason.quota-unknown':
    'The browser does not say how much storage is free; the download stops if space runs out.',

  'models.status.available': 'Not installed',
  'models.status.downloading': 'Downloading…',
  'models.status.paused': 'Paused at {percent}% — resumes where it stopped',
  'models.status.installed': 'Installed · {size} on disk',
  'models.status.failed': 'The download failed.',
  'models.progress.label': 'Download of {name}',
  'models.progress.text': '{done} of {total} · {speed}/s · {eta} left',
  'models.progress.textNoSpeed': '{done} of {total}',
  'models.progress.file': 'File: {path}',
  'models.progress.verifying': 'Verifying…',
  'models.duration.seconds': '{s} s',
  'models.duration.minutes': '{m} min {s} s',
  'models.duration.hours': '{h} h {m} min',
  'models.error.quota':
    'There is not enough free storage. Delete models you do not use, then retry.',
  'models.error.bad-response':
    'The source answered with something other than the model’s file. Check the source, then retry.',
  'models.error.verification':
    'A file did not match its expected size or checksum, so it was removed. Retry to download it again.',
  'models.error.network':
    'The source could not be reached. Check the connection (or the relay), then retry.',
  'models.error.locked':
    'Another Omnia tab is downloading this model. Wait for it to finish, or close it and retry.',
  'models.error.aborted': 'The download was stopped before it finished.',
  'models.error.failed': 'Something went wrong: {detail}',
  'models.error.detail': '({detail})',
  'models.error.file': 'File: {path}',
  'models.install': 'Install',
  'models.pause': 'Pause',
  'models.resume': 'Resume',
  'models.retry': 'Retry',
  'models.delete': 'Delete',
  'models.deleteTitle': 'Delete {name}?',
  'models.deleteText':
    'Its {size} of files are removed from this device; you can download it again.',
  'models.cancel': 'Cancel',
  'models.actionFailed': 'That did not work: {detail}',
  'models.importFolder': 'Import from folder…',
  'models.importFiles': 'Import files…',
  'models.importing': 'Importing…',
  'models.importDone': '{name} was imported and verified.',
  'models.importFailed': 'The import failed: {detail}',
  'models.announce.available': '{name} was removed.',
  'models.announce.downloading': '{name} is downloading.',
  'models.announce.paused': '{name} is paused.',
  'models.announce.installed': '{name} is installed.',
  'models.announce.failed': '{name} could not be installed.',

  'models.disk': 'Disk and repair',
  'models.disk.total': 'Models take {size} on this device.',
  'models.repair': 'Check and repair cache',
  'models.repairDeep': 'Deep check (re-hash every file)',
  'models.repairing': 'Checking…',
  'models.repair.hint':
    'The check removes leftover and damaged files and fixes the records. The deep check also re-hashes every file, which takes longer.',
  'models.repair.result':
    'Removed {orphans} orphaned and {corrupt} damaged files; {n} models need reinstalling.',
  'models.repair.clean': 'Everything checks out.',
  'models.repair.failed': 'The check failed: {detail}',

  'models.tryout.title': 'Try it',
  'models.tryout.defaultPrompt': 'Hello! Say something short.',
  'models.tryout.defaultSystem': 'You are a helpful assistant.',
  'models.tryout.device': 'Run on',
  'models.tryout.auto': 'Best available',
  'models.tryout.wasm': 'CPU (WASM)',
  'models.tryout.system': 'System prompt',
  'models.tryout.prompt': 'Message',
  'models.tryout.maxTokens': 'Longest reply (tokens)',
  'models.tryout.lines': 'Texts to embed, one per line',
  'models.tryout.run': 'Run',
  'models.tryout.stop': 'Stop',
  'models.tryout.running': 'Running on this device…',
  'models.tryout.ranOn': 'Ran on {device}',
  'models.tryout.fallback': 'not on {from}: {reason}',
  'models.tryout.fallback.no-webgpu': 'this browser offers no WebGPU adapter.',
  'models.tryout.fallback.device-lost': 'the GPU stopped responding.',
  'models.tryout.fallback.out-of-memory': 'the GPU ran out of memory.',
  'models.tryout.fallback.load-failed': 'the model failed to load there.',
  'models.tryout.chatStats': '{tokens} tokens · first after {first} ms · {rate} tokens/s',
  'models.tryout.embedStats':
    '{count} vectors of {dim} dimensions · similarity of the first two: {similarity}',
} as const;
