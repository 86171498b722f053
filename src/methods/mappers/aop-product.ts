/**
 * 1688 AOP `com.alibaba.product/alibaba.product.get` → `Offer`. The answer is
 * `{"success": true, "productInfo": {…}}` in camelCase (a `success: false` answer is turned into an
 * error by the dialect, aop.ts, before it gets here). Every field name read below comes from one of
 * these public sources (repository + path), cited as [tag] next to the field:
 *
 * - [result] makcent/1688sdk src/com/alibaba/product/param/AlibabaProductGetResult.class.php:
 *   `productInfo`, `errMsg`.
 * - [info] duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductInfo.class.php:
 *   `productID`, `subject` (the title, ≤ 128 characters), `categoryID`, `categoryName`, `description`,
 *   `image`, `skuInfos`, `saleInfo`, `shippingInfo`, `attributes`, `supplierUserId`,
 *   `supplierLoginId`, `mainVedio` (sic). wzhsh90/go1688 pifa/model/product.go shows the same names
 *   (`image.images`, `skuInfos`, `saleInfo`, `shippingInfo`, `supplierLoginId`).
 * - [image] duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductImageInfo.class.php:
 *   `images`, relative paths ("使用相对路径，需要增加域名：https://cbu01.alicdn.com/").
 * - [sku] duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductSKUInfo.class.php
 *   and wzhsh90/go1688 models/product/sku.go: `skuId` (Long), `specId`, `price` (Double), `amountOnSale`
 *   (Integer), `attributes`.
 * - [skuAttr] wzhsh90/go1688 models/product/sku.go (SkuAttribute): `attributeID`, `attributeName`,
 *   `attributeValue`, `skuImageUrl`.
 * - [sale] duanyasong/1688-sdk-php src/com/alibaba/product/param/AlibabaProductProductSaleInfo.class.php
 *   and wzhsh90/go1688 models/product/product.go (SaleInfo): `priceRanges`, `minOrderQuantity`,
 *   `unit`, `amountOnSale`, `mixWholeSale`, `quoteType` (0: no SKU, priced by quantity; 1: SKUs, priced
 *   by spec; 2: SKUs, priced by quantity).
 * - [range] wzhsh90/go1688 models/product/product.go (PriceRange): `startQuantity`, `price`.
 * - [ship] wzhsh90/go1688 models/product/product.go (ShippingInfo): `sendGoodsAddressText`, `unitWeight`.
 * - [attr] wzhsh90/go1688 models/product/product.go (Attribute): `attributeID`, `attributeName`, `value`.
 */
import { z } from 'zod';
import type { Money } from '../../model/money.js';
import type { Offer, Sku } from '../../model/offer.js';
import { parseResponse, unexpectedResponse, type ResponseContext } from '../validate.js';
import { minOrderQuantityOf, mixBatchOf, priceRangeOf, sortTiers } from './offer-parts.js';
import {
  absoluteUrl,
  distinct,
  dropUndefined,
  idText,
  imagesInHtml,
  money,
  optionalCount,
  optionalId,
  optionalText,
} from './values.js';

/** [image]: main images are paths relative to this host. */
export const AOP_IMAGE_HOST = 'https://cbu01.alicdn.com/';

const idOrNumber = z.union([z.number(), z.string()]).optional();

const skuAttribute = z.object({
  attributeID: idOrNumber, // [skuAttr]
  attributeName: optionalText, // [skuAttr]
  attributeValue: z.union([z.string(), z.number()]).transform(String), // [skuAttr]
  skuImageUrl: optionalText, // [skuAttr]
});

const skuInfo = z.object({
  skuId: idText, // [sku]
  specId: optionalText, // [sku]
  // [sku] Double; absent when the SKUs are priced by quantity (quoteType 2, [sale]).
  price: money.optional(),
  amountOnSale: optionalCount, // [sku]
  attributes: z.array(skuAttribute).optional(), // [sku]
});

const saleInfo = z.object({
  priceRanges: z.array(z.object({ startQuantity: optionalCount, price: money })).optional(), // [sale], [range]
  minOrderQuantity: optionalCount, // [sale]
  unit: optionalText, // [sale]
  amountOnSale: optionalCount, // [sale] Double in the SDK: a whole count in practice, checked here
  mixWholeSale: z.boolean().optional(), // [sale]
  quoteType: z.number().int().optional(), // [sale]
});

