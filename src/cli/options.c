#include "options.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "catalogo.h"
#include "commands.h"
#include "csv_values.h"

const OptionDef OPTION_DEFS[OPT_COUNT] = {
    [OPT_OUT] = {"--out", VALUE_TEXT, "CARTELLA", "una cartella", "documenti"},
    [OPT_LAYOUT] = {"--layout", VALUE_TEXT, "CARTELLA", "una cartella di impaginazione", "mio-layout"},
    [OPT_PROFILO] = {"--profilo", VALUE_TEXT, "NOME", "il nome di un profilo", "generico"},
    [OPT_SOLO] = {"--solo", VALUE_DOCUMENT, "DOCUMENTO", "un documento", "schede"},
    [OPT_UNA_PER_PERSONA] = {"--una-per-persona", VALUE_NONE, NULL, NULL, NULL},
    [OPT_DATI_APERTI] = {"--dati-aperti", VALUE_NONE, NULL, NULL, NULL},
    [OPT_PDFA] = {"--pdfa", VALUE_NONE, NULL, NULL, NULL},
    [OPT_SENZA_PDFA] = {"--senza-pdfa", VALUE_NONE, NULL, NULL, NULL},
    [OPT_RAGGIUNTO] = {"--raggiunto", VALUE_TEXT, "FILE", "un file di rilevazioni", "raggiunto-2025.csv"},
    [OPT_ANNO] = {"--anno", VALUE_YEAR, "N", "un anno", "2025"},
    [OPT_CODIFICA] = {"--codifica", VALUE_CHOICE, "C", "una codifica", "windows-1252"},
    [OPT_SISTEMA] = {"--sistema", VALUE_TEXT, "FILE", "il file del sistema di valutazione", "sistema.json"},
    [OPT_VALUTAZIONI] = {"--valutazioni", VALUE_TEXT, "FILE", "un file di valutazioni", "valutazioni-2025.csv"},
    [OPT_AL] = {"--al", VALUE_DATE, "DATA", "una data (gg/mm/aaaa o aaaa-mm-gg)", "30/06/2025"},
    [OPT_DETTAGLI] = {"--dettagli", VALUE_NONE, NULL, NULL, NULL},
    [OPT_FORMATO] = {"--formato", VALUE_CHOICE, "FORMATO", "un formato", "csv"},
    [OPT_PER_DIRIGENTE] = {"--per-dirigente", VALUE_TEXT, "CARTELLA", "una cartella", "modelli"},
    [OPT_ARCHIVIO] = {"--archivio", VALUE_TEXT, "ARCHIVIO", "un archivio", "ciclo.db"},
    [OPT_VERSIONE] = {"--versione", VALUE_TEXT, "N", "il numero di una versione del piano", "2"},
    [OPT_ENTE] = {"--ente", VALUE_TEXT, "NOME", "il nome dell'ente", "\"Comune di Sarzana\""},
    [OPT_AUTORE] = {"--autore", VALUE_TEXT, "NOME", "chi fa la modifica", "\"Mario Rossi\""},
    [OPT_VERSIONI] = {"--versioni", VALUE_NONE, NULL, NULL, NULL},
    [OPT_MOTIVO] = {"--motivo", VALUE_TEXT, "TESTO", "il motivo della modifica", "\"Delibera di Giunta n. 12\""},
    [OPT_INDIRIZZO] = {"--indirizzo", VALUE_TEXT, "IP", "un indirizzo IP", "127.0.0.1"},
    [OPT_PORTA] = {"--porta", VALUE_TEXT, "N", "un numero di porta da 0 a 65535", "8080"},
    [OPT_LOG] = {"--log", VALUE_TEXT, "FILE", "un file (o - per lo standard output)", "accessi.log"},
    [OPT_HTTPS] = {"--https", VALUE_NONE, NULL, NULL, NULL},
    [OPT_AGGIUNGI] = {"--aggiungi", VALUE_TEXT, "NOME", "il nome di un utente", "mrossi"},
    [OPT_RUOLO] = {"--ruolo", VALUE_CHOICE, "RUOLO", "un ruolo", "dirigente"},
    [OPT_PERSONA] = {"--persona", VALUE_TEXT, "NOME", "una persona come la scrive il piano", "\"Mario Rossi\""},
    [OPT_PERMESSI] = {"--permessi", VALUE_NONE, NULL, NULL, NULL},
    [OPT_FLUSSI] = {"--flussi", VALUE_NONE, NULL, NULL, NULL},
    [OPT_RIMUOVI] = {"--rimuovi", VALUE_TEXT, "NOMI", "i nomi delle persone, separati da ;", "\"Mario Rossi; Anna Neri\""},
    [OPT_PROVA] = {"--prova", VALUE_NONE, NULL, NULL, NULL},
    [OPT_PROXY_FIDATO] = {"--proxy-fidato", VALUE_TEXT, "IP", "l'indirizzo IP del proxy", "127.0.0.1", true},
    [OPT_CONNESSIONI_PER_INDIRIZZO] = {"--connessioni-per-indirizzo", VALUE_TEXT, "N", "un numero da 1 a 1000", "32"},
    [OPT_DISATTIVA] = {"--disattiva", VALUE_TEXT, "NOME", "il nome di un utente", "mrossi"},
    [OPT_RIATTIVA] = {"--riattiva", VALUE_TEXT, "NOME", "il nome di un utente", "mrossi"},
    [OPT_GIUNTA] = {"--giunta", VALUE_DATE, "DATA", "la data della delibera (gg/mm/aaaa)", "15/01/2025"},
};

