import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Session } from '@wa/core';

/**
 * Tells one MCP session about session state changes as logging notifications (level honoured per
 * `logging/setLevel`). They travel on the client's GET stream and are dropped when none is open.
 * Returns the function that stops them.
 */
export function notifyStateChanges(server: Server, session: Session, sessionId: () => string | undefined): () => void {
  return session.on('state_changed', ({ from, to, snapshot }) => {
    const level = to === 'disconnected' || to === 'auth_failure' ? 'warning' : 'info';
    server
      .sendLoggingMessage({ level, logger: 'whatsapp.session', data: { event: 'session.state', from, to, last_error: snapshot.lastError } }, sessionId())
      .catch(() => undefined);
  });
}
