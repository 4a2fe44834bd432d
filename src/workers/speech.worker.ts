// Why this file exists: the speech worker's entry. It gives the API (speech-api.ts) the
// browser's way to load a Whisper model: from the verified model cache, with
// onnxruntime-web's files from our own origin, WebGPU when there is an adapter.
import { expose } from 'comlink';
import './rpc';
import { getModel } from '../models/catalog';
import { configureTransformers } from '../models/engines/transformers/transformers-env';
import { loadTransformersTranscriber } from '../models/engines/transformers/transformers-transcriber';
import { WorkerTaskError } from './errors';
import { createSpeechApi } from './speech-api';
import { verifiedFilesOf } from './model-store';

let configured = false;

function configureOnce(): void {
  if (configured) return;
  // As in inference-api.ts: onnxruntime-web's files sit in `ort/`, one folder above assets/.
  configureTransformers({ wasmPaths: new URL('../ort/', self.location.href).href });
  configured = true;
}

expose(
  createSpeechApi({
    loadTranscriber: (modelId, signal, device) => {
      const entry = getModel(modelId);
      if (entry.task !== 'speech-to-text') {
        throw new WorkerTaskError(
          'invalid-input',
          `${entry.displayName} is not a speech-to-text model: choose a transcription model in Settings.`,
          { workerName: 'speech' },
        );
      }
      configureOnce();
      return loadTransformersTranscriber({
        entry,
        files: verifiedFilesOf(modelId),
        device,
        signal,
      });
    },
  }),
);
