// PKCS#12 (RFC 7292) for importing an organisation's key and certificate: the file is read
// here, decrypted with WebCrypto (PBKDF2, AES-CBC, HMAC, digest), and only its PKCS#8 key
// and DER certificates go on to keys.rs, which imports the key non-extractable. In
// JavaScript rather than Rust: every step is an asynchronous WebCrypto call, and this file
// adds nothing to the wasm. Failures reject with an Error whose message is a code
// ('corrupt', 'password', 'legacy', 'aes192', 'nokey', 'nocert', 'large', 'iterations');
// import.rs turns it into Dutch. Fuzzed by fuzz/js/pkcs12 (docs/fuzzing.md).

/** Bounds on what a file may make this code do (SECURITY.md, "Hostile input: bounds"). */
export const LIMITS = Object.freeze({
  // A key and a chain of a few certificates take a few KB; larger is 'large'.
  bytes: 64 * 1024,
  // Elements of any one SEQUENCE or SET walked, and bags in the whole file: 'corrupt' above.
  items: 256,
  bags: 64,
  // Nesting of constructed (BER) OCTET STRINGs; exporters use one level.
  depth: 4,
  // PBKDF2 iterations over all the file's encrypted parts (WebCrypto, native: about 4 s
  // for SHA-256); 'iterations' above. Exporters use 2,000 to a few hundred thousand.
  pbkdf2: 10_000_000,
  // The MAC key's iterations (RFC 7292 appendix B): one awaited digest each, about
  // 12 µs in Chromium, so 12 s; 'iterations' above. Exporters use 1,024 to 10,000.
  mac: 1_000_000,
});

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509: '1.2.840.113549.1.9.22.1',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  ecKey: '1.2.840.10045.2.1',
  p256: '1.2.840.10045.3.1.7',
  rsa: '1.2.840.113549.1.1.1',
};
// Digests by OID, for the MAC (digest OIDs) and PBKDF2's PRF (HMAC OIDs): [name, block size].
const HASH = {
  '1.3.14.3.2.26': ['SHA-1', 64],
  '2.16.840.1.101.3.4.2.1': ['SHA-256', 64],
  '2.16.840.1.101.3.4.2.2': ['SHA-384', 128],
  '2.16.840.1.101.3.4.2.3': ['SHA-512', 128],
  '1.2.840.113549.2.7': ['SHA-1', 64],
  '1.2.840.113549.2.9': ['SHA-256', 64],
  '1.2.840.113549.2.10': ['SHA-384', 128],
  '1.2.840.113549.2.11': ['SHA-512', 128],
};
const AES = { '2.16.840.1.101.3.4.1.2': 128, '2.16.840.1.101.3.4.1.22': 192, '2.16.840.1.101.3.4.1.42': 256 };
// PKCS#12 PBE (3DES, RC2, RC4: OpenSSL's `-legacy`) and PKCS#5 v1.5 PBES1 (DES, RC2).
const LEGACY = /^1\.2\.840\.113549\.1\.(12\.1|5)\.\d+$/;

const fail = (code) => { throw new Error(code); };

/** One DER element at `at` of `b`: { tag, at, start (of content), end }. Constructed
 *  OCTET STRINGs (BER, some exporters) are read through `octets`. */
function tlv(b, at = 0) {
  if (at + 2 > b.length) fail('corrupt');
  const tag = b[at];
  let len = b[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || start + n > b.length) fail('corrupt');
    len = 0;
    for (let k = 0; k < n; k += 1) len = len * 256 + b[start + k];
    start += n;
  }
  if (start + len > b.length) fail('corrupt');
  return { tag, at, start, end: start + len, b };
}

// Every reader takes a possibly missing element (a SEQUENCE shorter than it should be
// destructures to undefined) and fails 'corrupt' on it, as on a wrong tag.
const is = (e, tag) => e !== undefined && e.tag === tag;
const content = (e) => e.b.subarray(e.start, e.end);
const whole = (e) => e.b.subarray(e.at, e.end);

function children(e) {
  const out = [];
  for (let at = e.start; at < e.end;) {
    if (out.length === LIMITS.items) fail('corrupt');
    const c = tlv(e.b, at);
    if (c.end > e.end) fail('corrupt');
    out.push(c);
    at = c.end;
  }
  return out;
}

/** The elements of a SEQUENCE (or SET, or [n]) `e`, checking its tag. */
function seq(e, tag = 0x30) {
  if (!is(e, tag)) fail('corrupt');
  return children(e);
}

