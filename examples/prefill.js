// Prefilling through the `value` property. A value may be set before the kit has loaded:
// the element keeps it until it is defined. Paths are the field ids of the definition
// (`llk forms` lists the forms; `llk example --form aanmelding` shows every path).
import { ready } from '../levensloopkit.js';

// What the portal knows about the logged-in melder (from its own session, not from the kit).
const medewerker = {
  naam: 'Sanne de Wit-Özdemir',
  telefoon: '070 123 45 67',
  email: 's.dewit@politie.example.nl',
};

const melding = document.getElementById('melding');
melding.value = { melder: medewerker };

// A stored submission envelope is shown read-only; an envelope of an older definition
// version is migrated, and what moved is reported with an llk-error of code "migration".
const eerder = document.getElementById('eerder');
eerder.value = {
  form: 'aanmelding',
  version: 1,
  region: 'haaglanden',
  answers: { melder: { naam: 'Youssef Bakkali', telefoon: '06-12345678' } },
};

ready.then(() => { document.body.dataset.llkReady = 'true'; });