static const char *const CODIFICHE[] = {"utf-8", "windows-1252", "utf8", "cp1252", NULL};
static const char *const JSON_CSV[] = {"json", "csv", NULL};
static const char *const CSV_XLSX[] = {"csv", "xlsx", NULL};
static const char *const JSON_PDF[] = {"json", "pdf", NULL};
static const char *const TESTO_CSV_JSON[] = {"testo", "csv", "json", NULL};
static const char *const RUOLI[] = {"amministratore", "dirigente", "personale", "oiv", "dipendente", NULL};

#define RESULTS_OPTIONS                                                                                               \
    {OPT_RAGGIUNTO, "le rilevazioni: JSON (schede-raggiunto/1), CSV o foglio di calcolo", NULL},                    \
        {OPT_ANNO, "l'annualità (predefinito: l'anno del file JSON, o il primo del piano)", NULL},                   \
        {OPT_CODIFICA, "codifica del CSV (predefinito: riconosciuta)", CODIFICHE}
#define EVALUATION_OPTIONS                                                                                            \
    {OPT_SISTEMA, "il sistema di valutazione dell'ente (schede-sistema/1)", NULL},                                  \
        {OPT_VALUTAZIONI, "le valutazioni individuali dell'anno: JSON (schede-valutazioni/1), CSV o foglio di calcolo", \
         NULL}
#define LAYOUT_OPTIONS                                                                                                \
    {OPT_LAYOUT, "i file di impaginazione da usare al posto di quelli installati", NULL},                           \
        {OPT_PROFILO, "il modulo di un comune: la cartella layouts/NOME (predefinito: sarzana)", NULL}
#define ARCHIVIO_OPTIONS                                                                                              \
    {OPT_ARCHIVIO, "il piano, le rilevazioni e le valutazioni dall'archivio, al posto dei file", NULL},             \
        {OPT_VERSIONE, "(con --archivio) la versione del piano (predefinita: l'approvata; finché nessuna lo è, l'ultima)", \
         NULL}
#define N_OF(a) (sizeof(a) / sizeof *(a))

static const CommandOption VERIFICA_OPTIONS[] = {
    RESULTS_OPTIONS,
    EVALUATION_OPTIONS,
    {OPT_DETTAGLI, "anche la regola di ogni azione, in parole", NULL},
    ARCHIVIO_OPTIONS,
};
static const Command VERIFICA = {
    "verifica", "[PIANO]", 0, 1, "controlla il piano ed elenca errori e avvisi",
    "Controlla il piano (JSON o foglio di calcolo .xlsx/.ods) ed elenca ogni errore e avviso, uno per riga, con il\n"
    "file, la riga o il percorso JSON o la cella, e il codice dell'obiettivo; con le rilevazioni, il sistema e le\n"
    "valutazioni controlla anche quelli.\n",
    VERIFICA_OPTIONS, N_OF(VERIFICA_OPTIONS)};

