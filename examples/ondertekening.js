// A host of <llk-ondertekening>: a countersigned PDF arrives as `llk-signed` with the PDF
// as a Blob and its signatures; a real portal uploads it to the case file over its own
// authenticated API. Here it is only kept in memory and counted.
const status = document.getElementById('status');
window.stored = [];

document.getElementById('ondertekening').addEventListener('llk-signed', (event) => {
  const { pdf, fileName, signatures } = event.detail;
  window.stored.push({ fileName, size: pdf.size, signatures: signatures.length });
  const intact = signatures.filter((s) => s.intact).length;
  status.textContent = `${fileName} is opgeslagen (${intact} van ${signatures.length} handtekeningen geldig).`;
});
