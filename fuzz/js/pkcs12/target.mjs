// Jazzer.js fuzz target for pkcs12.js (run by fuzz/js/run.mjs): every input must either
// resolve to a key and certificates or reject with one of pkcs12.js's codes. The iteration
// ceilings are lowered so that mutated iteration counts cost milliseconds, not seconds;
// the checks against them run the same code.
import { exercise, pkcs12 } from './input.mjs';

const limits = pkcs12.LIMITS && { ...pkcs12.LIMITS, pbkdf2: 20000, mac: 20000 };

export async function fuzz(data) {
  await exercise(data, limits);
}