static const CommandOption STAMPA_OPTIONS[] = {
    {OPT_OUT, "dove scrivere i documenti (predefinita: out; si crea se manca)", NULL},
    LAYOUT_OPTIONS,
    {OPT_SOLO, "solo il documento indicato", NULL},
    {OPT_UNA_PER_PERSONA, "anche un PDF per persona in CARTELLA/persone/", NULL},
    {OPT_DATI_APERTI, "anche relazione.csv (o monitoraggio.csv) in formato aperto", NULL},
    {OPT_PDFA, "ogni documento in PDF/A-1b (predefinito: la Relazione e il monitoraggio)", NULL},
    {OPT_SENZA_PDFA, "nessun documento in PDF/A", NULL},
    RESULTS_OPTIONS,
    EVALUATION_OPTIONS,
    {OPT_AL, "il monitoraggio a una data: le schede e monitoraggio.pdf con lo stato di ogni azione e indicatore",
     NULL},
    ARCHIVIO_OPTIONS,
};
static const Command STAMPA = {
    "stampa", "[PIANO]", 0, 1, "scrive i documenti in PDF",
    "Scrive in CARTELLA i documenti in PDF: schede.pdf e persone.pdf; con --raggiunto anche la Relazione sulla\n"
    "Performance relazione.pdf; con --sistema e --valutazioni anche premi.pdf e premi.csv (riservati); con --al\n"
    "le schede e il monitoraggio monitoraggio.pdf. I documenti si scrivono tutti insieme o nessuno.\n",
    STAMPA_OPTIONS, N_OF(STAMPA_OPTIONS)};

static const CommandOption ESITI_OPTIONS[] = {
    {OPT_FORMATO, "json o csv (predefinito: json)", JSON_CSV},
    RESULTS_OPTIONS,
    EVALUATION_OPTIONS,
    {OPT_AL, "lo stato di ogni azione e indicatore a una data (il monitoraggio), al posto dei risultati", NULL},
    LAYOUT_OPTIONS,
    ARCHIVIO_OPTIONS,
};
static const Command ESITI = {
    "esiti", "[PIANO]", 0, 1, "i risultati dell'anno come dati (JSON o CSV)",
    "Scrive sullo standard output i risultati dell'anno (con --raggiunto) o lo stato a una data (con --al): la\n"
    "percentuale di ogni azione, indicatore e obiettivo e, con le valutazioni, il punteggio di ogni persona.\n"
    "--layout o --profilo (con --al) danno il margine «a rischio» del monitoraggio.\n",
    ESITI_OPTIONS, N_OF(ESITI_OPTIONS)};

static const CommandOption MODELLO_RAGGIUNTO_OPTIONS[] = {
    {OPT_FORMATO, "csv o xlsx (xlsx: colonne di contesto bloccate, valori controllati; predefinito: csv)", CSV_XLSX},
    {OPT_OUT, "in un file invece che sullo standard output", NULL},
    {OPT_PER_DIRIGENTE, "(xlsx) un foglio di calcolo per dirigente nella cartella (si crea se manca)", NULL},
    {OPT_ANNO, "l'annualità (predefinito: il primo anno del piano)", NULL},
    {OPT_AL, "il modello del monitoraggio a quella data (con le colonne dell'avanzamento)", NULL},
    ARCHIVIO_OPTIONS,
};
static const Command MODELLO_RAGGIUNTO = {
    "modello-raggiunto", "[PIANO]", 0, 1, "il modello delle rilevazioni da compilare (CSV o xlsx)",
    "Scrive il modello delle rilevazioni da compilare: una riga per azione (e per indicatore con un target)\n"
    "dell'anno, con le colonne che i comandi rileggono.\n",
    MODELLO_RAGGIUNTO_OPTIONS, N_OF(MODELLO_RAGGIUNTO_OPTIONS)};

static const CommandOption MODELLO_VALUTAZIONI_OPTIONS[] = {
    {OPT_SISTEMA, "il sistema di valutazione dell'ente (obbligatorio)", NULL},
    {OPT_OUT, "il foglio di calcolo .xlsx da scrivere (predefinito: lo standard output)", NULL},
    {OPT_ANNO, "l'anno delle valutazioni (predefinito: il primo anno del piano)", NULL},
    ARCHIVIO_OPTIONS,
};
static const Command MODELLO_VALUTAZIONI = {
    "modello-valutazioni", "[PIANO]", 0, 1, "il foglio delle valutazioni da compilare (xlsx)",
    "Scrive il foglio di calcolo delle valutazioni individuali da compilare, con i comportamenti di ogni\n"
    "categoria del sistema di valutazione.\n",
    MODELLO_VALUTAZIONI_OPTIONS, N_OF(MODELLO_VALUTAZIONI_OPTIONS)};

