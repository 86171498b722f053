/**
 * The sandbox's TMC message store: what was published, to which app and group, and how far each
 * message got. TMC is at-least-once: a message goes out, and only a confirm (by id) ends it; one that
 * was delivered but not confirmed within `redeliveryMs`, or whose connection dropped, goes back to
 * pending and out again. (The real server's redelivery timing is not public; these two rules are the
 * behaviour the official SDKs are written against: confirm what you handled, the rest comes back.)
 */

/** Where a published message stands. */
export type TmcMessageStatus = 'pending' | 'delivered' | 'confirmed';

/** What `sandbox.publishMessage` takes. */
export interface PublishMessageInput {
  appKey: string;
  /** e.g. `taobao_trade_TradeCreate`. */
  topic: string;
  /** The content: a JSON text as TMC carries it, or a value written as JSON (bigints as bare integers). */
  content: string | Record<string, unknown>;
  userNick?: string;
  /** The user id (an Int64 on the wire). */
  userId?: string | number | bigint;
  /** The group the message is routed to (default `default`). */
  groupName?: string;
}

export interface StoredMessage {
  id: bigint;
  appKey: string;
  groupName: string;
  topic: string;
  content: string;
  userNick: string | undefined;
  userId: bigint | undefined;
  pubTime: Date;
  status: TmcMessageStatus;
  deliveredAt: number;
  /** The session the message was last handed to. */
  deliveredTo: object | undefined;
  deliveries: number;
}

// Message ids past 2^53, so that a client that reads them as numbers loses digits and shows it.
const FIRST_ID = 2n ** 60n + 1_000_000n;

export class TmcStore {
  private readonly messages = new Map<string, StoredMessage>();
  private nextId = FIRST_ID;

  constructor(
    private readonly now: () => number,
    readonly redeliveryMs: number,
  ) {}

  publish(input: PublishMessageInput, content: string): StoredMessage {
    const id = this.nextId++;
    const message: StoredMessage = {
      id,
      appKey: input.appKey,
      groupName: input.groupName ?? 'default',
      topic: input.topic,
      content,
      userNick: input.userNick,
      userId: input.userId === undefined ? undefined : BigInt(input.userId),
      pubTime: new Date(this.now()),
      status: 'pending',
      deliveredAt: 0,
      deliveredTo: undefined,
      deliveries: 0,
    };
    this.messages.set(id.toString(), message);
    return message;
  }

  status(id: string): TmcMessageStatus | undefined {
    return this.messages.get(id)?.status;
  }

  /** Pending messages of an app's group, oldest first. */
  pending(appKey: string, groupName: string): StoredMessage[] {
    const out: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (message.status === 'pending' && message.appKey === appKey && message.groupName === groupName)
        out.push(message);
    }
    return out;
  }

  markDelivered(message: StoredMessage, session: object): void {
    message.status = 'delivered';
    message.deliveredAt = this.now();
    message.deliveredTo = session;
    message.deliveries++;
  }

  /** A confirm from a connection of the app's group; false when the id is not one of that group's. */
  confirm(appKey: string, groupName: string, id: string): boolean {
    const message = this.messages.get(id);
    if (!message || message.appKey !== appKey || message.groupName !== groupName) return false;
    message.status = 'confirmed';
    message.deliveredTo = undefined;
    return true;
  }

  /** A dropped connection: what it held unconfirmed is pending again. */
  release(session: object): void {
    for (const message of this.messages.values()) {
      if (message.status === 'delivered' && message.deliveredTo === session) this.backToPending(message);
    }
  }

  /** Delivered too long ago without a confirm: pending again. Returns how many. */
  expire(): number {
    const cutoff = this.now() - this.redeliveryMs;
    let count = 0;
    for (const message of this.messages.values()) {
      if (message.status === 'delivered' && message.deliveredAt <= cutoff) {
        this.backToPending(message);
        count++;
      }
    }
    return count;
  }

  private backToPending(message: StoredMessage): void {
    message.status = 'pending';
    message.deliveredTo = undefined;
  }
}
