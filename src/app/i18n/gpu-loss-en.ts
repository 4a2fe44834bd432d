/** English strings for a lost GPU: the notice, the cut-short answer, the developer tool (merged into en.ts). */
export const gpuLossEn = {
  'gpuLoss.lost': 'The GPU stopped responding (device lost).',
  'gpuLoss.outOfMemory': 'The GPU ran out of memory.',
  'gpuLoss.keptPartial': 'Your partial answer is kept.',
  'gpuLoss.loadFailed': 'Because of that, the model could not load.',
  'gpuLoss.sameModel': 'Omnia switched this chat to the CPU (WASM), which is slower.',
  'gpuLoss.otherModel': 'Omnia switched this chat to {model} on the CPU (WASM), which is slower.',
  'gpuLoss.needsModel':
    'To go on without the GPU, install {model} ({size}): it runs on the CPU (WASM), more slowly.',
  'gpuLoss.install': 'Install {model}',
  'gpuLoss.installing': 'Installing {model}… {percent}',
  'gpuLoss.installFailed': 'The install failed: {detail}',
  'gpuLoss.noFallback': 'No chat model that runs on the CPU fits this device.',
  'gpuLoss.reloadHint': 'Reloading the page tries the GPU again.',
  'gpuLoss.dismiss': 'Dismiss',
  'gpuLoss.finish': 'Cut short: the GPU failed mid-answer',
  'gpuLoss.installFirst':
    'The GPU is gone, and the model that runs without it is not installed yet. Install it from the notice, then send again.',
  'gpuLoss.onCpu': 'On the CPU since the GPU failed',
  'gpuLoss.simulate': 'Simulate GPU loss',
  'gpuLoss.simulateHint':
    'Developer tool: destroys the WebGPU device the models run on, as a driver reset would. Works mid-answer.',
  'gpuLoss.simulated': 'The WebGPU device was destroyed.',
  'gpuLoss.noDevice': 'Nothing has run on WebGPU yet: there is no device to lose.',
  'gpuLoss.developerTools': 'Developer tools',
} as const;
