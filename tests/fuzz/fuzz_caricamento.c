/* SPDX-License-Identifier: EUPL-1.2 */
/* An upload of the SMVP or of valutazioni through src/caricamento, as the
 * web's POST /valutazioni and schede archivio importa make it: read,
 * checked against the plan and the SMVP, compared person by person with
 * the archive's valutazioni (one of them communicated, so that the locks
 * are walked), and, when it may be, applied; then rolled back, so that
 * every input meets the same archive. Nothing may crash, and an applied
 * upload must leave the archive readable. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archivio.h"
#include "caricamento.h"
#include "fileio.h"
#include "text.h"
#include "fuzz_common.h"
#include "utenti.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/fuzz-caricamento-XXXXXX";
static char *path;
static Archivio *archive;

static void cleanup(void)
{
    archivio_chiudi(archive);
    fuzz_remove_archive_dir(dir);
    free(path);
}

/* Uploads file of the fixture folder through caricamento, or aborts. */
static void upload(const char *name, int anno)
{
    char *file = xasprintf("%s/%s", FUZZ_VAL_DIR, name);
    size_t len;
    const char *reason;
    char *bytes = file_read_all(file, &len, &reason);
    RichiestaCaricamento r = {name, bytes, len, CODIFICA_AUTO, anno, NULL, 0};
    Caricamento c;
    DiagList d;
    diag_list_init(&d);
    char *error = NULL;
    Autore chi = {"fuzz", NULL, false};
    if (!bytes || archivio_inizia(archive, &error) != ARCHIVIO_OK ||
        caricamento_prepara(archive, &r, &c, &d, &error) != CARICAMENTO_OK ||
        caricamento_applica(archive, &c, &r, &chi, &error) != ARCHIVIO_OK || archivio_conferma(archive, &error) != ARCHIVIO_OK)
        abort();
    caricamento_free(&c);
    diag_list_free(&d);
    free(bytes);
    free(file);
}

static void setup(void)
{
    if (!mkdtemp(dir))
        abort();
    path = xasprintf("%s/a.db", dir);
    char *error = NULL;
    Autore chi = {"fuzz", NULL, false};
    ArchivioEsito e;
    if (archivio_crea(path, "Ente", ARCHIVIO_PROFILO_PREDEFINITO, &chi, &error) != ARCHIVIO_OK ||
        !(archive = archivio_apri(path, true, &e, &error)))
        abort();
    char *file = xasprintf("%s/piano.json", FUZZ_VAL_DIR);
    size_t len;
    const char *reason;
    char *bytes = file_read_all(file, &len, &reason);
    Plan plan;
    DiagList d;
    diag_list_init(&d);
    int n;
    bool nuova;
    if (!bytes || plan_load_buffer(file, bytes, len, &plan, &d) != LOAD_OK || archivio_inizia(archive, &error) != ARCHIVIO_OK ||
        archivio_importa_piano(archive, "piano.json", bytes, len, &plan, &chi, &n, &nuova, &error) != ARCHIVIO_OK ||
        archivio_conferma(archive, &error) != ARCHIVIO_OK)
        abort();
    plan_free(&plan);
    diag_list_free(&d);
    free(bytes);
    free(file);
    upload("sistema.json", 0);
    upload("valutazioni.json", 2025);
    /* one valutazione communicated: the locks have someone to guard */
    if (archivio_inizia(archive, &error) != ARCHIVIO_OK ||
        archivio_cambia_stato(archive, "valutazione", "2025 Mario Rossi", NULL, NULL, "comunicata", NULL, &chi, &error) !=
            ARCHIVIO_OK ||
        archivio_conferma(archive, &error) != ARCHIVIO_OK)
        abort();
    atexit(cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    if (!ready) {
        setup();
        ready = true;
    }
    char *text = fuzz_text(data, size);
    const char *remove[] = {"Anna Bianchi"};
    RichiestaCaricamento r = {"fuzz", text, size, CODIFICA_AUTO, 2025, remove, size % 2};
    Caricamento c;
    DiagList d;
    diag_list_init(&d);
    char *error = NULL;
    Autore chi = {"fuzz", NULL, false};
    if (archivio_inizia(archive, &error) != ARCHIVIO_OK)
        abort();
    if (caricamento_prepara(archive, &r, &c, &d, &error) == CARICAMENTO_OK) {
        if (caricamento_applica(archive, &c, &r, &chi, &error) != ARCHIVIO_OK)
            abort(); /* prepared, it must apply */
        Valutazioni after;
        char *why = NULL;
        if (archivio_valutazioni(archive, 2025, &after, &why) == ARCHIVIO_NON_USABILE)
            abort();
        valutazioni_free(&after);
        free(why);
    }
    archivio_annulla(archive);
    caricamento_free(&c);
    diag_list_free(&d);
    free(error);
    free(text);
    return 0;
}
