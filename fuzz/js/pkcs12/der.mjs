// A small DER writer for the regression tests' hand-made hostile files.

export function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => { out.set(p, at); return at + p.length; }, 0);
  return out;
}

function length(n) {
  if (n < 0x80) return [n];
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** One element: `tag`, then the parts' bytes as its content. */
export function der(tag, ...parts) {
  const body = concat(parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p))));
  return concat([Uint8Array.of(tag, ...length(body.length)), body]);
}

export const seq = (...parts) => der(0x30, ...parts);
export const octets = (bytes) => der(0x04, bytes);
export const explicit0 = (...parts) => der(0xa0, ...parts);

/** An INTEGER of up to four bytes, unsigned as pkcs12.js reads it. */
export function int(n) {
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return der(0x02, bytes.length ? bytes : [0]);
}

export function oid(dotted) {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const bytes = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift(0x80 | (v & 0x7f));
    out.push(...bytes);
  }
  return der(0x06, out);
}
