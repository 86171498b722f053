/**
 * open1688/messages: what the platforms send you. The TOP message channel (TMC) consumer with its
 * binary codec, dedupe stores (memory, Redis), 1688 push verification and its HTTP handler, and TOP
 * SPI signature checks. Nothing here loads ioredis or the WebSocket library until it is used.
 */
export { TmcConsumer, type ReceivedTmcMessage } from './tmc-consumer.js';
export type { TmcConsumerOptions, TmcEvent, TmcReconnectOptions } from './tmc-options.js';
export type { TmcMessage } from './tmc-message.js';
export { readTmcMessage } from './tmc-message.js';
export {
  decodeFrame,
  encodeFrame,
  HEADER_TYPE,
  TMC_PROTOCOL_VERSION,
  TmcCodecError,
  VALUE_FORMAT,
  type TmcFrame,
  type TmcInt,
  type TmcValue,
} from './tmc-codec.js';
export {
  confirmFrame,
  connectFrame,
  FIELD,
  MESSAGE_KIND,
  MESSAGE_TYPE,
  pullFrame,
  TMC_DEFAULT_URL,
  tmcConnectSign,
  type ConnectParams,
} from './tmc-protocol.js';
export {
  DEFAULT_DEDUPE_TTL_MS,
  DEFAULT_PROCESSING_MS,
  memoryDedupe,
  type Dedupe,
  type DedupeOptions,
  type DedupeState,
  type MemoryDedupeOptions,
} from './dedupe.js';
export { DEFAULT_DEDUPE_PREFIX, redisDedupe, type RedisDedupeOptions } from './redis-dedupe.js';
export { aopPushSignature, parseAopPush, verifyAopPush, type AopPushForm, type AopPushMessage } from './aop-push.js';
export {
  aopPushHandler,
  type AopPushHandlerOptions,
  type AopPushRejection,
  type PushRequestHandler,
} from './aop-push-handler.js';
export {
  checkSignForSpi,
  checkSpiTimestamp,
  spiCharset,
  spiQueryParams,
  spiSignature,
  type SpiRequest,
} from './spi.js';
export { spiHandler, type SpiCall, type SpiHandlerOptions, type SpiReply } from './spi-handler.js';