function oid(e) {
  if (!is(e, 0x06)) fail('corrupt');
  const b = content(e);
  const parts = [];
  let v = 0;
  for (const x of b) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) { parts.push(v); v = 0; }
  }
  if (!parts.length) fail('corrupt');
  const first = parts[0] < 80 ? Math.floor(parts[0] / 40) : 2;
  return [first, parts[0] - first * 40, ...parts.slice(1)].join('.');
}

function int(e) {
  if (!is(e, 0x02) || e.end - e.start > 4) fail('corrupt');
  return content(e).reduce((a, x) => a * 256 + x, 0);
}

/** An OCTET STRING's bytes, primitive or (BER) constructed of pieces, to `depth` levels. */
function octets(e, tag = 0x04, depth = LIMITS.depth) {
  if (is(e, tag)) return content(e);
  if (is(e, tag | 0x20) && depth > 0) return concat(...children(e).map((c) => octets(c, 0x04, depth - 1)));
  return fail('corrupt');
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => { out.set(p, at); return at + p.length; }, 0);
  return out;
}

/** The one element that `bytes` is, within the size bound. */
function parse(bytes) {
  if (bytes.length > LIMITS.bytes) fail('large');
  const e = tlv(bytes);
  if (e.end !== bytes.length) fail('corrupt');
  return e;
}

/** Whether `bytes` looks like a PKCS#12 file (a PFX, version 3), before any password.
 *  Large files too, so that readPkcs12 tells they are too large. */
export function isPkcs12(bytes) {
  try {
    const b = new Uint8Array(bytes);
    const e = tlv(b);
    if (e.end !== b.length) return false;
    const [version, auth] = seq(e);
    return int(version) === 3 && oid(seq(auth)[0]) === OID.data;
  } catch {
    return false;
  }
}

/** 'p256', 'rsa' or 'other': the key type of a PKCS#8 PrivateKeyInfo. */
export function keyKind(pkcs8) {
  try {
    const [, alg] = seq(parse(new Uint8Array(pkcs8)));
    const [type, param] = seq(alg);
    if (oid(type) === OID.rsa) return 'rsa';
    if (oid(type) === OID.ecKey && param && oid(param) === OID.p256) return 'p256';
  } catch { /* not PKCS#8: WebCrypto will say so */ }
  return 'other';
}

const subtle = () => crypto.subtle;

/** `work()`'s WebCrypto result, or a rejection with `code` (WebCrypto rejects with
 *  DOMExceptions, for instance for an empty HMAC key or a zero iteration count). */
async function webcrypto(code, work) {
  try {
    return await work();
  } catch {
    return fail(code);
  }
}

/** Takes `n` iterations from the file's allowance `left[kind]`: 'iterations' past it. */
function spend(left, kind, n) {
  if (n < 1) fail('corrupt');
  if (n > left[kind]) fail('iterations');
  left[kind] -= n;
  return n;
}

/** RFC 7292 appendix B.2: the MAC key from the password (BMPString, NUL-terminated). */
async function macKey(password, salt, iterations, [hash, v], size) {
  const pw = new Uint8Array(2 * password.length + 2);
  for (let k = 0; k < password.length; k += 1) {
    pw[2 * k] = password.charCodeAt(k) >> 8;
    pw[2 * k + 1] = password.charCodeAt(k) & 0xff;
  }
  const fill = (x) => {
    const out = new Uint8Array(Math.ceil(x.length / v) * v);
    for (let k = 0; k < out.length; k += 1) out[k] = x[k % x.length];
    return out;
  };
  const I = concat(fill(salt), fill(pw));
  let A = concat(new Uint8Array(v).fill(3), I);
  for (let r = 0; r < iterations; r += 1) A = new Uint8Array(await subtle().digest(hash, A));
  // One round suffices: the MAC key is the digest's own length.
  return A.subarray(0, size);
}

/** Checks the file's MAC with `password`: rejects 'password' when it does not match. */
async function checkMac(macData, authSafe, password, left) {
  const [digestInfo, saltE, iterE] = seq(macData);
  const [alg, digest] = seq(digestInfo);
  const hash = HASH[oid(seq(alg)[0])];
  if (!hash) fail('corrupt');
  const expected = octets(digest);
  const iterations = spend(left, 'mac', iterE ? int(iterE) : 1);
  const key = await macKey(password, octets(saltE), iterations, hash, expected.length);
  const hmac = { name: 'HMAC', hash: hash[0] };
  const k = await webcrypto('corrupt', () => subtle().importKey('raw', key, hmac, false, ['verify']));
  if (!(await webcrypto('corrupt', () => subtle().verify('HMAC', k, expected, authSafe)))) fail('password');
}

