/** Closes a test server at once: its open sockets (keep-alive ones included) are destroyed first. */
import type { Server } from 'node:net';

export function closeServer(server: Server, sockets: Iterable<{ destroy(): void }>): Promise<void> {
  return new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
}