static const CommandOption ESPORTA_OPTIONS[] = {
    ARCHIVIO_OPTIONS,
};
static const Command ESPORTA = {
    "esporta", "[PIANO] OUT.xlsx", 1, 2, "il piano come foglio di calcolo (si rilegge con ogni comando)",
    "Scrive il piano (JSON o foglio di calcolo, o una versione dell'archivio con --archivio) come foglio di\n"
    "calcolo .xlsx, con i fogli che ogni comando rilegge al posto del JSON.\n",
    ESPORTA_OPTIONS, N_OF(ESPORTA_OPTIONS)};

static const CommandOption CONFRONTA_OPTIONS[] = {
    {OPT_FORMATO, "json o pdf (predefinito: pdf con --out, altrimenti json)", JSON_PDF},
    {OPT_OUT, "scrive CARTELLA/variazioni.pdf (o variazioni.json con --formato json); si crea se manca", NULL},
    {OPT_ARCHIVIO, "le due versioni dall'archivio: con --versioni, VECCHIO e NUOVO sono i loro numeri", NULL},
    {OPT_VERSIONI, "(con --archivio) VECCHIO e NUOVO sono numeri di versione: confronta --archivio A.db --versioni 1 2",
     NULL},
};
static const Command CONFRONTA = {
    "confronta", "VECCHIO NUOVO", 2, 2, "le variazioni tra due versioni del piano",
    "Confronta due versioni del piano (JSON o fogli di calcolo): senza --out stampa le differenze in JSON sullo\n"
    "standard output; con --out scrive il documento delle variazioni per la delibera di Giunta.\n",
    CONFRONTA_OPTIONS, N_OF(CONFRONTA_OPTIONS)};

static const CommandOption ARCHIVIO_CREA_OPTIONS[] = {
    {OPT_ENTE, "il nome dell'ente (obbligatorio)", NULL},
    {OPT_PROFILO, "il modulo dei documenti dell'ente: la cartella layouts/NOME (predefinito: sarzana)", NULL},
    {OPT_AUTORE, "chi crea l'archivio (predefinito: l'utente del sistema)", NULL},
};
static const Command ARCHIVIO_CREA = {
    "archivio crea", "ARCHIVIO", 1, 1, "crea un archivio nuovo (un file SQLite)",
    "Crea l'archivio del ciclo della performance di un ente: un file che tiene le versioni del piano, le\n"
    "rilevazioni, il sistema di valutazione e le valutazioni, con il registro di ogni modifica.\n",
    ARCHIVIO_CREA_OPTIONS, N_OF(ARCHIVIO_CREA_OPTIONS)};

static const CommandOption ARCHIVIO_IMPORTA_OPTIONS[] = {
    {OPT_AUTORE, "chi fa la modifica (predefinito: l'utente del sistema)", NULL},
    {OPT_MOTIVO, "perché (per esempio la delibera), nel registro", NULL},
    {OPT_ANNO, "l'anno delle rilevazioni e delle valutazioni (predefinito: quello del file, o il primo del piano)", NULL},
    {OPT_AL, "le rilevazioni sono di un monitoraggio a quella data", NULL},
    {OPT_CODIFICA, "codifica dei CSV (predefinito: riconosciuta)", CODIFICHE},
    {OPT_RIMUOVI, "le persone (separate da ;) la cui valutazione dell'anno va tolta: l'archivio le ha, il file no", NULL},
    {OPT_PROVA, "mostra che cosa cambierebbe, senza scrivere nulla", NULL},
};
static const Command ARCHIVIO_IMPORTA = {
    "archivio importa", "ARCHIVIO FILE…", 2, 64, "porta nell'archivio piani, rilevazioni, sistema, valutazioni",
    "Porta nell'archivio i file, riconosciuti dal contenuto: un piano (una nuova versione se è cambiato), le\n"
    "rilevazioni (aggiunte o sostituite per azione e data), il sistema di valutazione, le valutazioni. Tutti o\n"
    "nessuno: un file con errori non cambia nulla, e i suoi errori si leggono come in schede verifica.\n"
    "Le valutazioni si uniscono persona per persona: il file cambia solo le persone che nomina, e le altre\n"
    "restano come sono (--rimuovi toglie quelle nominate). Una valutazione comunicata, vista o validata non\n"
    "cambia: il caricamento che la cambierebbe è rifiutato tutto, con il nome di ogni persona.\n",
    ARCHIVIO_IMPORTA_OPTIONS, N_OF(ARCHIVIO_IMPORTA_OPTIONS)};

