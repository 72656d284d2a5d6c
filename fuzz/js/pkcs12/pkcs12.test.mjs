// pkcs12.js in Node, without the fuzzer: the seed corpus gives what each file should,
// every input the fuzzer once failed on (regressions/) now rejects with a code, and
// hand-made hostile files hit each bound of LIMITS. Run: npm run test:pkcs12
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { CODES, exercise, pkcs12, split } from './input.mjs';
import { concat, der, explicit0, int, octets, oid, seq } from './der.mjs';

const { LIMITS, decryptKey, isPkcs12, readPkcs12 } = pkcs12;
const here = new URL('.', import.meta.url);
const seed = (name) => split(readFileSync(new URL(`corpus/${name}`, here)));

/** The code `promise` rejects with; fails the test when it resolves or throws anything else. */
async function code(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e.constructor === Error && CODES.has(e.message), `not a code: ${e.stack}`);
    return e.message;
  }
  return assert.fail('resolved');
}

test('the seeds read as OpenSSL wrote them', async () => {
  const expected = {
    'aes-ec': ['p256', 1], 'aes-rsa': ['rsa', 1], 'chain-ec': ['p256', 2], 'aes128-sha1': ['p256', 1],
    // Node's WebCrypto has AES-192; Chromium's has not ('aes192', tests/e2e/pkcs12.mjs).
    'aes192-ec': ['p256', 1], 'nomac-ec': ['p256', 1], 'plain-ec': ['p256', 1],
    'legacy-ec': 'legacy', nokey: 'nokey', nocert: 'nocert', 'epki-ec': 'corrupt',
  };
  const names = readdirSync(new URL('corpus', here)).sort();
  assert.deepEqual(names, Object.keys(expected).sort());
  for (const [name, want] of Object.entries(expected)) {
    const { file, password } = seed(name);
    assert.equal(isPkcs12(file), name !== 'epki-ec', name);
    const r = await exercise(readFileSync(new URL(`corpus/${name}`, here)));
    if (typeof want === 'string') {
      assert.deepEqual(r.read, { code: want }, name);
    } else {
      assert.equal(r.kind, want[0], name);
      assert.equal(r.read.ok.certs.length, want[1], name);
      // plain-ec has neither encryption nor MAC: any password reads it.
      if (name !== 'plain-ec') assert.equal(await code(readPkcs12(file, `${password}!`)), 'password', name);
    }
  }
  const { file, password } = seed('epki-ec');
  assert.equal(pkcs12.keyKind(await decryptKey(file, password)), 'p256');
});

// A timeout, so that an input that once hung fails rather than stalls the run.
test('every input the fuzzer failed on rejects with a code', { timeout: 30_000 }, async () => {
  const dir = new URL('regressions/', here);
  const names = readdirSync(dir);
  assert.ok(names.length > 0);
  for (const name of names) await exercise(readFileSync(new URL(name, dir)));
});

// Hand-made files. pbes2: PBKDF2 (HMAC-SHA-256) and AES-256-CBC.
const DATA = '1.2.840.113549.1.7.1';
const NULL = Uint8Array.of(5, 0);
const pbes2 = (iterations, iv = new Uint8Array(16)) => seq(oid('1.2.840.113549.1.5.13'), seq(
  seq(oid('1.2.840.113549.1.5.12'), seq(octets(new Uint8Array(8)), int(iterations), seq(oid('1.2.840.113549.2.9'), NULL))),
  seq(oid('2.16.840.1.101.3.4.1.42'), octets(iv)),
));
const pfx = (authSafe, mac) => seq(int(3), seq(oid(DATA), explicit0(octets(authSafe))), ...(mac ? [mac] : []));
const macData = (digest, iterations) => seq(
  seq(seq(oid('2.16.840.1.101.3.4.2.1'), NULL), octets(digest)), octets(new Uint8Array(8)), int(iterations),
);
const dataInfo = (...bags) => seq(oid(DATA), explicit0(octets(seq(...bags))));
const encryptedInfo = (alg, data) => seq(oid('1.2.840.113549.1.7.6'), explicit0(seq(int(0), seq(oid(DATA), alg, der(0x80, data)))));
const keyBag = () => seq(oid('1.2.840.113549.1.12.10.1.1'), explicit0(seq(int(0))));
const certBag = (cert = seq(int(1))) => seq(oid('1.2.840.113549.1.12.10.1.3'),
  explicit0(seq(oid('1.2.840.113549.1.9.22.1'), explicit0(octets(cert)))));
const epki = (alg, data) => seq(alg, octets(data));

/** `promise`'s code, checking that it came quickly: no key derivation ran. */
async function quickly(promise) {
  const start = performance.now();
  const c = await code(promise);
  assert.ok(performance.now() - start < 1000, `took ${performance.now() - start} ms`);
  return c;
}

