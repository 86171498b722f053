/**
 * `client.getItem(itemId, options)`: one offer, whichever gateway the client speaks.
 *
 * | dialect | API | id parameter |
 * |---|---|---|
 * | top | `alibaba.item.get` | `item_id` (+ `fields`) |
 * | aop | `com.alibaba.product/alibaba.product.get` | `productID` (+ `webSite=1688`) |
 * | onebound | `item_get_pro` (default) or `item_get` | `num_iid` (+ `sales_data`, `agent`, `lang`, `cache`) |
 *
 * Options a gateway has no parameter for are not sent to it: TOP and AOP always include the 30-day
 * sales (`sales_30d`), AOP and OneBound always answer with every field.
 */
import { z } from 'zod';
import type { Dialect } from '../errors.js';
import type { Offer } from '../model/offer.js';
import type { CallOptions, MethodHost } from './host.js';
import { FieldListSchema } from './field-list.js';
import { ItemIdSchema, type ItemIdInput } from './item-id.js';
import { offerFromAopProduct } from './mappers/aop-product.js';
import { offerFromOneBoundItem } from './mappers/onebound-item.js';
import { offerFromTopProduct, TOP_REQUIRED_FIELDS } from './mappers/top-item.js';
import { payloadFor, requestFor, type MethodRequest } from './method-request.js';
import { runMethod } from './run-method.js';
import type { MethodSpec } from './spec.js';
import { parseResponse } from './validate.js';

/** The TOP API behind `getItem`. */
export const TOP_ITEM_GET = 'alibaba.item.get';
/** The AOP API behind `getItem`. */
export const AOP_PRODUCT_GET = 'com.alibaba.product/alibaba.product.get';
export const ONEBOUND_ITEM_APIS = ['item_get_pro', 'item_get'] as const;

/** The options of `getItem`, checked before sending. */
export const GetItemOptionsSchema = z
  .object({
    /** TOP: the product fields to return (the ones the Offer needs are always added). */
    fields: FieldListSchema.optional(),
    /** OneBound: `sales_data=1`, the 30-day sales figures. */
    salesData: z.boolean().optional(),
    /** OneBound: `agent=1`, the distribution (代发) prices (kept in `raw`). */
    agent: z.boolean().optional(),
    /** OneBound: the translation language (default: the client's `lang`, else cn). */
    lang: z.enum(['cn', 'en', 'ru'], 'must be cn, en or ru').optional(),
    /** OneBound's own server-side cache (`cache=yes|no`); unrelated to the client's response cache. */
    oneboundCache: z.boolean().optional(),
    /** OneBound: `item_get_pro` (default, the advanced detail of seed 000) or `item_get`. */
    oneboundApi: z.enum(ONEBOUND_ITEM_APIS, 'must be item_get_pro or item_get').optional(),
  })
  .strict();
/** The options as callers write them (the schema's input, with `fields` typed). */
export type GetItemOptions = Omit<z.input<typeof GetItemOptionsSchema>, 'fields'> & { fields?: string[] | string };

/** What `getItem` takes: the id and its options, in one object. */
const GetItemInputSchema = GetItemOptionsSchema.extend({ itemId: ItemIdSchema });
type GetItemInput = z.output<typeof GetItemInputSchema>;

const topEnvelope = z.object({ item: z.unknown().refine((v) => v !== undefined, 'missing') });

/** `getItem`, described once for every dialect. */
export const GET_ITEM: MethodSpec<GetItemInput, Offer> = {
  name: 'getItem',
  input: GetItemInputSchema,
  dialects: {
    top: {
      api: TOP_ITEM_GET,
      params: (input) => {
        const params: Record<string, string> = { item_id: input.itemId };
        if (input.fields !== undefined)
          params.fields = [...new Set([...TOP_REQUIRED_FIELDS, ...input.fields])].join(',');
        return params;
      },
      map: (payload, context) => {
        const { item } = parseResponse(topEnvelope, payload, context);
        return offerFromTopProduct(item, { ...context, at: 'item' });
      },
    },
    aop: {
      api: AOP_PRODUCT_GET,
      params: (input) => ({ productID: input.itemId, webSite: '1688' }),
      map: (payload, context) => offerFromAopProduct(payload, context),
    },
    onebound: {
      api: (input) => input.oneboundApi ?? 'item_get_pro',
      params: (input, context) => {
        const params: Record<string, string> = { num_iid: input.itemId };
        if (input.salesData) params.sales_data = '1';
        if (input.agent) params.agent = '1';
        const lang = input.lang ?? context.lang;
        if (lang !== undefined) params.lang = lang;
        if (input.oneboundCache !== undefined) params.cache = input.oneboundCache ? 'yes' : 'no';
        return params;
      },
      // The OneBound dialect hands over the body's `item` itself.
      map: (payload, context) => offerFromOneBoundItem(payload, { ...context, at: 'item' }),
    },
  },
};

/** The API and parameters `getItem` sends, validated; throws `InvalidRequestError` naming the field. */
export function getItemRequest(
  dialect: Dialect,
  itemId: ItemIdInput,
  options: GetItemOptions = {},
  defaults: { lang?: string | undefined } = {},
): MethodRequest {
  return requestFor(GET_ITEM, { dialect, lang: defaults.lang }, { ...options, itemId });
}

/** A payload as `client.call` returns it → the validated Offer; throws `ResponseError` naming the path. */
export function offerFromPayload(dialect: Dialect, apiName: string, payload: unknown): Offer {
  return payloadFor(GET_ITEM, { dialect, apiName }, payload);
}

export function getItem(
  host: MethodHost,
  itemId: ItemIdInput,
  options: GetItemOptions = {},
  callOptions: CallOptions = {},
): Promise<Offer> {
  return runMethod(host, GET_ITEM, { ...options, itemId }, callOptions);
}
