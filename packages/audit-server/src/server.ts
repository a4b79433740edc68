/** Starting and stopping the HTTP service on a port. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './http/app.js';
import type { Store } from './store.js';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function startServer(store: Store, o: AppOptions & { port?: number; host?: string } = {}): Promise<RunningServer> {
  const app = createApp(store, o);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: o.port ?? 8080, hostname: o.host ?? '127.0.0.1' }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once('error', reject);
  });
}