static const CommandOption ARCHIVIO_ESPORTA_OPTIONS[] = {
    {OPT_OUT, "la cartella in cui scrivere i file (obbligatoria; si crea se manca)", NULL},
    {OPT_VERSIONE, "la versione del piano (predefinita: l'approvata; finché nessuna lo è, l'ultima)", NULL},
};
static const Command ARCHIVIO_ESPORTA = {
    "archivio esporta", "ARCHIVIO", 1, 1, "riscrive i file dell'archivio in una cartella",
    "Scrive in CARTELLA il piano, le rilevazioni di ogni raccolta, il sistema e le valutazioni, come file che\n"
    "gli altri comandi leggono e che danno gli stessi documenti.\n",
    ARCHIVIO_ESPORTA_OPTIONS, N_OF(ARCHIVIO_ESPORTA_OPTIONS)};

static const CommandOption ARCHIVIO_STORIA_OPTIONS[] = {
    {OPT_FORMATO, "testo, csv o json (predefinito: testo)", TESTO_CSV_JSON},
};
static const Command ARCHIVIO_STORIA = {
    "archivio storia", "ARCHIVIO [CODICE]", 1, 2, "il registro delle modifiche, dalla più recente",
    "Elenca il registro delle modifiche, dalla più recente: quando, chi, che cosa (e di quale obiettivo), il\n"
    "valore prima e dopo, il motivo. Con CODICE, solo le modifiche di quell'obiettivo.\n",
    ARCHIVIO_STORIA_OPTIONS, N_OF(ARCHIVIO_STORIA_OPTIONS)};

static const Command ARCHIVIO_COPIA = {
    "archivio copia", "ARCHIVIO COPIA", 2, 2, "una copia dell'archivio, anche mentre altri scrivono",
    "Scrive in COPIA (un file nuovo) una copia coerente dell'archivio, anche mentre altri lo stanno usando.\n", NULL,
    0};

static const Command ARCHIVIO_CONTROLLA = {
    "archivio controlla", "ARCHIVIO", 1, 1, "controlla l'integrità dell'archivio e del registro",
    "Controlla l'archivio: l'integrità del file, i riferimenti tra le tabelle, la catena del registro (nessuna riga\n"
    "modificata o tolta) e che ogni versione e rilevazione abbia la sua riga nel registro.\n",
    NULL, 0};

static const CommandOption ARCHIVIO_UTENTE_OPTIONS[] = {
    {OPT_AGGIUNGI, "il nome con cui l'utente accede (obbligatorio); se c'è già, cambiano ruolo, persona e password", NULL},
    {OPT_RUOLO, "amministratore, dirigente, personale, oiv o dipendente (obbligatorio)", RUOLI},
    {OPT_PERSONA, "chi è l'utente nel piano: il dirigente come lo scrive l'obiettivo, o la persona dell'elenco", NULL},
    {OPT_DISATTIVA, "disattiva l'utente: non accede più, e le sue sessioni aperte finiscono subito", NULL},
    {OPT_RIATTIVA, "riattiva un utente disattivato", NULL},
    {OPT_AUTORE, "chi fa la modifica (predefinito: l'utente del sistema)", NULL},
    {OPT_MOTIVO, "perché (con --disattiva e --riattiva, nel registro)", NULL},
};
static const Command ARCHIVIO_UTENTE = {
    "archivio utente", "ARCHIVIO", 1, 1, "aggiunge o cambia un utente dell'interfaccia web",
    "Aggiunge un utente di schede web, o ne cambia ruolo, persona e password. La password si legge dallo standard\n"
    "input (una riga, almeno 10 caratteri), mai dalla riga di comando: printf '%s\\n' \"$PASSWORD\" | schede archivio\n"
    "utente ciclo.db --aggiungi mrossi --ruolo dirigente --persona \"Mario Rossi\". Con --disattiva NOME l'utente non\n"
    "accede più (le sue sessioni finiscono subito, anche in un server già avviato); --riattiva NOME lo riammette.\n"
    "Ogni cambio di ruolo, persona o password chiude anch'esso le sessioni aperte dell'utente.\n",
    ARCHIVIO_UTENTE_OPTIONS, N_OF(ARCHIVIO_UTENTE_OPTIONS)};

