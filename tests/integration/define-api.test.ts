/**
 * Typed calls for any API: `client.call(api, params, { schema })` and `defineApi`, against a plain
 * server (not the sandbox) answering 1688's `com.alibaba.product/alibaba.category.get` in the shape
 * of the public 1688 PHP SDK (duanyasong/1688-sdk-php, src/com/alibaba/product/param/
 * AlibabaCategoryGetResult.class.php: `succes`, `categoryInfo[]`, `errorMsg`, `errorCode`;
 * AlibabaCategoryCategoryInfo.class.php: `categoryID`, `name`, `isLeaf`, `parentIDs`,
 * `childCategorys[]` of AlibabaChildCategoryInfo.class.php: `id`, `name`).
 */
import { z } from 'zod';
import { defineApi, InvalidRequestError, ResponseError, type OpenClient } from '../../src/index';
import { plainClient, plainGateway, type PlainGateway } from '../support/plain-gateway';

const CATEGORY_GET = 'com.alibaba.product/alibaba.category.get';
const ANSWER = JSON.stringify({
  succes: 'true',
  categoryInfo: [
    {
      categoryID: 1031910,
      name: '手机壳',
      isLeaf: true,
      parentIDs: [7],
      childCategorys: [],
    },
  ],
});

const getCategory = defineApi({
  name: CATEGORY_GET,
  dialects: ['aop'],
  params: z.object({ categoryID: z.number().int().min(0) }),
  response: z.object({
    categoryInfo: z.array(
      z.object({
        categoryID: z.union([z.number(), z.string()]),
        name: z.string(),
        isLeaf: z.boolean().optional(),
        parentIDs: z.array(z.union([z.number(), z.string()])).optional(),
        childCategorys: z.array(z.object({ id: z.union([z.number(), z.string()]), name: z.string() })).optional(),
      }),
    ),
  }),
  idempotent: true,
});

let gateway: PlainGateway;
let clients: OpenClient[] = [];
const client = (dialect: 'aop' | 'top') => {
  const made = plainClient(gateway, dialect);
  clients.push(made);
  return made;
};
let answer = ANSWER;

beforeAll(async () => {
  gateway = await plainGateway(() => ({ body: answer }));
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  gateway.seen.length = 0;
  answer = ANSWER;
});
afterAll(() => gateway.close());

describe('defineApi', () => {
  it('sends the checked parameters and returns the typed, validated payload', async () => {
    const result = await getCategory(client('aop'), { categoryID: 1031910 });
    expect(result.categoryInfo[0]?.name).toBe('手机壳');
    expect(gateway.apis()).toEqual([CATEGORY_GET]);
    expect(gateway.seen[0]?.params.categoryID).toBe('1031910');
  });

  it('refuses bad parameters and another dialect before anything is sent', async () => {
    await expect(getCategory(client('aop'), { categoryID: -1 })).rejects.toThrow(InvalidRequestError);
    await expect(getCategory(client('aop'), { categoryID: -1 })).rejects.toThrow(/categoryID/);
    await expect(getCategory(client('top'), { categoryID: 0 })).rejects.toThrow(/served by the aop gateway/);
    expect(gateway.seen).toHaveLength(0);
  });

  it('names the path where the payload differs from the response schema', async () => {
    answer = JSON.stringify({ succes: 'true', categoryInfo: [{ categoryID: 1, name: 42 }] });
    const error = await getCategory(client('aop'), { categoryID: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).subCode).toBe('categoryInfo[0].name');
  });
});

describe('client.call with a schema', () => {
  it('returns the schema output, and refuses something that is not a schema', async () => {
    const c = client('aop');
    const schema = z
      .object({ categoryInfo: z.array(z.object({ name: z.string() })) })
      .transform((p) => p.categoryInfo.length);
    const count: number = await c.call(CATEGORY_GET, { categoryID: 0 }, { schema });
    expect(count).toBe(1);
    await expect(c.call(CATEGORY_GET, {}, { schema: {} as never })).rejects.toThrow(/must be a zod schema/);
  });
});
