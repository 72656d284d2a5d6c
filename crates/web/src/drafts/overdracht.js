// The case elements' side of the overdracht package: load the PDF module on first use (the
// loader's loadModule) and hand it the job, JSON text of a messages::PdfJob — "package"
// (make, sign, download), "receive" or "accept" (countersign; for both the chosen file's
// bytes go beside the job). A file,
// so a strict CSP allows it. Resolves to the reply's JSON text, or null when the module
// could not be used (after telling the host with llk-error).
export async function packageRequest(loadModule, job, host, input) {
  try {
    const file = input && input.files ? input.files[0] : undefined;
    const bytes = file ? new Uint8Array(await file.arrayBuffer()) : undefined;
    const pdf = await loadModule('pdf');
    const [reply] = await pdf.pdf_request(job, host, bytes);
    return reply;
  } catch (err) {
    host.dispatchEvent(new CustomEvent('llk-error', {
      bubbles: true,
      composed: true,
      detail: { code: 'module', message: `The PDF module could not be used: ${err}` },
    }));
    return null;
  }
}

/** Whether a file was chosen in `input`. */
export function chosenFile(input) { return Boolean(input && input.files && input.files.length > 0); }

/** The chosen file's name ('' when none). */
export function chosenName(input) { return input && input.files && input.files[0] ? input.files[0].name : ''; }

/** The file chosen in `input`, held as `{ files: [File] }` (what packageRequest reads), or
 *  null: a later step can read it although the field is drawn anew. */
export function holdFile(input) { return input && input.files && input.files[0] ? { files: [input.files[0]] } : null; }