/** The fields of `productInfo` the mapper reads; everything else stays in `raw`. */
export const AopProductInfoSchema = z.object({
  productID: idText, // [info]
  subject: z.string(), // [info]
  categoryID: optionalId, // [info]
  categoryName: optionalText, // [info]
  description: optionalText, // [info]
  image: z.object({ images: z.array(z.string()).optional() }).optional(), // [info], [image]
  skuInfos: z.array(skuInfo).optional(), // [info]
  saleInfo: saleInfo.optional(), // [info]
  shippingInfo: z.object({ sendGoodsAddressText: optionalText }).optional(), // [info], [ship]
  attributes: z
    .array(z.object({ attributeName: optionalText, value: z.union([z.string(), z.number()]).optional() }))
    .optional(), // [info], [attr]
  supplierUserId: optionalId, // [info]
  supplierLoginId: optionalText, // [info]
  mainVedio: optionalText, // [info] (sic)
});

/** `{success, productInfo}` [result]; `success` is optional because the SDKs' result class does not declare it. */
const envelope = z.object({
  success: z.boolean().optional(),
  productInfo: z.unknown().refine((v) => v !== undefined, 'missing'),
});

/** A relative image path of [image] → an absolute URL; absolute and protocol-relative URLs as https. */
export function aopImageUrl(path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (path.startsWith('//')) return `https:${path}`;
  return AOP_IMAGE_HOST + path.replace(/^\/+/, '');
}

/** The payload of `alibaba.product.get` → Offer. `raw` is `productInfo` exactly as received. */
export function offerFromAopProduct(payload: unknown, context: ResponseContext): Offer {
  const { productInfo: raw } = parseResponse(envelope, payload, context);
  const at = { ...context, at: 'productInfo' };
  const product = parseResponse(AopProductInfoSchema, raw, at);
  const sale = product.saleInfo;
  const sorted = sortTiers(
    (sale?.priceRanges ?? []).map((range) => ({ quantity: range.startQuantity ?? 1, price: range.price })),
  );
  if ('problem' in sorted) throw unexpectedResponse(at, ['saleInfo', 'priceRanges'], sorted.problem);
  const firstTier: Money | undefined = sorted.tiers[0]?.unitPrice;
  const skus: Sku[] = (product.skuInfos ?? []).map((sku, k) => {
    // A SKU without its own price is priced by the offer's quantity ranges (quoteType 2): from the first.
    const price = sku.price ?? firstTier;
    if (price === undefined) throw unexpectedResponse(at, ['skuInfos', k, 'price'], 'no price and no priceRanges');
    const attributes: Record<string, string> = {};
    for (const attribute of sku.attributes ?? []) {
      attributes[attribute.attributeName ?? String(attribute.attributeID ?? '')] = attribute.attributeValue;
    }
    return {
      skuId: sku.skuId,
      ...(sku.specId === undefined ? {} : { specId: sku.specId }),
      price,
      stock: sku.amountOnSale ?? 0,
      attributes,
    };
  });
  const anyPrice = firstTier ?? skus[0]?.price;
  if (anyPrice === undefined) throw unexpectedResponse(at, ['saleInfo', 'priceRanges'], 'no price range and no SKU');
  const stock = sale?.amountOnSale ?? skus.reduce((sum, sku) => sum + sku.stock, 0);
  return {
    id: product.productID,
    title: product.subject,
    // 1688's `subject` is the title itself; the product has no secondary title.
    subject: '',
    priceRange: priceRangeOf(sorted.tiers, skus, anyPrice),
    unit: sale?.unit ?? '',
    minOrderQuantity: minOrderQuantityOf(sale?.minOrderQuantity),
    priceTiers: sorted.tiers,
    mixBatch: mixBatchOf(sale?.mixWholeSale, undefined, undefined),
    stock,
    skus,
    attributes: (product.attributes ?? []).flatMap((a) =>
      a.attributeName === undefined || a.value === undefined ? [] : [{ name: a.attributeName, value: String(a.value) }],
    ),
    images: distinct((product.image?.images ?? []).map(aopImageUrl)),
    descriptionImages: imagesInHtml(product.description ?? ''),
    ...(product.mainVedio === undefined ? {} : { video: absoluteUrl(product.mainVedio) }),
    ...(product.categoryID === undefined
      ? {}
      : {
          category: {
            id: product.categoryID,
            ...(product.categoryName === undefined ? {} : { name: product.categoryName }),
          },
        }),
    ...(product.shippingInfo?.sendGoodsAddressText === undefined
      ? {}
      : { location: product.shippingInfo.sendGoodsAddressText }),
    supplier: dropUndefined({ id: product.supplierUserId, nick: product.supplierLoginId }),
    raw,
  };
}
