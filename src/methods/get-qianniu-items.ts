/**
 * `client.getQianniuItems(params)`: TOP `taobao.qianniu.item.get` (seed 002), the items of the
 * seller whose `session` the client holds. The answer belongs to that seller, so the response cache
 * keys it by a hash of the session (`scope`) and one seller's list is never served to another.
 */
import { z } from 'zod';
import type { Dialect } from '../errors.js';
import type { CallOptions, MethodHost } from './host.js';
import { FieldListSchema } from './field-list.js';
import { ItemIdSchema, type ItemIdInput } from './item-id.js';
import { qianniuPageFrom, type QianniuPage } from './mappers/qianniu-page.js';
import { requestFor } from './method-request.js';
import { runMethod } from './run-method.js';
import type { MethodSpec } from './spec.js';

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

type QianniuInput = z.output<typeof QianniuItemsParamsSchema>;

const notTop = `${QIANNIU_ITEM_GET} is a TOP API (seed 002); use a client of the top dialect`;

/** `getQianniuItems`, described once: a TOP API that acts for the seller whose session the client holds. */
export const GET_QIANNIU_ITEMS: MethodSpec<QianniuInput, QianniuPage> = {
  name: 'getQianniuItems',
  input: QianniuItemsParamsSchema,
  actsForSeller: true,
  dialects: {
    top: {
      api: QIANNIU_ITEM_GET,
      params: (p) => {
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
      },
      map: (payload, context) => qianniuPageFrom(payload, context),
    },
    aop: { refused: notTop },
    onebound: { refused: notTop },
  },
};

/** The parameters `getQianniuItems` sends, validated; throws `InvalidRequestError` naming the field. */
export function qianniuRequest(dialect: Dialect, input: QianniuItemsParams = {}): Record<string, string> {
  return requestFor(GET_QIANNIU_ITEMS, { dialect, lang: undefined }, input).params;
}

export function getQianniuItems(
  host: MethodHost,
  input: QianniuItemsParams = {},
  callOptions: CallOptions = {},
): Promise<QianniuPage> {
  return runMethod(host, GET_QIANNIU_ITEMS, input, callOptions);
}