/** Decrypts PBES2 (PBKDF2 + AES-CBC) content; `alg` is its AlgorithmIdentifier. */
async function decrypt(alg, data, password, left) {
  const [scheme, params] = seq(alg);
  const id = oid(scheme);
  if (LEGACY.test(id) && id !== OID.pbes2 && id !== OID.pbkdf2) fail('legacy');
  if (id !== OID.pbes2) fail('corrupt');
  const [kdf, enc] = seq(params);
  const [kdfId, kdfParams] = seq(kdf);
  if (oid(kdfId) !== OID.pbkdf2) fail('corrupt');
  const [saltE, iterE, ...rest] = seq(kdfParams);
  const prfE = rest.find((e) => e.tag === 0x30);
  const hash = HASH[prfE ? oid(seq(prfE)[0]) : '1.2.840.113549.2.7'];
  const [encId, ivE] = seq(enc);
  const bits = AES[oid(encId)];
  if (!hash || !bits) fail('corrupt');
  const salt = octets(saltE);
  const iv = octets(ivE);
  // CBC: a 16-byte IV and whole blocks, or WebCrypto would reject it as if the password
  // were wrong.
  if (iv.length !== 16 || !data.length || data.length % 16) fail('corrupt');
  const iterations = spend(left, 'pbkdf2', int(iterE));
  const base = await webcrypto('corrupt', () => subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']));
  // Chromium's WebCrypto has no 192-bit AES.
  const key = await webcrypto(bits === 192 ? 'aes192' : 'corrupt', () => subtle().deriveKey(
    { name: 'PBKDF2', salt, iterations, hash: hash[0] },
    base, { name: 'AES-CBC', length: bits }, false, ['decrypt'],
  ));
  // Bad padding: a wrong password when the file has no MAC to tell it earlier.
  return new Uint8Array(await webcrypto('password', () => subtle().decrypt({ name: 'AES-CBC', iv }, key, data)));
}

/** The key derivations a file may still ask for (LIMITS). */
const allowance = (limits) => ({ pbkdf2: limits.pbkdf2, mac: limits.mac });

/** The PKCS#8 key inside an EncryptedPrivateKeyInfo (a shrouded key bag, or an
 *  `ENCRYPTED PRIVATE KEY` PEM block). `limits`: LIMITS, whose iteration allowances the
 *  fuzz target lowers. */
export async function decryptKey(epki, password, limits = LIMITS) {
  const [alg, data] = seq(parse(new Uint8Array(epki)));
  return decrypt(alg, octets(data), password, allowance(limits));
}

/** The key (PKCS#8 DER) and certificates (DER) in a PKCS#12 file. `limits`: as for
 *  decryptKey. */
export async function readPkcs12(bytes, password, limits = LIMITS) {
  const left = allowance(limits);
  const [version, auth, macData] = seq(parse(new Uint8Array(bytes)));
  if (int(version) !== 3) fail('corrupt');
  const [authType, authContent] = seq(auth);
  if (oid(authType) !== OID.data) fail('corrupt');
  const authSafe = octets(seq(authContent, 0xa0)[0]);
  if (macData) await checkMac(macData, authSafe, password, left);
  const keys = [];
  const certs = [];
  let bags = 0;
  for (const info of seq(parse(authSafe))) {
    const [type, body] = seq(info);
    let safeContents;
    if (oid(type) === OID.data) {
      safeContents = octets(seq(body, 0xa0)[0]);
    } else if (oid(type) === OID.encryptedData) {
      const [, eci] = seq(seq(body, 0xa0)[0]);
      const [, alg, data] = seq(eci);
      safeContents = await decrypt(alg, octets(data, 0x80), password, left);
    } else {
      continue; // enveloped (public-key) content: not for a password-protected file
    }
    for (const bag of seq(parse(safeContents))) {
      bags += 1;
      if (bags > LIMITS.bags) fail('corrupt');
      const [bagId, value] = seq(bag);
      const inner = seq(value, 0xa0)[0];
      const id = oid(bagId);
      if (id === OID.keyBag) {
        if (!is(inner, 0x30)) fail('corrupt');
        keys.push(whole(inner));
      } else if (id === OID.shroudedKeyBag) {
        const [alg, data] = seq(inner);
        keys.push(await decrypt(alg, octets(data), password, left));
      } else if (id === OID.certBag) {
        const [certType, certValue] = seq(inner);
        if (oid(certType) === OID.x509) certs.push(octets(seq(certValue, 0xa0)[0]));
      }
    }
  }
  if (!keys.length) fail('nokey');
  if (!certs.length) fail('nocert');
  return { key: keys[0], certs };
}
