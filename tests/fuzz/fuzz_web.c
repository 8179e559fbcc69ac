/* The whole of a request's handling in `schede web` (web_gestisci:
 * session, CSRF, route, form and multipart parsing, the pages, the
 * archive's writes), on a server over a scratch archive with the fixture
 * plan, as each role. The input is
 *     ROLE METHOD PATH \n QUERY \n CONTENT-TYPE \n BODY
 * with ROLE and METHOD one byte each; "CSRF" in the body becomes the
 * session's token, so that POSTs get past the check. POST /accesso is left
 * out: it verifies an argon2id hash (64 MiB, a tenth of a second) — the
 * forms it reads are the same parser as every other POST's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archivio.h"
#include "fileio.h"
#include "fuzz_common.h"
#include "server.h"
#include "utenti.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Server server;
static char *tokens[N_RUOLI];
static char csrf[N_RUOLI][33];

static char dir[] = "/tmp/fuzz-web-XXXXXX";
static char *archive_path; /* the archive; the server's configuration points to it */

/* At exit: the server closed, its scratch archive removed. */
static void cleanup(void)
{
    server_chiudi(&server);
    for (int r = 0; r < N_RUOLI; r++)
        free(tokens[r]);
    fuzz_remove_archive_dir(dir);
    free(archive_path);
}

static time_t fixed_now(void)
{
    return 1700000000;
}

static void setup(void)
{
    if (!mkdtemp(dir))
        abort();
    archive_path = xasprintf("%s/a.db", dir);
    char *error = NULL;
    Autore chi = {"fuzz", NULL};
    ArchivioEsito e;
    if (archivio_crea(archive_path, "Ente", ARCHIVIO_PROFILO_PREDEFINITO, &chi, &error) != ARCHIVIO_OK)
        abort();
    Archivio *a = archivio_apri(archive_path, true, &e, &error);
    size_t len;
    const char *reason;
    char *bytes = file_read_all(FUZZ_PLAN, &len, &reason);
    int n;
    bool nuova;
    const char *persona[N_RUOLI] = {NULL, "D", NULL, NULL, "D"};
    if (!a || !bytes || archivio_inizia(a, &error) != ARCHIVIO_OK ||
        archivio_importa_piano(a, "piano.json", bytes, len, fuzz_plan(), &chi, &n, &nuova, &error) != ARCHIVIO_OK)
        abort();
    /* the users of the sessions: a session lives while its user is in the archive, enabled and unchanged */
    for (int r = 0; r < N_RUOLI; r++) {
        bool esiste;
        if (archivio_utente_salva(a, ruolo_nome((Ruolo)r), (Ruolo)r, persona[r], "-", &chi, &esiste, &error) !=
            ARCHIVIO_OK)
            abort();
    }
    if (archivio_conferma(a, &error) != ARCHIVIO_OK)
        abort();
    archivio_chiudi(a);
    free(bytes);
    WebConfig c = {.archivio = archive_path, .indirizzo = "127.0.0.1", .anno = 0};
    if (!server_apri(&server, &c, &error))
        abort();
    server.adesso = fixed_now;
    atexit(cleanup);
}

/* Every role logged in, as its user is now: an input that changed or disabled a user (POST /utenti…) does
 * not leave the inputs after it without a session. */
static void log_everyone_in(void)
{
    for (int r = 0; r < N_RUOLI; r++) {
        Utente u;
        char *error = NULL;
        if (archivio_utente(server.a, ruolo_nome((Ruolo)r), &u, &error) != ARCHIVIO_OK)
            abort();
        free(error);
        if (!u.attivo || u.ruolo != (Ruolo)r) {
            Autore chi = {"fuzz", NULL};
            bool esiste;
            const char *persona = r == RUOLO_DIRIGENTE || r == RUOLO_DIPENDENTE ? "D" : NULL;
            if (archivio_inizia(server.a, &error) != ARCHIVIO_OK ||
                archivio_utente_salva(server.a, u.nome, (Ruolo)r, persona, NULL, &chi, &esiste, &error) != ARCHIVIO_OK ||
                archivio_utente_attivo(server.a, u.nome, true, &chi, &error) != ARCHIVIO_OK ||
                archivio_conferma(server.a, &error) != ARCHIVIO_OK)
                abort();
            utente_free(&u);
            archivio_utente(server.a, ruolo_nome((Ruolo)r), &u, &error);
        }
        Sessione s;
        if (!tokens[r] || !sessioni_trova(&server.sessioni, tokens[r], fixed_now(), &s)) {
            if (tokens[r])
                sessioni_chiudi(&server.sessioni, tokens[r]);
            free(tokens[r]);
            tokens[r] = sessioni_nuova(&server.sessioni, &u, "127.0.0.1", fixed_now(), &s);
            if (!tokens[r])
                abort();
            memcpy(csrf[r], s.csrf, sizeof csrf[r]);
        }
        sessione_free(&s);
        utente_free(&u);
    }
}

/* The next line of the input, NUL-terminated in place. */
static char *next_line(char **p, char *end)
{
    char *start = *p, *nl = memchr(start, '\n', (size_t)(end - start));
    if (!nl)
        nl = end;
    *nl = '\0';
    *p = nl < end ? nl + 1 : end;
    return start;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        setup();
        ready = true;
    }
    if (size < 2)
        return 0;
    log_everyone_in();
    int role = data[0] % (N_RUOLI + 1); /* N_RUOLI: nobody logged in */
    static const char *const methods[] = {"GET", "POST", "HEAD", "PUT"};
    const char *method = methods[data[1] % 4];
    char *text = fuzz_text(data + 2, size - 2), *p = text, *end = text + size - 2;
    char *path = next_line(&p, end), *query = next_line(&p, end), *type = next_line(&p, end);
    if (strcmp(method, "POST") == 0 && strcmp(path, "/accesso") == 0) {
        free(text);
        return 0;
    }
    StrBuf body = {0};
    strbuf_puts(&body, "");
    for (char *q = p; q < end;) {
        char *hit = NULL;
        for (char *k = q; k + 4 <= end && !hit; k++)
            if (memcmp(k, "CSRF", 4) == 0)
                hit = k;
        if (!hit || role == N_RUOLI) {
            strbuf_append(&body, q, (size_t)(end - q));
            break;
        }
        strbuf_append(&body, q, (size_t)(hit - q));
        strbuf_puts(&body, csrf[role]);
        q = hit + 4;
    }
    char *cookie = role < N_RUOLI ? xasprintf("schede_sessione=%s", tokens[role]) : NULL;
    Richiesta r = {method, path, query, cookie, type, body.data, body.len, "127.0.0.1"};
    Risposta out = {0};
    /* as the server does: a request with a body first admitted from its head alone */
    if (body.len && path[0] == '/' && web_ammetti(&server, method, path, cookie, &out)) {
        if (out.status < 400 || out.status > 499)
            abort();
    } else {
        risposta_free(&out);
        web_gestisci(&server, &r, &out);
    }
    if (out.status < 200 || out.status > 599)
        abort();
    risposta_free(&out);
    strbuf_free(&body);
    free(cookie);
    free(text);
    return 0;
}
