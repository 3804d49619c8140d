/** A minimal SSE reader over fetch, for tests: collects parsed events until closed. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseConnection {
  events: SseEvent[];
  status: number;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: SseEvent[] = [];
  if (response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let split: number;
          while ((split = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, split);
            buffer = buffer.slice(split + 2);
            const event: SseEvent = { data: '' };
            let hasData = false;
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) event.id = line.slice(4);
              else if (line.startsWith('event: ')) event.event = line.slice(7);
              else if (line.startsWith('data: ')) {
                event.data += line.slice(6);
                hasData = true;
              }
            }
            if (hasData) events.push(event);
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return { events, status: response.status, close: () => controller.abort() };
}
