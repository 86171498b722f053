/**
 * `client.getQianniuItems(params)`: TOP `taobao.qianniu.item.get` (seed 002), the items of the
 * seller whose `session` the client holds. The answer belongs to that seller, so the response cache
 * keys it by a hash of the session (`scope`) and one seller's list is never served to another.
 */
import { z } from 'zod';
import { invalidRequest, type Dialect } from '../errors.js';
import { readCall } from './cached-call.js';
import type { CallOptions, MethodHost } from './host.js';
import { FieldListSchema } from './field-list.js';
import { ItemIdSchema, type ItemIdInput } from './item-id.js';
import { qianniuPageFrom, type QianniuPage } from './mappers/qianniu-page.js';
import { parseRequest } from './validate.js';

/** The TOP API behind `getQianniuItems`. */
export const QIANNIU_ITEM_GET = 'taobao.qianniu.item.get';

const whole = (rule: string) => z.number('must be a whole number').int('must be a whole number').min(0, rule);

/** The parameters of `getQianniuItems`, checked before sending. */
export const QianniuItemsParamsSchema = z
  .object({
    /** The main account's user id. */
    userId: ItemIdSchema.optional(),
    /** The sub-account's user id. */
    subUserId: ItemIdSchema.optional(),
    page: z.number('must be a whole number').int('must be a whole number').min(1, 'must be at least 1').optional(),
    pageSize: z
      .number('must be a whole number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .optional(),
    /** Which item fields to return (`a,b,c`). */
    fields: FieldListSchema.optional(),
    /** The list type (3: 新品). */
    type: whole('must not be negative').optional(),
    /** Cursor: the id the previous page ended at (default 0). */
    id: whole('must not be negative').optional(),
    /** Cursor: the timestamp the previous page ended at (default 0). */
    ltimestamp: whole('must not be negative').optional(),
    /** 1: next page, 0: previous page, -1: incremental refresh. */
    direction: z.union([z.literal(-1), z.literal(0), z.literal(1)], 'must be -1, 0 or 1').optional(),
  })
  .strict();
/** The parameters as callers write them (the schema's input, with ids and `fields` typed). */
export type QianniuItemsParams = Omit<z.input<typeof QianniuItemsParamsSchema>, 'fields' | 'userId' | 'subUserId'> & {
  userId?: ItemIdInput;
  subUserId?: ItemIdInput;
  fields?: string[] | string;
};

export function qianniuRequest(dialect: Dialect, input: QianniuItemsParams = {}): Record<string, string> {
  if (dialect !== 'top') {
    throw invalidRequest(`getQianniuItems: ${QIANNIU_ITEM_GET} is a TOP API; this client speaks ${dialect}`);
  }
  const p = parseRequest(QianniuItemsParamsSchema, input ?? {}, 'getQianniuItems');
  const params: Record<string, string> = {};
  if (p.userId !== undefined) params.user_id = p.userId;
  if (p.subUserId !== undefined) params.sub_user_id = p.subUserId;
  if (p.page !== undefined) params.page = String(p.page);
  if (p.pageSize !== undefined) params.page_size = String(p.pageSize);
  if (p.fields !== undefined) params.fields = p.fields.join(',');
  if (p.type !== undefined) params.type = String(p.type);
  if (p.id !== undefined) params.id = String(p.id);
  if (p.ltimestamp !== undefined) params.ltimestamp = String(p.ltimestamp);
  if (p.direction !== undefined) params.direction = String(p.direction);
  return params;
}

export async function getQianniuItems(
  host: MethodHost,
  input: QianniuItemsParams = {},
  callOptions: CallOptions = {},
): Promise<QianniuPage> {
  const params = qianniuRequest(host.dialect, input);
  if (host.userScope === undefined) {
    throw invalidRequest(`getQianniuItems: ${QIANNIU_ITEM_GET} acts for a seller: give the client a \`session\``);
  }
  const map = (payload: unknown) => qianniuPageFrom(payload, { dialect: host.dialect, apiName: QIANNIU_ITEM_GET });
  return readCall(host, QIANNIU_ITEM_GET, params, callOptions, { scope: host.userScope, map });
}
