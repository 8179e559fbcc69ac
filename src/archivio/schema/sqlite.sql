-- The archive of schede (docs/archivio.md), SQLite dialect. Each section
-- "-- @versione N" brings a database from version N-1 to N; PRAGMA
-- user_version records the last one applied. A section is never edited
-- once released: a change is a new section.

-- @versione 1
CREATE TABLE enti (
  id INTEGER PRIMARY KEY,
  nome TEXT NOT NULL,
  creato TEXT NOT NULL                 -- UTC, ISO 8601
);

-- Every version of the plan, whole: the file as it was imported (JSON or a
-- workbook), read back with the same loader, so that documents from the
-- archive are those from the file.
CREATE TABLE versioni (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  numero INTEGER NOT NULL,             -- 1, 2, … per ente
  importato TEXT NOT NULL,
  autore TEXT NOT NULL,
  motivo TEXT,
  file TEXT NOT NULL,                  -- the name it had
  contenuto BLOB NOT NULL,
  UNIQUE (ente, numero)
);

-- The same version as rows, for queries (and the web interface).
CREATE TABLE obiettivi (
  versione INTEGER NOT NULL REFERENCES versioni(id),
  codice TEXT NOT NULL,
  descrizione TEXT,
  dirigente TEXT,
  PRIMARY KEY (versione, codice)
);
CREATE TABLE azioni (
  versione INTEGER NOT NULL,
  codice TEXT NOT NULL,
  anno INTEGER NOT NULL,
  n INTEGER NOT NULL,
  peso REAL,
  azione TEXT,
  PRIMARY KEY (versione, codice, anno, n),
  FOREIGN KEY (versione, codice) REFERENCES obiettivi(versione, codice)
);
CREATE TABLE persone (
  versione INTEGER NOT NULL REFERENCES versioni(id),
  nome TEXT NOT NULL,
  matricola TEXT,
  area TEXT,
  PRIMARY KEY (versione, nome)
);

-- A collection of rilevazioni: the year end (al = '') or a monitoring at a date.
CREATE TABLE raccolte (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  al TEXT NOT NULL DEFAULT '',         -- '' or YYYY-MM-DD
  UNIQUE (ente, anno, al)
);

-- One rilevazione per action, or per indicator and date, in a raccolta.
CREATE TABLE rilevazioni (
  id INTEGER PRIMARY KEY,
  raccolta INTEGER NOT NULL REFERENCES raccolte(id),
  obiettivo TEXT NOT NULL,
  azione INTEGER NOT NULL DEFAULT 0,
  indicatore INTEGER NOT NULL DEFAULT 0,
  chiave_data TEXT NOT NULL DEFAULT '', -- an indicator's value: its date ('' for an action)
  data TEXT,
  valore_tipo TEXT NOT NULL DEFAULT '' CHECK (valore_tipo IN ('', 'numero', 'si_no')),
  valore REAL,
  percentuale REAL,
  raggiunto TEXT,
  nota TEXT,
  avanzamento REAL,
  criticita TEXT,
  proposta TEXT,
  UNIQUE (raccolta, obiettivo, azione, indicatore, chiave_data)
);

-- The SMVP and the valutazioni of a year, as the files were imported.
CREATE TABLE sistemi (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  importato TEXT NOT NULL,
  autore TEXT NOT NULL,
  file TEXT NOT NULL,
  contenuto BLOB NOT NULL
);
CREATE TABLE valutazioni (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  importato TEXT NOT NULL,
  autore TEXT NOT NULL,
  file TEXT NOT NULL,
  contenuto BLOB NOT NULL
);

-- Who uses the web interface (the password column comes with it).
CREATE TABLE utenti (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  nome TEXT NOT NULL,
  ruolo TEXT NOT NULL CHECK (ruolo IN ('amministratore', 'dirigente', 'personale', 'oiv', 'dipendente')),
  persona TEXT,
  UNIQUE (ente, nome)
);

-- The record of every change, append-only: who, when (UTC), what (table and
-- key, the field), before and after (JSON), why. Each row carries the
-- SHA-256 of the previous row's hash and its own fields: a row changed or
-- removed outside the program breaks the chain (archivio controlla).
CREATE TABLE registro (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ente INTEGER NOT NULL REFERENCES enti(id),
  quando TEXT NOT NULL,
  chi TEXT NOT NULL,
  operazione TEXT NOT NULL,
  tabella TEXT NOT NULL,
  chiave TEXT NOT NULL,
  obiettivo TEXT,                      -- the objective's codice, to filter the history
  campo TEXT,
  prima TEXT,
  dopo TEXT,
  motivo TEXT,
  hash TEXT NOT NULL
);
CREATE INDEX registro_obiettivo ON registro (ente, obiettivo, id);
CREATE INDEX registro_ente ON registro (ente, id);
CREATE TRIGGER registro_senza_modifiche BEFORE UPDATE ON registro
BEGIN SELECT RAISE(ABORT, 'il registro delle modifiche non si modifica'); END;
CREATE TRIGGER registro_senza_cancellazioni BEFORE DELETE ON registro
BEGIN SELECT RAISE(ABORT, 'il registro delle modifiche non si cancella'); END;

-- @versione 2
-- The web interface (docs/web.md): a user's password, as libsodium's
-- crypto_pwhash_str (argon2id) writes it; NULL: cannot log in.
ALTER TABLE utenti ADD COLUMN password TEXT;

