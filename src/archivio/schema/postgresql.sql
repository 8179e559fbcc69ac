-- The archive of schede (docs/archivio.md), PostgreSQL dialect: the same
-- tables as sqlite.sql, with this engine's types, and triggers in PL/pgSQL.
-- Many enti share one database: every row is reached through its ente.
-- The version is kept in schema_versione (SQLite: PRAGMA user_version).

-- @versione 1
CREATE TABLE schema_versione (versione INTEGER NOT NULL);
INSERT INTO schema_versione VALUES (0);

CREATE TABLE enti (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nome TEXT NOT NULL UNIQUE,
  creato TEXT NOT NULL
);

CREATE TABLE versioni (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  numero INTEGER NOT NULL,
  importato TEXT NOT NULL,
  autore TEXT NOT NULL,
  motivo TEXT,
  file TEXT NOT NULL,
  contenuto BYTEA NOT NULL,
  UNIQUE (ente, numero)
);

CREATE TABLE obiettivi (
  versione BIGINT NOT NULL REFERENCES versioni(id),
  codice TEXT NOT NULL,
  descrizione TEXT,
  dirigente TEXT,
  PRIMARY KEY (versione, codice)
);
CREATE TABLE azioni (
  versione BIGINT NOT NULL,
  codice TEXT NOT NULL,
  anno INTEGER NOT NULL,
  n INTEGER NOT NULL,
  peso DOUBLE PRECISION,
  azione TEXT,
  PRIMARY KEY (versione, codice, anno, n),
  FOREIGN KEY (versione, codice) REFERENCES obiettivi(versione, codice)
);
CREATE TABLE persone (
  versione BIGINT NOT NULL REFERENCES versioni(id),
  nome TEXT NOT NULL,
  matricola TEXT,
  area TEXT,
  PRIMARY KEY (versione, nome)
);

CREATE TABLE raccolte (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  al TEXT NOT NULL DEFAULT '',
  UNIQUE (ente, anno, al)
);

CREATE TABLE rilevazioni (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  raccolta BIGINT NOT NULL REFERENCES raccolte(id),
  obiettivo TEXT NOT NULL,
  azione INTEGER NOT NULL DEFAULT 0,
  indicatore INTEGER NOT NULL DEFAULT 0,
  chiave_data TEXT NOT NULL DEFAULT '',
  data TEXT,
  valore_tipo TEXT NOT NULL DEFAULT '' CHECK (valore_tipo IN ('', 'numero', 'si_no')),
  valore DOUBLE PRECISION,
  percentuale DOUBLE PRECISION,
  raggiunto TEXT,
  nota TEXT,
  avanzamento DOUBLE PRECISION,
  criticita TEXT,
  proposta TEXT,
  UNIQUE (raccolta, obiettivo, azione, indicatore, chiave_data)
);

CREATE TABLE sistemi (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  importato TEXT NOT NULL,
  autore TEXT NOT NULL,
  file TEXT NOT NULL,
  contenuto BYTEA NOT NULL
);
CREATE TABLE valutazioni (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  importato TEXT NOT NULL,
  autore TEXT NOT NULL,
  file TEXT NOT NULL,
  contenuto BYTEA NOT NULL
);

CREATE TABLE utenti (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  nome TEXT NOT NULL,
  ruolo TEXT NOT NULL CHECK (ruolo IN ('amministratore', 'dirigente', 'personale', 'oiv', 'dipendente')),
  persona TEXT,
  UNIQUE (ente, nome)
);

-- A sequence may skip numbers (a transaction rolled back keeps its id):
-- the chain, per ente, is what shows a row changed or removed.
CREATE TABLE registro (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  quando TEXT NOT NULL,
  chi TEXT NOT NULL,
  operazione TEXT NOT NULL,
  tabella TEXT NOT NULL,
  chiave TEXT NOT NULL,
  obiettivo TEXT,
  campo TEXT,
  prima TEXT,
  dopo TEXT,
  motivo TEXT,
  hash TEXT NOT NULL
);
CREATE INDEX registro_obiettivo ON registro (ente, obiettivo, id);
CREATE INDEX registro_ente ON registro (ente, id);
CREATE FUNCTION registro_immutabile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'il registro delle modifiche non si modifica';
  END IF;
  RAISE EXCEPTION 'il registro delle modifiche non si cancella';
