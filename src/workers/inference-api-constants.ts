// Why this file exists: values the inference worker and its client both need; the client
// imports nothing else from the worker's side but types, so engines stay out of the page bundle.

/**
 * The start of the message a load rejects with when the worker can no longer give an ONNX
 * model the GPU (inference-residency.ts): the client then starts a fresh worker and retries.
 */
export const GPU_RETIRED_MESSAGE = 'The inference worker must restart to use the GPU again';
