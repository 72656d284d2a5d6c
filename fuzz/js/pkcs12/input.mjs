// The fuzz input's layout, shared by the fuzz target and the corpus replay: one length byte,
// that many bytes of password (UTF-8, decoded leniently so any bytes give some string,
// as any text can be typed), then the file.
import * as pkcs12 from '../../../crates/web/src/pdf/pkcs12.js';

export { pkcs12 };

// The codes pkcs12.js may reject with, each of which import.rs turns into a Dutch message.
// Anything else (a TypeError, a RangeError, a WebCrypto DOMException) is a bug.
export const CODES = new Set(['corrupt', 'password', 'legacy', 'aes192', 'nokey', 'nocert', 'large', 'iterations']);

export function split(data) {
  const n = data.length ? data[0] : 0;
  const password = new TextDecoder().decode(data.subarray(1, 1 + n));
  return { password, file: new Uint8Array(data.subarray(1 + n)) };
}

/** Runs every entry point on one input: resolves to what each gave, rejects on a bug. */
export async function exercise(data, limits) {
  const { password, file } = split(data);
  const result = { isPkcs12: pkcs12.isPkcs12(file), keyKind: pkcs12.keyKind(file) };
  const settle = async (promise) => {
    try {
      return { ok: await promise };
    } catch (e) {
      if (e instanceof Error && e.constructor === Error && CODES.has(e.message)) return { code: e.message };
      throw e;
    }
  };
  result.read = await settle(pkcs12.readPkcs12(file, password, limits));
  if (result.read.ok) {
    const { key, certs } = result.read.ok;
    if (!(key instanceof Uint8Array) || !certs.length || !certs.every((c) => c instanceof Uint8Array)) {
      throw new Error(`readPkcs12 resolved to a bad shape: ${JSON.stringify(result.read.ok)}`);
    }
    result.kind = pkcs12.keyKind(key);
  }
  result.decryptKey = await settle(pkcs12.decryptKey(file, password, limits));
  return result;
}