END $$;
CREATE TRIGGER registro_senza_modifiche BEFORE UPDATE OR DELETE ON registro
  FOR EACH ROW EXECUTE FUNCTION registro_immutabile();
CREATE TRIGGER registro_senza_svuotamenti BEFORE TRUNCATE ON registro
  FOR EACH STATEMENT EXECUTE FUNCTION registro_immutabile();

-- @versione 2
ALTER TABLE utenti ADD COLUMN password TEXT;
CREATE TABLE stati (
  ente BIGINT NOT NULL REFERENCES enti(id),
  oggetto TEXT NOT NULL CHECK (oggetto IN ('versione', 'rilevazioni', 'valutazione', 'raccolta', 'relazione', 'valutazioni')),
  chiave TEXT NOT NULL,
  stato TEXT NOT NULL,
  quando TEXT NOT NULL,
  chi TEXT NOT NULL,
  nota TEXT,
  PRIMARY KEY (ente, oggetto, chiave)
);

-- @versione 3
ALTER TABLE enti ADD COLUMN profilo TEXT NOT NULL DEFAULT 'sarzana';

-- @versione 4
CREATE TABLE valutazioni_persone (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  persona TEXT NOT NULL,
  categoria TEXT,
  profilo TEXT,
  orario DOUBLE PRECISION NOT NULL DEFAULT 100,
  servizio DOUBLE PRECISION NOT NULL DEFAULT 100,
  valutatore TEXT,
  data TEXT,
  commento TEXT,
  osservazioni TEXT,
  giudizio TEXT,
  colloquio TEXT,
  escluso_premio TEXT,
  UNIQUE (ente, anno, persona)
);
CREATE TABLE valutazioni_voci (
  valutazione BIGINT NOT NULL REFERENCES valutazioni_persone(id) ON DELETE CASCADE,
  genere TEXT NOT NULL CHECK (genere IN ('voto', 'manuale')),
  voce TEXT NOT NULL,
  valore DOUBLE PRECISION,
  ordine INTEGER NOT NULL,
  PRIMARY KEY (valutazione, genere, voce)
);
CREATE TABLE caricamenti (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ente BIGINT NOT NULL REFERENCES enti(id),
  token TEXT NOT NULL UNIQUE,
  utente TEXT NOT NULL,
  quando TEXT NOT NULL,
  anno INTEGER NOT NULL,
  file TEXT NOT NULL,
  contenuto BYTEA NOT NULL,
  differenze TEXT NOT NULL
);
CREATE TABLE termini (
  ente BIGINT NOT NULL REFERENCES enti(id),
  anno INTEGER NOT NULL,
  al TEXT NOT NULL DEFAULT '',
  termine TEXT NOT NULL,
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
  ente BIGINT NOT NULL REFERENCES enti(id),
  csrf TEXT NOT NULL,
  utente TEXT,
  indirizzo TEXT NOT NULL DEFAULT '',
  revisione BIGINT NOT NULL DEFAULT 0,
  creata BIGINT NOT NULL,
  ultima BIGINT NOT NULL
);
CREATE INDEX sessioni_utente ON sessioni (ente, utente);

-- Failed logins, per user and address ("u" name US address) and per address
-- ("a" address), shared by every process (tentativi.h in src/web).
CREATE TABLE tentativi (
  ente BIGINT NOT NULL REFERENCES enti(id),
  chiave TEXT NOT NULL,
  fallimenti INTEGER NOT NULL DEFAULT 0,
  eventi_falliti BIGINT NOT NULL DEFAULT 0,
  eventi_respinti BIGINT NOT NULL DEFAULT 0,
  nomi INTEGER NOT NULL DEFAULT 0,
  ultimo BIGINT NOT NULL,
  PRIMARY KEY (ente, chiave)
);
