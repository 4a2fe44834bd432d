/**
 * The one inference worker of this tab, shared by the chat and "Try it" on model cards, so a
 * model loaded in one is the model the other uses, and only one is ever resident.
 */
import { createInferenceClient, type InferenceClient } from '../../workers/inference-client';

let client: InferenceClient | undefined;

export function chatInference(): InferenceClient {
  client ??= createInferenceClient();
  return client;
}
