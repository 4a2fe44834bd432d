// The page's own Content-Security-Policy decides which relay URLs can work (core/model-source-policy.ts).
import { checkRelaySource as check, type RelaySourceCheck } from '../../core/model-source-policy';

function pagePolicy(): string | null {
  const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  return meta?.getAttribute('content') ?? null;
}

export function checkRelaySource(input: string, pageUrl: string): RelaySourceCheck {
  return check(input, pageUrl, pagePolicy());
}
