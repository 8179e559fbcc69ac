/* cmd_web.c — `schede web ARCHIVIO` and `schede archivio utente`: the web
 * interface and its users (docs/web.md). */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "archivio_input.h"
#include "commands.h"
#include "inputs.h"
#include "options.h"
#include "text.h"
#include "flusso.h"
#include "utenti.h"
#include "web.h"


/* One line of standard input, without echo when it is a terminal; NULL at end of input. */
static char *read_password(void)
{
    struct termios old, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fputs("password: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *line = sodium_malloc(UTENTE_PASSWORD_MAX + 2);
    bool ok = line && fgets(line, UTENTE_PASSWORD_MAX + 2, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputs("\n", stderr);
    }
    if (!ok) {
        if (line)
            sodium_free(line);
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    return line;
}

/* --disattiva NOME, --riattiva NOME: the user no longer logs in (her sessions end), or again. */
static int user_enable(const Command *cmd, const Parsed *p)
{
    bool enable = p->set[OPT_RIATTIVA];
    if (p->set[OPT_DISATTIVA] && p->set[OPT_RIATTIVA])
        return usage_error(cmd, "--disattiva o --riattiva, non entrambe");
    if (p->set[OPT_AGGIUNGI] || p->set[OPT_RUOLO] || p->set[OPT_PERSONA])
        return usage_error(cmd, "%s non si usa con --aggiungi, --ruolo o --persona", enable ? "--riattiva" : "--disattiva");
    const char *nome = p->value[enable ? OPT_RIATTIVA : OPT_DISATTIVA];
    ArchivioEsito e;
    char *error = NULL;
    Archivio *a = archivio_apri(p->args[0], true, &e, &error);
    Autore chi = {cli_author(p), p->value[OPT_MOTIVO]};
    if (a && (e = archivio_inizia(a, &error)) == ARCHIVIO_OK) {
        e = archivio_utente_attivo(a, nome, enable, &chi, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(a, &error);
        else
            archivio_annulla(a);
    }
    if (e == ARCHIVIO_OK)
        printf("%s: utente %s %s\n", p->args[0], nome,
               enable ? "riattivato" : "disattivato (le sue sessioni aperte finiscono alla prossima richiesta)");
    else
        diag_report(stderr, p->args[0], "%s", error);
    free(error);
    archivio_chiudi(a);
    return archivio_exit_code(e);
}

int cmd_archivio_utente(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio utente", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    if (p.set[OPT_DISATTIVA] || p.set[OPT_RIATTIVA])
        return user_enable(cmd, &p);
    if (p.set[OPT_MOTIVO])
        return usage_error(cmd, "--motivo si usa con --disattiva o --riattiva");
    Ruolo ruolo;
    if (!p.value[OPT_AGGIUNGI] || !*p.value[OPT_AGGIUNGI])
        return usage_error(cmd, "manca --aggiungi NOME: il nome con cui l'utente accede");
    if (!p.value[OPT_RUOLO] || !ruolo_da_nome(p.value[OPT_RUOLO], &ruolo))
        return usage_error(cmd, "manca --ruolo: amministratore, dirigente, personale, oiv o dipendente");
    if ((ruolo == RUOLO_DIRIGENTE || ruolo == RUOLO_DIPENDENTE) && !(p.value[OPT_PERSONA] && *p.value[OPT_PERSONA]))
        return usage_error(cmd, "un %s è una persona del piano: manca --persona \"Nome Cognome\"", ruolo_nome(ruolo));
    if (sodium_init() < 0)
        return usage_error(cmd, "libsodium non si inizializza");
    char *password = read_password();
    if (!password || strlen(password) < UTENTE_PASSWORD_MIN || strlen(password) > UTENTE_PASSWORD_MAX) {
        diag_report(stderr, NULL, "la password si scrive sullo standard input, in una riga di almeno %d caratteri",
                    UTENTE_PASSWORD_MIN);
        if (password)
            sodium_free(password);
        return EXIT_USAGE;
    }
    char hash[crypto_pwhash_STRBYTES];
    int h = crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE);
    sodium_free(password);
    if (h != 0) {
        diag_report(stderr, NULL, "memoria insufficiente per calcolare la password");
        return 3;
    }
    ArchivioEsito e;
    char *error = NULL;
    Archivio *a = archivio_apri(p.args[0], true, &e, &error);
    Autore chi = {cli_author(&p), NULL};
    bool esiste = false;
    char *persona = NULL, *frase = NULL;
    if (a && p.value[OPT_PERSONA] && *p.value[OPT_PERSONA]) {
        /* who the user is in the plan: its own spelling, or nobody (the closest names said) */
        EsitoPersona ep = archivio_persona_utente(a, p.value[OPT_PERSONA], &persona, &frase);
        if (ep == PERSONA_IGNOTA) {
            e = ARCHIVIO_DATI;
            error = frase;
            frase = NULL;
        } else if (ep == PERSONA_SENZA_PIANO) {
            diag_report(stderr, NULL, "avviso: %s", frase);
            persona = xstrdup(p.value[OPT_PERSONA]);
        }
        free(frase);
    }
    if (a && e == ARCHIVIO_OK && (e = archivio_inizia(a, &error)) == ARCHIVIO_OK) {
        e = archivio_utente_salva(a, p.value[OPT_AGGIUNGI], ruolo, persona, hash, &chi, &esiste, &error);
        if (e == ARCHIVIO_OK)
            e = archivio_conferma(a, &error);
        else
            archivio_annulla(a);
    }
    sodium_memzero(hash, sizeof hash);
    if (e == ARCHIVIO_OK && persona)
        printf("%s: utente %s %s (%s, %s)\n", p.args[0], p.value[OPT_AGGIUNGI], esiste ? "aggiornato" : "aggiunto",
               ruolo_nome(ruolo), persona);
    else if (e == ARCHIVIO_OK)
        printf("%s: utente %s %s (%s)\n", p.args[0], p.value[OPT_AGGIUNGI], esiste ? "aggiornato" : "aggiunto", ruolo_nome(ruolo));
    else
        diag_report(stderr, p.args[0], "%s", error);
    free(persona);
    free(error);
    archivio_chiudi(a);
    return archivio_exit_code(e);
}

int cmd_web(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("web", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    if (p.set[OPT_PERMESSI] || p.set[OPT_FLUSSI]) {
        if (p.n_args || p.set[OPT_INDIRIZZO] || p.set[OPT_PORTA] || p.set[OPT_ANNO] || p.set[OPT_LOG] || p.set[OPT_HTTPS] ||
            p.set[OPT_PROXY_FIDATO] || p.set[OPT_CONNESSIONI_PER_INDIRIZZO] ||
            (p.set[OPT_PERMESSI] && p.set[OPT_FLUSSI]))
            return usage_error(cmd, "%s stampa una tabella, e basta: senza ARCHIVIO né altre opzioni",
                               p.set[OPT_FLUSSI] ? "--flussi" : "--permessi");
        if (p.set[OPT_FLUSSI])
            flusso_tabella(stdout);
        else
            web_permessi(stdout);
        return 0;
    }
    if (p.n_args == 0)
        return usage_error(cmd, "manca l'archivio: schede web ARCHIVIO");
    WebConfig c = {.archivio = p.args[0], .indirizzo = "127.0.0.1", .porta = 8080};
    if (p.value[OPT_INDIRIZZO])
        c.indirizzo = p.value[OPT_INDIRIZZO];
    if (p.value[OPT_PORTA]) {
        char *end;
        errno = 0;
        long port = strtol(p.value[OPT_PORTA], &end, 10);
        if (errno || *end || end == p.value[OPT_PORTA] || port < 0 || port > 65535)
            return option_value_error(cmd, OPT_PORTA, p.value[OPT_PORTA]);
        c.porta = (int)port;
    }
    if (p.set[OPT_ANNO])
        c.anno = p.year[OPT_ANNO];
    c.log = p.value[OPT_LOG];
    c.https = p.set[OPT_HTTPS];
    c.proxy_fidati = p.values[OPT_PROXY_FIDATO];
    c.n_proxy_fidati = p.n_values[OPT_PROXY_FIDATO];
    if (p.value[OPT_CONNESSIONI_PER_INDIRIZZO]) {
        char *end;
        errno = 0;
        long n = strtol(p.value[OPT_CONNESSIONI_PER_INDIRIZZO], &end, 10);
        if (errno || *end || end == p.value[OPT_CONNESSIONI_PER_INDIRIZZO] || n < 1 || n > 1000)
            return option_value_error(cmd, OPT_CONNESSIONI_PER_INDIRIZZO, p.value[OPT_CONNESSIONI_PER_INDIRIZZO]);
        c.connessioni_per_indirizzo = (int)n;
    }
    return web_serve(&c);
}