static const CommandOption ARCHIVIO_PROFILO_OPTIONS[] = {
    {OPT_AUTORE, "chi fa la modifica (predefinito: l'utente del sistema)", NULL},
};
static const Command ARCHIVIO_PROFILO = {
    "archivio profilo", "ARCHIVIO [NOME]", 1, 2, "il modulo dei documenti dell'ente: lo dice, o lo cambia",
    "Senza NOME dice il profilo dell'ente, cioè il modulo (la cartella layouts/NOME) di ogni documento fatto\n"
    "dall'archivio, con schede stampa --archivio e con schede web; con NOME lo cambia, e il cambiamento va nel\n"
    "registro.\n",
    ARCHIVIO_PROFILO_OPTIONS, N_OF(ARCHIVIO_PROFILO_OPTIONS)};

static const CommandOption ARCHIVIO_APPROVA_OPTIONS[] = {
    {OPT_VERSIONE, "la versione del piano approvata (obbligatoria)", NULL},
    {OPT_GIUNTA, "la data della delibera di Giunta che la approva (obbligatoria)", NULL},
    {OPT_AUTORE, "chi registra l'approvazione (predefinito: l'utente del sistema)", NULL},
};
static const Command ARCHIVIO_APPROVA = {
    "archivio approva", "ARCHIVIO", 1, 1, "registra l'approvazione di una versione del piano da parte della Giunta",
    "Registra che la Giunta ha approvato una versione del piano, con la data della delibera: da allora i documenti\n"
    "fatti dall'archivio (schede stampa --archivio, schede web) sono quelli di questa versione, senza l'avviso di\n"
    "bozza. Come nell'interfaccia web, la versione passa da proposta ad approvata; nel registro.\n",
    ARCHIVIO_APPROVA_OPTIONS, N_OF(ARCHIVIO_APPROVA_OPTIONS)};

static const CommandOption ARCHIVIO_STATO_OPTIONS[] = {
    {OPT_MOTIVO, "il motivo, il commento o la data che il passo richiede", NULL},
    {OPT_AUTORE, "chi fa il passo (predefinito: l'utente del sistema)", NULL},
};
static const Command ARCHIVIO_STATO = {
    "archivio stato", "ARCHIVIO [OGGETTO CHIAVE PASSO]", 1, 4, "gli stati dei flussi: li elenca, o fa un passo",
    "Senza altro elenca gli stati dei flussi del ciclo (versioni del piano, rilevazioni, raccolte, Relazione,\n"
    "valutazioni) con chi e quando. Con OGGETTO CHIAVE PASSO fa quel passo con le regole dell'interfaccia web (la\n"
    "tabella di schede web --flussi), per gli uffici che non la usano: per esempio «versione 2 approva --motivo\n"
    "15/01/2025», «raccolta 2025 chiudi», «valutazione \"2025 Mario Rossi\" presa-visione-cartacea --motivo\n"
    "12/03/2026». Il passo e il suo motivo vanno nel registro; la presa visione della persona stessa si dà solo dal\n"
    "web.\n",
    ARCHIVIO_STATO_OPTIONS, N_OF(ARCHIVIO_STATO_OPTIONS)};

static const CommandOption WEB_OPTIONS[] = {
    {OPT_INDIRIZZO, "l'indirizzo su cui ascoltare (predefinito: 127.0.0.1; 0.0.0.0 per tutti)", NULL},
    {OPT_PORTA, "la porta (predefinita: 8080; 0 per una porta libera, stampata all'avvio)", NULL},
    {OPT_ANNO, "l'anno delle rilevazioni (predefinito: l'anno in corso se il piano lo comprende, altrimenti il primo)", NULL},
    {OPT_LOG, "il registro degli accessi: una riga per richiesta, senza password né token", NULL},
    {OPT_HTTPS, "dietro un proxy HTTPS: i cookie di sessione diventano Secure", NULL},
    {OPT_PROXY_FIDATO, "il proxy davanti al server (anche più volte): l'indirizzo del client è quello che il proxy scrive "
                       "in X-Forwarded-For, per le sue connessioni soltanto", NULL},
    {OPT_CONNESSIONI_PER_INDIRIZZO, "le connessioni aperte insieme da un indirizzo (predefinito: 128; il proxy fidato non "
                                    "ha limite)", NULL},
    {OPT_PERMESSI, "stampa chi può fare che cosa (ogni indirizzo, i ruoli ammessi, la condizione), senza servire", NULL},
    {OPT_FLUSSI, "stampa la tabella dei flussi (ogni passo: da quale stato, a quale, chi, motivo, condizione)", NULL},
};
static const Command WEB = {
    "web", "ARCHIVIO", 0, 1, "l'interfaccia web del ciclo, per ogni ruolo",
    "Serve l'archivio come sito: dirigenti, ufficio personale, OIV, dipendenti e Segreteria accedono con il\n"
    "proprio utente (schede archivio utente). Si ferma con Ctrl+C o SIGTERM, completando le richieste in corso.\n",
    WEB_OPTIONS, N_OF(WEB_OPTIONS)};