-- The state of what moves through the workflow: a plan version (bozza,
-- proposta, approvata), an objective's rilevazioni of a year (aperta,
-- inviata, validata, rimandata), a person's valutazione of a year (bozza,
-- comunicata, presa visione), the raccolta of a year (aperta, chiusa), the
-- Relazione and the valutazioni of a year (bozza, validata by the OIV). No
-- row: the first state. Every change has its
-- row in the registro too, with the state before and after.
CREATE TABLE stati (
  ente INTEGER NOT NULL REFERENCES enti(id),
  oggetto TEXT NOT NULL CHECK (oggetto IN ('versione', 'rilevazioni', 'valutazione', 'raccolta', 'relazione', 'valutazioni')),
  chiave TEXT NOT NULL,                -- '3'; '2025 SG-01'; '2025 Mario Rossi'; '2025' (raccolta, relazione)
  stato TEXT NOT NULL,
  quando TEXT NOT NULL,                -- UTC, ISO 8601
  chi TEXT NOT NULL,
  nota TEXT,                           -- the Giunta's date, the reason of a rimando
  PRIMARY KEY (ente, oggetto, chiave)
);

-- @versione 3
-- The ente's profile of forms (layouts/NOME, docs/layout.md): every document
-- made from the archive, by schede stampa or by the web, uses it unless
-- stampa --profilo says otherwise. Changed by schede archivio profilo,
-- recorded in the registro.
ALTER TABLE enti ADD COLUMN profilo TEXT NOT NULL DEFAULT 'sarzana';

-- @versione 4
-- The valutazioni as rows, one per person and year (docs/archivio.md): an
-- upload changes only the persons it names, field by field in the registro,
-- and none whose valutazione is comunicata, seen or validated. The files
-- uploaded stay in the table valutazioni, as evidence of what was uploaded:
-- what counts is these rows. Written as the SMVP reads them: the person by
-- the name of the plan's registro delle persone, the votes on behaviours
-- (voto) apart from the values given by hand (manuale).
CREATE TABLE valutazioni_persone (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  persona TEXT NOT NULL,
  categoria TEXT,
  profilo TEXT,
  orario REAL NOT NULL DEFAULT 100,
  servizio REAL NOT NULL DEFAULT 100,
  valutatore TEXT,
  data TEXT,                           -- YYYY-MM-DD
  commento TEXT,
  osservazioni TEXT,
  giudizio TEXT,
  colloquio TEXT,                      -- YYYY-MM-DD
  escluso_premio TEXT,
  UNIQUE (ente, anno, persona)
);
CREATE TABLE valutazioni_voci (
  valutazione INTEGER NOT NULL REFERENCES valutazioni_persone(id) ON DELETE CASCADE,
  genere TEXT NOT NULL CHECK (genere IN ('voto', 'manuale')),
  voce TEXT NOT NULL,                  -- the id of the behaviour or component
  valore REAL,                         -- NULL: left empty
  ordine INTEGER NOT NULL,
  PRIMARY KEY (valutazione, genere, voce)
);

-- A file uploaded in the web and not yet confirmed: its differences were
-- shown, and the confirmation applies it (POST /valutazioni/conferma). Not
-- data of the cycle (no registro row): gone when confirmed, replaced by the
-- same user's next upload, or after a day.
CREATE TABLE caricamenti (
  id INTEGER PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  token TEXT NOT NULL UNIQUE,          -- SHA-256 of the token the browser holds
  utente TEXT NOT NULL,
  quando TEXT NOT NULL,
  anno INTEGER NOT NULL,
  file TEXT NOT NULL,
  contenuto BLOB NOT NULL,
  differenze TEXT NOT NULL             -- SHA-256 of the differences shown
);

-- The day by which the dirigenti send the rilevazioni of a raccolta, set by
-- the Segreteria: what the home pages count who is late against. Apart from
-- raccolte, whose row means that the raccolta has rilevazioni.
CREATE TABLE termini (
  ente INTEGER NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  al TEXT NOT NULL DEFAULT '',         -- '' (the year end) or YYYY-MM-DD
  termine TEXT NOT NULL,               -- YYYY-MM-DD
  PRIMARY KEY (ente, anno, al)
);

-- A user's sessions follow her: every change of role, persona or password,
-- and disabling her, moves revisione on, and a running server ends the
-- sessions opened at an older one. A disabled user (attivo 0) cannot log in.
ALTER TABLE utenti ADD COLUMN revisione INTEGER NOT NULL DEFAULT 0;
ALTER TABLE utenti ADD COLUMN attivo INTEGER NOT NULL DEFAULT 1;

-- Who is logged in to schede web, shared by every server process on the
-- archive (a restart keeps people logged in; two processes share them):
-- the SHA-256 of the session's token (never the token), its CSRF token, the
-- user (NULL: the login form's anonymous session, with the address it was
-- opened from), the user's revisione at login, when it was made and last
-- seen (Unix seconds; last seen written at most once a minute). Not in the
-- registro: logins and logouts are, as events.
CREATE TABLE sessioni (
  chiave TEXT PRIMARY KEY,
  ente INTEGER NOT NULL REFERENCES enti(id),
  csrf TEXT NOT NULL,
  utente TEXT,
  indirizzo TEXT NOT NULL DEFAULT '',
  revisione INTEGER NOT NULL DEFAULT 0,
  creata INTEGER NOT NULL,
  ultima INTEGER NOT NULL
);
CREATE INDEX sessioni_utente ON sessioni (ente, utente);

-- Failed logins, per user and address ("u" name US address) and per address
-- ("a" address), shared by every process (tentativi.h in src/web).
CREATE TABLE tentativi (
  ente INTEGER NOT NULL REFERENCES enti(id),
  chiave TEXT NOT NULL,
  fallimenti INTEGER NOT NULL DEFAULT 0,
  eventi_falliti INTEGER NOT NULL DEFAULT 0,
  eventi_respinti INTEGER NOT NULL DEFAULT 0,
  nomi INTEGER NOT NULL DEFAULT 0,
  ultimo INTEGER NOT NULL,
  PRIMARY KEY (ente, chiave)
);
