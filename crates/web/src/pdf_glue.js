// The UI module's side of the PDF buttons, in JavaScript because it is smaller here than
// in Rust: load the PDF module on first use (the loader's loadModule) and hand it the request.
export function pdfRequest(loadModule, request, host, done) {
  Promise.resolve()
    .then(() => loadModule('pdf'))
    .then((pdf) => pdf.pdf_request(request, host))
    .then(done, (err) => {
      host.dispatchEvent(new CustomEvent('llk-error', {
        bubbles: true,
        composed: true,
        detail: { code: 'module', message: `The PDF module could not be used: ${err}` },
      }));
      done({ ok: false, message: 'De PDF-functies konden niet worden geladen. Controleer de verbinding en probeer het opnieuw; uw antwoorden blijven bewaard.' });
    });
}
