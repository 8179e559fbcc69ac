/* utenti.h — who uses the web interface, and the workflow's states, kept in
 * the archive (docs/web.md). Like every change to the archive, each
 * function that writes is called inside archivio_inizia … archivio_conferma
 * and writes its rows in the registro. */
#ifndef SCHEDE_ARCHIVIO_UTENTI_H
#define SCHEDE_ARCHIVIO_UTENTI_H

#include <stdbool.h>
#include <stddef.h>

#include "archivio.h"

/* A password's length, wherever one is set (schede archivio utente, the Utenti page). */
#define UTENTE_PASSWORD_MIN 10
#define UTENTE_PASSWORD_MAX 1024

typedef enum { RUOLO_AMMINISTRATORE, RUOLO_DIRIGENTE, RUOLO_PERSONALE, RUOLO_OIV, RUOLO_DIPENDENTE, N_RUOLI } Ruolo;

/* "amministratore", …; ruolo_da_nome is false for an unknown name. */
const char *ruolo_nome(Ruolo r);
bool ruolo_da_nome(const char *nome, Ruolo *out);

typedef struct {
    long id;
    char *nome;
    Ruolo ruolo;
    char *persona;  /* the dirigente or employee the user is, as the plan names them; NULL */
    char *password; /* crypto_pwhash_str's string; NULL: cannot log in */
    long revisione; /* moves on at every change of role, persona, password, or of attivo */
    bool attivo;    /* false: disabled, cannot log in */
} Utente;
void utente_free(Utente *u);

/* A new user, or (esiste) a new role, persona and password for one; the
 * registro gets the user's fields, never the password's hash. */
ArchivioEsito archivio_utente_salva(Archivio *a, const char *nome, Ruolo ruolo, const char *persona,
                                    const char *password_hash, const Autore *chi, bool *esiste, char **error);
/* Disables (attivo false) or enables the user called nome (ARCHIVIO_DATI
 * when there is none), with its row in the registro; nothing when it is so already. */
ArchivioEsito archivio_utente_attivo(Archivio *a, const char *nome, bool attivo, const Autore *chi, char **error);
/* The user called nome: ARCHIVIO_DATI when there is none. */
ArchivioEsito archivio_utente(Archivio *a, const char *nome, Utente *out, char **error);
/* Every user, by name. */
size_t archivio_utenti(Archivio *a, Utente **out);

/* Who a user says she is in the plan (--persona, the Utenti page), against
 * the plan the archive's readers use: its persons and its dirigenti, across
 * spellings and titles (persone_stesso_nome). */
typedef enum {
    PERSONA_NEL_PIANO,  /* *nel_piano: the plan's own spelling (a new string), what is kept */
    PERSONA_SENZA_PIANO, /* the archive has no plan yet: kept as typed; *frase says it is checked at the import */
    PERSONA_IGNOTA,     /* *frase: the sentence, with the closest names of the plan */
} EsitoPersona;
EsitoPersona archivio_persona_utente(Archivio *a, const char *nome, char **nel_piano, char **frase);

/* The users whose persona plan does not have, one sentence each (for the
 * import of a new version). Returns how many; free each, then the array. */
size_t archivio_utenti_fuori_piano(Archivio *a, const Plan *plan, char ***frasi);

/* A row in the registro for something that changes no table: a login, a
 * refused access. dettaglio goes in «dopo», as a JSON string. */
ArchivioEsito archivio_evento(Archivio *a, const Autore *chi, const char *operazione, const char *chiave,
                              const char *obiettivo, const char *dettaglio, char **error);

/* ---- the workflow's states ---------------------------------------------------------------- */

/* oggetto: "versione", "rilevazioni", "valutazione" (one person's), "raccolta", "relazione" or
 * "valutazioni" (the year's, validated by the OIV); chiave: "3", "2025 SG-01", "2025 Mario Rossi", "2025". */
typedef struct {
    char *stato; /* NULL: no state recorded yet (the first state) */
    char *quando, *chi, *nota;
} Stato;
void stato_free(Stato *s);
ArchivioEsito archivio_stato(Archivio *a, const char *oggetto, const char *chiave, Stato *out, char **error);