const Command *const COMMANDS[] = {&VERIFICA,       &STAMPA,           &ESITI,           &MODELLO_RAGGIUNTO,
                                   &MODELLO_VALUTAZIONI, &ESPORTA,     &CONFRONTA,       &ARCHIVIO_CREA,
                                   &ARCHIVIO_IMPORTA, &ARCHIVIO_ESPORTA, &ARCHIVIO_STORIA, &ARCHIVIO_COPIA,
                                   &ARCHIVIO_CONTROLLA, &ARCHIVIO_UTENTE, &ARCHIVIO_PROFILO, &ARCHIVIO_APPROVA,
                                   &ARCHIVIO_STATO, &WEB, NULL};

static const char EXIT_CODES[] =
    "Codici di uscita: 0 tutto bene, 1 errori nei dati, 2 uso errato o file illeggibile, 3 memoria insufficiente.\n";

const Command *command_find(const char *name)
{
    for (size_t i = 0; COMMANDS[i]; i++)
        if (strcmp(COMMANDS[i]->name, name) == 0)
            return COMMANDS[i];
    return NULL;
}

static bool is_help(const char *a)
{
    return strcmp(a, "--aiuto") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

static const CommandOption *accepted(const Command *cmd, OptionId id)
{
    for (size_t i = 0; i < cmd->n_options; i++)
        if (cmd->options[i].id == id)
            return &cmd->options[i];
    return NULL;
}

static char *choices_text(const char *const *choices)
{
    StrBuf b = {0};
    for (size_t k = 0; choices && choices[k]; k++) {
        if (k > 0)
            strbuf_puts(&b, choices[k + 1] ? ", " : " o ");
        strbuf_puts(&b, choices[k]);
    }
    return b.data ? b.data : xstrdup("");
}

void command_help(const Command *cmd, FILE *out)
{
    fprintf(out, "uso: schede %s %s%s\n\n%s", cmd->name, cmd->arguments, cmd->n_options ? " [OPZIONI]" : "",
            cmd->description);
    if (cmd->n_options)
        fputs("\nOpzioni:\n", out);
    for (size_t i = 0; i < cmd->n_options; i++) {
        const CommandOption *o = &cmd->options[i];
        const OptionDef *d = &OPTION_DEFS[o->id];
        char *left;
        if (d->kind == VALUE_DOCUMENT) {
            StrBuf b = {0};
            for (size_t k = 0; k < N_DOCUMENTI; k++) {
                strbuf_puts(&b, k ? "|" : "");
                strbuf_puts(&b, CATALOGO[k].nome);
            }
            left = xasprintf("%s %s", d->name, b.data);
            strbuf_free(&b);
        } else if (d->kind == VALUE_CHOICE) {
            StrBuf b = {0};
            for (size_t k = 0; o->choices[k]; k++) {
                if (strcmp(o->choices[k], "utf8") == 0 || strcmp(o->choices[k], "cp1252") == 0)
                    continue; /* spellings accepted, not advertised */
                strbuf_puts(&b, k ? "|" : "");
                strbuf_puts(&b, o->choices[k]);
            }
            left = xasprintf("%s %s", d->name, b.data);
            strbuf_free(&b);
        } else {
            left = d->metavar ? xasprintf("%s %s", d->name, d->metavar) : xstrdup(d->name);
        }
        if (strlen(left) > 28) /* a long list of choices: the help on the next line */
            fprintf(out, "  %s\n  %-28s %s\n", left, "", o->help);
        else
            fprintf(out, "  %-28s %s\n", left, o->help);
        free(left);
    }
    fprintf(out, "  %-28s %s\n\n%s", "--aiuto, -h, --help", "mostra questo aiuto", EXIT_CODES);
}

void commands_help(FILE *out)
{
    fputs("uso: schede COMANDO [OPZIONI]\n\nComandi:\n", out);
    for (size_t i = 0; COMMANDS[i]; i++) {
        char *left = xasprintf("%s %s", COMMANDS[i]->name, COMMANDS[i]->arguments);
        fprintf(out, "  %-34s %s\n", left, COMMANDS[i]->summary);
        free(left);
    }
    fputs("\nOgni PIANO, rilevazioni o valutazioni può essere JSON, CSV (rilevazioni e valutazioni) o un foglio di\n"
          "calcolo .xlsx o .ods. Le opzioni di ogni comando: schede COMANDO --aiuto.\n\n"
          "Opzioni generali:\n"
          "  --aiuto, -h, --help          mostra questo aiuto\n"
          "  --versione                   mostra la versione e la cartella dei dati\n\n",
          out);
    fputs(EXIT_CODES, out);
}

int usage_error(const Command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "schede %s: %s\n(schede %s --aiuto per l'uso)\n", cmd->name, msg, cmd->name);
    free(msg);
    return EXIT_USAGE;
}

