/**
 * "Try it" on an installed model: loads it in the inference worker from the verified cache,
 * runs one prompt (chat) or a few lines (embeddings), and shows where it ran and how fast.
 * It is how a person checks a download works before relying on it, and how the browser tests
 * prove the engines run real inference in Chromium on WASM and WebGPU.
 */
import type { EngineDevice, EngineFallback } from '../../models/engines/types';
import { chatInference } from './chat-inference';

export type TryoutDevice = EngineDevice | 'auto';

export interface TryoutResult {
  device: EngineDevice;
  fallback: EngineFallback | null;
  loadMs: number;
  /** Chat: the reply and its token ids. */
  text?: string;
  tokenIds?: number[] | null;
  tokens?: number;
  firstTokenMs?: number | null;
  tokensPerSecond?: number | null;
  /** Embeddings: one vector per line, and the cosine similarity of the first two. */
  vectors?: number[][];
  similarity?: number | null;
}

// The chat's worker: Try-it and the chat share one inference worker and one resident model.
const inference = chatInference;

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] ?? 0) * (b[i] ?? 0);
    na += (a[i] ?? 0) ** 2;
    nb += (b[i] ?? 0) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

export class Tryout {
  running = $state(false);
  streamed = $state('');
  result = $state.raw<TryoutResult | null>(null);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  async chat(
    modelId: string,
    device: TryoutDevice,
    turns: { system: string; user: string },
    maxNewTokens: number,
  ): Promise<void> {
    await this.#run(async (signal) => {
      const info = await inference().load(modelId, device, { signal });
      const messages = [
        ...(turns.system.trim() ? [{ role: 'system' as const, content: turns.system }] : []),
        { role: 'user' as const, content: turns.user },
      ];
      const reply = await inference().generate(
        modelId,
        { turns: messages, maxNewTokens },
        { signal, onToken: (t) => (this.streamed += t.text) },
      );
      this.result = {
        device: info.device,
        fallback: info.fallback,
        loadMs: info.loadMs,
        text: reply.text,
        tokenIds: reply.tokenIds,
        tokens: reply.completionTokens,
        firstTokenMs: reply.timings.firstTokenMs,
        tokensPerSecond: reply.timings.tokensPerSecond,
      };
    });
  }

  async embed(modelId: string, device: TryoutDevice, lines: string[]): Promise<void> {
    await this.#run(async (signal) => {
      const info = await inference().load(modelId, device, { signal });
      const vectors = (await inference().embed(modelId, lines, signal)).map((v) => [...v]);
      const [a, b] = vectors;
      this.result = {
        device: info.device,
        fallback: info.fallback,
        loadMs: info.loadMs,
        vectors,
        similarity: a && b ? cosine(a, b) : null,
      };
    });
  }

  stop(): void {
    this.#controller?.abort();
  }

  async #run(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
    this.#controller = new AbortController();
    this.running = true;
    this.streamed = '';
    this.result = null;
    this.error = null;
    try {
      await task(this.#controller.signal);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }
}
