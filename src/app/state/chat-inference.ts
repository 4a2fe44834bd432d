/** The inference worker the chat talks to: one per tab, kept while the tab lives. */
import { createInferenceClient, type InferenceClient } from '../../workers/inference-client';

let client: InferenceClient | undefined;

export function chatInference(): InferenceClient {
  client ??= createInferenceClient();
  return client;
}
