// The host code of submit.js, in TypeScript against the kit's declarations. Type-checked by
// the browser stage of `cargo xtask test` (tsc --noEmit), so the declarations cannot drift
// from what the examples and the docs use.
import { ready, type LlkCase, type LlkFormElement, type LlkSubmission } from '../www/levensloopkit.js';

const stored: LlkSubmission[] = [];

function onSubmit(event: CustomEvent<LlkSubmission>): void {
  const submission = event.detail;
  // Warnings never block a submission; a portal keeps them with it.
  const blocking = submission.warnings.filter((w) => w.severity === 'error');
  if (blocking.length > 0) throw new Error('llk-submit never carries errors');
  stored.push(submission);
}

export async function embed(region: string): Promise<LlkFormElement> {
  await ready;
  const form = document.createElement('llk-inclusie');
  form.setAttribute('region', region);
  form.addEventListener('llk-submit', onSubmit);
  form.addEventListener('llk-error', (e) => {
    console.warn(`levensloopkit: ${e.detail.code}`);
  });
  form.addEventListener('llk-change', (e) => {
    // Only the path: answers are personal data and never go to the console.
    void e.detail.path;
  });
  document.body.append(form);
  form.value = { vergadering: { datum: '2026-11-20' } };
  const result = form.validate();
  if (result && !result.valid) {
    const first = result.diagnostics.find((d) => d.severity === 'error');
    void first?.path;
  }
  form.reset();
  return form;
}

export function storedCount(): number {
  return stored.length;
}

/** The plan editor: saved (by the portal) on every change, shown read-only once adopted. */
export function embedPlan(save: (answers: unknown) => void): HTMLElement {
  const plan = document.createElement('llk-levensloopplan');
  plan.setAttribute('region', 'gelderland');
  plan.addEventListener('llk-plan-change', (e) => {
    // `value` is a getter: the answers are copied only because this listener reads them.
    save(e.detail.value);
  });
  plan.addEventListener('llk-plan-version', () => plan.setAttribute('readonly', ''));
  document.body.append(plan);
  return plan;
}

/** A countersigned PDF from `<llk-ondertekening>`, kept for the case file. */
export function receiveCountersigned(onStore: (pdf: Blob, name: string) => void): void {
  const element = document.createElement('llk-ondertekening');
  element.setAttribute('heading-level', '3');
  element.addEventListener('llk-signed', (e) => {
    const allIntact = e.detail.signatures.every((s) => s.intact);
    if (allIntact) onStore(e.detail.pdf, e.detail.fileName);
  });
  document.addEventListener('llk-signed', (e) => void e.detail.signatures.length);
  document.body.append(element);
}

/** A case from the portal's own registration system: handed in, saved back on each change. */
export function embedCase(record: LlkCase, save: (c: unknown) => void): HTMLElement {
  const casus = document.createElement('llk-casus');
  casus.value = record;
  casus.addEventListener('llk-case-change', (e) => {
    if (!e.detail.stored) save(e.detail.case);
  });
  const list = document.createElement('llk-casussen');
  list.cases = [record];
  list.addEventListener('llk-case-open', (e) => void e.detail.id);
  document.body.append(list, casus);
  return casus;
}
