/**
 * The sandbox's TMC side, assembled: the message store, the WebSocket endpoint (ws loaded here, when a
 * sandbox starts, not when the sandbox module is imported) and what `Sandbox` exposes of them.
 */
import { loadWs } from '../messages/optional-deps.js';
import type { AppRegistry } from './apps.js';
import type { SandboxClock } from './clock.js';
import { toJsonText, withRawIntegers } from './json-text.js';
import { TmcEndpoint } from './tmc-endpoint.js';
import { TmcStore } from './tmc-store.js';
import type { Sandbox } from './types.js';

export { TMC_PATH } from './tmc-endpoint.js';

export interface SandboxTmc extends Pick<Sandbox, 'publishMessage' | 'messageStatus' | 'tmc'> {
  endpoint: TmcEndpoint;
}

export async function createTmc(apps: AppRegistry, clock: SandboxClock, redeliveryMs = 30_000): Promise<SandboxTmc> {
  if (!(redeliveryMs > 0)) throw new RangeError('tmc.redeliveryMs must be a positive number');
  const { WebSocketServer } = await loadWs();
  const store = new TmcStore(() => clock.now(), redeliveryMs);
  const server = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024, perMessageDeflate: false });
  const endpoint = new TmcEndpoint(server, store, apps, clock);
  return {
    endpoint,
    publishMessage: (input) => {
      if (!apps.get(input.appKey))
        throw new TypeError(`publishMessage: app ${input.appKey} is not registered with the sandbox`);
      const content = typeof input.content === 'string' ? input.content : toJsonText(withRawIntegers(input.content));
      const message = store.publish(input, content);
      endpoint.offer(message);
      return message.id.toString();
    },
    messageStatus: (id) => store.status(id),
    tmc: {
      disconnectAll: () => endpoint.disconnectAll(),
      setAvailable: (available) => endpoint.setAvailable(available),
      connections: () => endpoint.connections(),
    },
  };
}
