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
import { OfferSchema, type Offer } from '../model/offer.js';
import { readCall } from './cached-call.js';
import type { CallOptions, MethodHost } from './host.js';
import { FieldListSchema } from './field-list.js';
import { ItemIdSchema, type ItemIdInput } from './item-id.js';
import { offerFromAopProduct } from './mappers/aop-product.js';
import { offerFromOneBoundItem } from './mappers/onebound-item.js';
import { offerFromTopProduct, TOP_REQUIRED_FIELDS } from './mappers/top-item.js';
import { parseRequest, parseResponse, type ResponseContext } from './validate.js';

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

export interface ItemRequest {
  apiName: string;
  params: Record<string, string>;
}

/** The API and parameters `getItem` sends, validated; throws `InvalidRequestError` naming the field. */
export function getItemRequest(
  dialect: Dialect,
  itemId: ItemIdInput,
  options: GetItemOptions = {},
  defaults: { lang?: string | undefined } = {},
): ItemRequest {
  const id = parseRequest(z.object({ itemId: ItemIdSchema }), { itemId }, 'getItem');
  const opts = parseRequest(GetItemOptionsSchema, options ?? {}, 'getItem');
  if (dialect === 'top') {
    const params: Record<string, string> = { item_id: id.itemId };
    if (opts.fields !== undefined) {
      params.fields = [...new Set([...TOP_REQUIRED_FIELDS, ...opts.fields])].join(',');
    }
    return { apiName: TOP_ITEM_GET, params };
  }
  if (dialect === 'aop') return { apiName: AOP_PRODUCT_GET, params: { productID: id.itemId, webSite: '1688' } };
  const params: Record<string, string> = { num_iid: id.itemId };
  if (opts.salesData) params.sales_data = '1';
  if (opts.agent) params.agent = '1';
  const lang = opts.lang ?? defaults.lang;
  if (lang !== undefined) params.lang = lang;
  if (opts.oneboundCache !== undefined) params.cache = opts.oneboundCache ? 'yes' : 'no';
  return { apiName: opts.oneboundApi ?? 'item_get_pro', params };
}

const topEnvelope = z.object({ item: z.unknown().refine((v) => v !== undefined, 'missing') });

/** A payload as `client.call` returns it → the validated Offer; throws `ResponseError` naming the path. */
export function offerFromPayload(dialect: Dialect, apiName: string, payload: unknown): Offer {
  let offer: Offer;
  if (dialect === 'top') {
    const { item } = parseResponse(topEnvelope, payload, { dialect, apiName });
    offer = offerFromTopProduct(item, { dialect, apiName, at: 'item' });
  } else if (dialect === 'aop') {
    offer = offerFromAopProduct(payload, { dialect, apiName });
  } else {
    // The OneBound dialect hands over the body's `item` itself.
    offer = offerFromOneBoundItem(payload, { dialect, apiName, at: 'item' });
  }
  const context: ResponseContext = { dialect, apiName, at: '(offer)' };
  return parseResponse(OfferSchema, offer, context) as Offer;
}

export async function getItem(
  host: MethodHost,
  itemId: ItemIdInput,
  options: GetItemOptions = {},
  callOptions: CallOptions = {},
): Promise<Offer> {
  const request = getItemRequest(host.dialect, itemId, options, { lang: host.lang });
  const map = (payload: unknown) => offerFromPayload(host.dialect, request.apiName, payload);
  return readCall(host, request.apiName, request.params, callOptions, { map });
}
