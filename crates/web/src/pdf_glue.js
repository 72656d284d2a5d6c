// The UI module's side of the PDF buttons, in JavaScript because it is smaller here than
// in Rust: load the PDF module on first use (the loader's loadModule) and hand it the job,
// JSON text of a messages::PdfJob. `done(replyText, pdf)`; `done(null)` when the module
// could not be used.
export function pdfRequest(loadModule, job, host, done) {
  Promise.resolve()
    .then(() => loadModule('pdf'))
    .then((pdf) => pdf.pdf_request(job, host))
    .then(([reply, pdf]) => done(reply, pdf), (err) => {
      host.dispatchEvent(new CustomEvent('llk-error', {
        bubbles: true,
        composed: true,
        detail: { code: 'module', message: `The PDF module could not be used: ${err}` },
      }));
      done(null);
    });
}