test('iteration counts past the allowance are refused before any derivation', async () => {
  const huge = 2 ** 31 - 1;
  const block = new Uint8Array(32);
  assert.equal(await quickly(readPkcs12(pfx(seq(), macData(new Uint8Array(32), huge)), 'x')), 'iterations');
  assert.equal(await quickly(readPkcs12(pfx(seq(), macData(new Uint8Array(32), LIMITS.mac + 1)), 'x')), 'iterations');
  assert.equal(await quickly(readPkcs12(pfx(seq(encryptedInfo(pbes2(huge), block))), 'x')), 'iterations');
  assert.equal(await quickly(readPkcs12(pfx(seq(encryptedInfo(pbes2(LIMITS.pbkdf2 + 1), block))), 'x')), 'iterations');
  assert.equal(await quickly(decryptKey(epki(pbes2(huge), block), 'x')), 'iterations');
  // The allowance is for the whole file: aes-ec has two parts of 2,048 iterations each.
  const { file, password } = seed('aes-ec');
  assert.equal(await code(readPkcs12(file, password, { ...LIMITS, pbkdf2: 3000 })), 'iterations');
  assert.ok((await readPkcs12(file, password, { ...LIMITS, pbkdf2: 4096 })).certs.length);
  assert.equal(await code(readPkcs12(file, password, { ...LIMITS, mac: 2047 })), 'iterations');
  // Zero iterations: no WebCrypto DOMException, a code.
  assert.equal(await code(readPkcs12(pfx(seq(encryptedInfo(pbes2(0), block))), 'x')), 'corrupt');
  assert.equal(await code(readPkcs12(pfx(seq(), macData(new Uint8Array(32), 0)), 'x')), 'corrupt');
});

test('malformed crypto parameters reject with a code, not a WebCrypto error', async () => {
  // An empty MAC: WebCrypto refuses an empty HMAC key (DataError before the fix).
  assert.equal(await code(readPkcs12(pfx(seq(), macData(new Uint8Array(0), 1)), 'x')), 'corrupt');
  // An 8-byte IV and a partial block: not a wrong password.
  assert.equal(await code(readPkcs12(pfx(seq(encryptedInfo(pbes2(1, new Uint8Array(8)), new Uint8Array(32)))), 'x')), 'corrupt');
  assert.equal(await code(readPkcs12(pfx(seq(encryptedInfo(pbes2(1), new Uint8Array(20)))), 'x')), 'corrupt');
  assert.equal(await code(decryptKey(epki(pbes2(1), new Uint8Array(0)), 'x')), 'corrupt');
});

test('size, nesting and counts are bounded', async () => {
  // Over 64 KB: still recognised as PKCS#12, then refused as too large.
  const big = pfx(seq(dataInfo(keyBag(), certBag(new Uint8Array(LIMITS.bytes)))));
  assert.ok(isPkcs12(big));
  assert.equal(await quickly(readPkcs12(big, 'x')), 'large');
  assert.equal(await quickly(decryptKey(concat([big]), 'x')), 'large');
  // Constructed OCTET STRINGs nested 10,000 deep (a stack overflow before the fix).
  let nested = octets(seq());
  for (let k = 0; k < 10_000; k += 1) nested = der(0x24, nested);
  assert.equal(await quickly(readPkcs12(seq(int(3), seq(oid(DATA), explicit0(nested))), 'x')), 'corrupt');
  let shallow = octets(seq(dataInfo(keyBag(), certBag())));
  for (let k = 0; k < LIMITS.depth; k += 1) shallow = der(0x24, shallow);
  assert.ok(await readPkcs12(seq(int(3), seq(oid(DATA), explicit0(shallow))), 'x'));
  // Bags in the whole file, over two safe contents.
  const certs = (n) => Array.from({ length: n }, () => certBag());
  const half = LIMITS.bags / 2;
  assert.equal((await readPkcs12(pfx(seq(dataInfo(keyBag(), ...certs(half - 1)), dataInfo(...certs(half)))), 'x')).certs.length, LIMITS.bags - 1);
  assert.equal(await code(readPkcs12(pfx(seq(dataInfo(keyBag(), ...certs(half)), dataInfo(...certs(half)))), 'x')), 'corrupt');
  // Elements of one SEQUENCE: unknown content types are skipped, but only so many.
  const other = () => seq(oid('1.2.840.113549.1.7.3'), explicit0(seq()));
  const others = (n) => Array.from({ length: n }, other);
  assert.ok((await readPkcs12(pfx(seq(...others(LIMITS.items - 1), dataInfo(keyBag(), certBag()))), 'x')).certs.length);
  assert.equal(await code(readPkcs12(pfx(seq(...others(LIMITS.items), dataInfo(keyBag(), certBag()))), 'x')), 'corrupt');
});

test('import.rs has a Dutch message for every code', () => {
  // 'corrupt' is its fallback; every other code needs its own arm, or the user would be
  // told the file is damaged when it is, say, too large.
  const rust = readFileSync(new URL('../../../crates/web/src/pdf/import.rs', here), 'utf8');
  for (const c of CODES) if (c !== 'corrupt') assert.match(rust, new RegExp(`"${c}" => `), c);
});
