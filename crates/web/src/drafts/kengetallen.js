// "Download als CSV" in the kengetallen of <llk-casussen>: the text as a Blob behind an
// object URL and a download link, clicked and removed. No HTML from a string (Trusted Types), no
// request: the file is made in the browser. A file, so a strict CSP allows it.

export function downloadText(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