/* The keys of oggetto that start with prefisso, in order, with their state (the caller frees
 * each with stato_free, the arrays with free). Returns how many. */
size_t archivio_stati(Archivio *a, const char *oggetto, const char *prefisso, char ***chiavi, Stato **stati);

/* Moves oggetto/chiave from the state da (NULL: none recorded) to a; when
 * its state is not da, changes nothing and is ARCHIVIO_DATI with the
 * sentence. obiettivo files the registro row under an objective. */
ArchivioEsito archivio_cambia_stato(Archivio *a, const char *oggetto, const char *chiave, const char *obiettivo,
                                    const char *da, const char *stato, const char *nota, const Autore *chi,
                                    char **error);

/* "2025 Mario Rossi": the key of a person's valutazione of year anno (nome as the plan writes it). */
char *archivio_chiave_valutazione(int anno, const char *nome);

/* A presa visione of a valutazione: whose (the person's name, as the plan
 * writes it), and its day: the one written in its note when it was signed
 * on paper and recorded by the ufficio personale ("firmata su carta il
 * 12/03/2026"), else the day it was taken in the web, where the ente is. */
typedef struct {
    char *nome;
    Date data;
} PresaVisione;
/* The prese visione of year anno's valutazioni. Returns how many; free with prese_visione_free. */
size_t archivio_prese_visione(Archivio *a, int anno, PresaVisione **out);
void prese_visione_free(PresaVisione *p, size_t n);


/* ---- the sessions and failed logins of schede web, shared by its processes ---------------- */

/* A session's row (archivio_sessioni.c). */
typedef struct {
    char chiave[65];     /* SHA-256 of the token, hex */
    char csrf[33];
    char *utente;        /* NULL: anonymous (the login form's) */
    char indirizzo[46];  /* an anonymous one's address */
    long revisione;      /* the user's at login */
    long long creata, ultima;
    /* the user as she is now, read with the row: */
    bool utente_valido;  /* there, enabled, at the same revisione: the session is still hers */
    Ruolo ruolo;
    char *persona;
} RigaSessione;
void riga_sessione_free(RigaSessione *r);

/* Writes a new session; false when the archive would not. */
bool archivio_sessione_scrivi(Archivio *a, const RigaSessione *r);
/* The session of chiave with its user as she is now; false when there is none. */
bool archivio_sessione_leggi(Archivio *a, const char *chiave, RigaSessione *out);
void archivio_sessione_vista(Archivio *a, const char *chiave, long long ultima);
void archivio_sessione_togli(Archivio *a, const char *chiave);
/* Ends every session of utente; returns how many. */
size_t archivio_sessioni_togli_utente(Archivio *a, const char *utente);
/* Removes the sessions idle since before inattiva or made before creata. */
void archivio_sessioni_scadute(Archivio *a, long long inattiva, long long creata);
/* How many anonymous sessions there are from indirizzo, and in all; *piu_vecchia the chiave of the oldest from
 * indirizzo ("" when none). */
void archivio_sessioni_anonime(Archivio *a, const char *indirizzo, long *dell_indirizzo, long *tutte,
                               char piu_vecchia[65]);
/* How many logged-in sessions there are; *piu_vecchia the chiave of the one idle longest. */
long archivio_sessioni_utenti(Archivio *a, char piu_vecchia[65]);

/* A key of failed logins (tentativi.h in src/web): its counts. */
typedef struct {
    int fallimenti;
    long long eventi[2]; /* failed, refused during a delay */
    int nomi;
    long long ultimo;
} RigaTentativi;
/* The row of chiave; false (and zeros) when there is none. */
bool archivio_tentativi_leggi(Archivio *a, const char *chiave, RigaTentativi *out);
/* Adds to the row of chiave (made when missing) the given increments, sets ultimo; in one statement, so that
 * two processes never lose one another's counts. */
void archivio_tentativi_aggiungi(Archivio *a, const char *chiave, int fallimenti, int falliti, int respinti,
                                 int nomi, long long ultimo);
void archivio_tentativi_togli(Archivio *a, const char *chiave);
/* Forgets the keys last tried before prima, and the oldest beyond massimo keys. */
void archivio_tentativi_scaduti(Archivio *a, long long prima, long massimo);

#endif
