/**
 * 1688 push verification and parsing, on the push body captured in public code (an
 * ORDER_BUYER_VIEW_ORDER_PAY message whose orderId is past 2^53).
 */
import { aopPushSignature, parseAopPush, verifyAopPush } from '../../../src/messages/aop-push';

// As captured (a public PHP test posting it to a 1688 push endpoint); the secret is ours.
const CAPTURED =
  '{"bizKey":"2251947542517135493","data":{"buyerMemberId":"b2b-221741213935443542","currentStatus":"waitsellersend","orderId":2237938826932135493,"sellerMemberId":"b2b-22121303457002f54a","msgSendTime":"2024-08-09 09:44:24"},"gmtBorn":1723167864904,"msgId":92705609220,"type":"ORDER_BUYER_VIEW_ORDER_PAY","userInfo":"b2b-221741213935443542"}';
const SECRET = 'push-test-secret';
// Computed outside this code: printf '%s' "message$CAPTURED" | openssl dgst -sha1 -hmac push-test-secret
const OPENSSL_SIGNATURE = '526783374D38BDD34648D83BA0453F284F351B5B';

describe('1688 push signature', () => {
  it('is HMAC-SHA1 over "message" + the text, upper-case hex (openssl agrees)', () => {
    expect(aopPushSignature(CAPTURED, SECRET)).toBe(OPENSSL_SIGNATURE);
  });

  it('verifies the right signature (either hex case) and nothing else', () => {
    expect(verifyAopPush({ message: CAPTURED, _aop_signature: OPENSSL_SIGNATURE }, SECRET)).toBe(true);
    expect(verifyAopPush({ message: CAPTURED, _aop_signature: OPENSSL_SIGNATURE.toLowerCase() }, SECRET)).toBe(true);
    const tampered = CAPTURED.replace('2237938826932135493', '2237938826932135494');
    expect(verifyAopPush({ message: tampered, _aop_signature: OPENSSL_SIGNATURE }, SECRET)).toBe(false);
    expect(verifyAopPush({ message: CAPTURED, _aop_signature: OPENSSL_SIGNATURE.slice(0, -1) }, SECRET)).toBe(false);
    expect(verifyAopPush({ message: CAPTURED, _aop_signature: OPENSSL_SIGNATURE }, 'other-secret')).toBe(false);
    expect(verifyAopPush({ message: CAPTURED } as never, SECRET)).toBe(false);
  });

  it('needs a secret', () => {
    expect(() => verifyAopPush({ message: CAPTURED, _aop_signature: OPENSSL_SIGNATURE }, '')).toThrow(/secret/);
  });
});

describe('parseAopPush', () => {
  it('reads the captured push with every id exact', () => {
    const parsed = parseAopPush<{ orderId: string; currentStatus: string }>(CAPTURED);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.msgId).toBe('92705609220');
    expect(parsed.gmtBorn.toISOString()).toBe('2024-08-09T01:44:24.904Z');
    expect(parsed.type).toBe('ORDER_BUYER_VIEW_ORDER_PAY');
    expect(parsed.userInfo).toBe('b2b-221741213935443542');
    expect(parsed.bizKey).toBe('2251947542517135493');
    expect(parsed.data.orderId).toBe('2237938826932135493');
    expect(parsed.data.currentStatus).toBe('waitsellersend');
  });

  it('parses data sent as a JSON string (go1688 types it as one)', () => {
    const text = JSON.stringify({ msgId: 1, gmtBorn: 2, type: 'T', data: '{"orderId":2237938826932135493}' });
    const parsed = parseAopPush<{ orderId: string }>(text);
    expect(typeof parsed === 'string' ? parsed : parsed.data.orderId).toBe('2237938826932135493');
  });

  it.each([
    ['not json', 'message is not JSON'],
    ['[1]', 'message is not a JSON object'],
    ['{"gmtBorn":1,"type":"T"}', 'msgId is missing or not an integer'],
    ['{"msgId":1.5,"gmtBorn":1,"type":"T"}', 'msgId is missing or not an integer'],
    ['{"msgId":1,"type":"T"}', 'gmtBorn is missing or not a number of ms'],
    ['{"msgId":1,"gmtBorn":1}', 'type is missing'],
    ['{"msgId":1,"gmtBorn":1,"type":"T","userInfo":5}', 'userInfo is not a string'],
  ])('says why %s is malformed', (text, reason) => {
    expect(parseAopPush(text)).toBe(reason);
  });
});
