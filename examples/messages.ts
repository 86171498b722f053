/**
 * Receive what the platforms send: TOP's message channel (TMC) through `client.messages()`, and 1688's
 * HTTP push through `aopPushHandler`. The sandbox plays the platform for both: it publishes trade
 * messages on its TMC endpoint and redelivers what was not confirmed, and it signs and POSTs a 1688
 * push to a local endpoint, retrying until it gets a 200.
 *
 *   npx tsx examples/messages.ts
 *
 * Always against the sandbox (a real app receives messages only from the platform's own senders).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { aopPushHandler, OpenClient } from 'open1688';
import { SANDBOX_DEFAULTS, startSandbox } from 'open1688/sandbox';
import { memoryDedupe, type TmcMessage } from 'open1688/messages';

interface TradeContent {
  tid: string;
  status: string;
}

async function main(): Promise<void> {
  const { appKey, appSecret } = SANDBOX_DEFAULTS;
  const sandbox = await startSandbox({ tmc: { redeliveryMs: 500 } });
  const client = new OpenClient({ dialect: 'top', appKey, appSecret, baseUrl: sandbox.urls.top });
  try {
    // TMC: three trade messages; the handler fails once, so that message comes back and is handled then.
    const ids = ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'TRADE_FINISHED'].map((status) =>
      sandbox.publishMessage({
        appKey,
        topic: 'taobao_trade_TradeChanged',
        content: { tid: 2237938826932135493n, status },
      }),
    );
    const handled: Array<TmcMessage<TradeContent>> = [];
    let failedOnce = false;
    for await (const message of client.messages<TradeContent>({ url: sandbox.urls.tmc, dedupe: memoryDedupe() })) {
      if (message.content.status === 'WAIT_SELLER_SEND_GOODS' && !failedOnce) {
        failedOnce = true;
        console.log(`#${message.id} ${message.content.status}: handler failed, not confirmed (TMC will redeliver it)`);
        await message.release(); // let the dedupe store accept the redelivery
        continue;
      }
      console.log(`#${message.id} ${message.topic} tid ${message.content.tid} → ${message.content.status}`);
      handled.push(message);
      await message.confirm();
      if (handled.length === ids.length) break;
    }
    assert.equal(handled[0]?.content.tid, '2237938826932135493', 'a 64-bit trade id arrives with every digit');
    assert.deepEqual(handled.map((m) => m.id).sort(), [...ids].sort(), 'each message handled once');
    for (const id of ids) assert.equal(sandbox.messageStatus(id), 'confirmed');

    // 1688 push: a local endpoint; the sandbox signs the push and retries after the first 500.
    const orders: string[] = [];
    let down = true;
    const server = http.createServer(
      aopPushHandler<{ orderId: string }>({
        appSecret,
        onMessage: (message) => {
          if (down) {
            down = false;
            throw new Error('database unavailable'); // answered 500: the platform tries again
          }
          orders.push(message.data.orderId);
        },
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/1688/push`;
    const push = await sandbox.pushAop({
      url,
      appKey,
      type: 'ORDER_BUYER_VIEW_ORDER_PAY',
      data: { orderId: 2237938826932135493n, currentStatus: 'waitsellersend' },
      retryDelayMs: 50,
    });
    console.log(`push ${push.msgId}: ${push.delivered ? 'delivered' : 'not delivered'} after ${push.attempts} posts`);
    assert.equal(push.delivered, true);
    assert.deepEqual(orders, ['2237938826932135493']);
    const replay = await fetch(url, { method: 'POST', body: new URLSearchParams(push.form) });
    assert.equal(await replay.text(), 'duplicate', 'a replayed push is acknowledged, not handled again');
    server.close();
    console.log('ok');
  } finally {
    await client.close();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