int option_value_error(const Command *cmd, OptionId id, const char *given)
{
    const OptionDef *d = &OPTION_DEFS[id];
    const CommandOption *o = accepted(cmd, id);
    char *wants = d->kind == VALUE_CHOICE && o ? choices_text(o->choices)
                  : d->kind == VALUE_DOCUMENT   ? catalogo_nomi()
                                                : xstrdup(d->wants);
    const char *example = d->kind == VALUE_CHOICE && o ? o->choices[0] : d->example;
    int rc;
    if (given)
        rc = usage_error(cmd, "%s «%s» non va bene: %s vuole %s, per esempio %s %s", d->name, given, d->name, wants,
                         d->name, example);
    else
        rc = usage_error(cmd, "%s vuole %s, per esempio %s %s", d->name, wants, d->name, example);
    free(wants);
    return rc;
}

/* Checks and keeps the value of option id. */
static int take_value(const Command *cmd, const CommandOption *o, const char *v, Parsed *out)
{
    OptionId id = o->id;
    const OptionDef *d = &OPTION_DEFS[id];
    switch (d->kind) {
    case VALUE_YEAR: {
        char *end;
        long y = strtol(v, &end, 10);
        if (!*v || *end || y < 2000 || y > 2100)
            return option_value_error(cmd, id, v);
        out->year[id] = (int)y;
        break;
    }
    case VALUE_DATE:
        if (csv_parse_date(v, &out->date[id]) != DATE_OK)
            return option_value_error(cmd, id, v);
        break;
    case VALUE_CHOICE: {
        bool ok = false;
        for (size_t k = 0; o->choices[k] && !ok; k++)
            ok = strcmp(o->choices[k], v) == 0;
        if (!ok)
            return option_value_error(cmd, id, v);
        break;
    }
    case VALUE_DOCUMENT:
        if (!catalogo_trova(v))
            return option_value_error(cmd, id, v);
        break;
    case VALUE_TEXT:
        if (!*v)
            return option_value_error(cmd, id, NULL);
        break;
    case VALUE_NONE: break;
    }
    out->value[id] = v;
    return 0;
}

int command_parse(const Command *cmd, int argc, char **argv, Parsed *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < argc; i++)
        if (is_help(argv[i])) {
            command_help(cmd, stdout);
            return -1;
        }
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == '\0') {
            if (out->n_args == cmd->max_args)
                return usage_error(cmd, "troppi argomenti: «%s» (si aspetta %s)", a, cmd->arguments);
            out->args[out->n_args++] = a;
            continue;
        }
        int id = -1;
        for (int k = 0; k < OPT_COUNT && id < 0; k++)
            if (strcmp(OPTION_DEFS[k].name, a) == 0)
                id = k;
        if (id < 0)
            return usage_error(cmd, "opzione sconosciuta «%s»", a);
        const CommandOption *o = accepted(cmd, (OptionId)id);
        if (!o)
            return usage_error(cmd, "l'opzione %s non si usa con %s", a, cmd->name);
        if (out->set[id] && !OPTION_DEFS[id].ripetibile)
            return usage_error(cmd, "%s indicata due volte", a);
        if (OPTION_DEFS[id].ripetibile && out->n_values[id] == OPTION_REPEATS)
            return usage_error(cmd, "%s al massimo %d volte", a, OPTION_REPEATS);
        out->set[id] = true;
        if (OPTION_DEFS[id].kind == VALUE_NONE)
            continue;
        if (i + 1 >= argc)
            return option_value_error(cmd, (OptionId)id, NULL);
        int rc = take_value(cmd, o, argv[++i], out);
        if (rc)
            return rc;
        out->values[id][out->n_values[id]++] = out->value[id];
    }
    if (out->n_args < cmd->min_args)
        return usage_error(cmd, "%s: si aspetta %s", out->n_args ? "manca un argomento" : "mancano gli argomenti",
                           cmd->arguments);
    return 0;
}
