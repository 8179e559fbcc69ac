/* cmd_archivio.c — `schede archivio crea|importa|esporta|storia|copia|controlla`:
 * the archive of the cycle (src/archivio, docs/archivio.md) from the
 * command line. An import is one transaction: every file, or none. */
#include <cjson/cJSON.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archivio.h"
#include "archivio_input.h"
#include "caricamento.h"
#include "commands.h"
#include "csv_values.h"
#include "esiti.h"
#include "fileio.h"
#include "flusso.h"
#include "inputs.h"
#include "options.h"
#include "plan_check.h"
#include "plan_load.h"
#include "raggiunto.h"
#include "sistema.h"
#include "text.h"
#include "utenti.h"
#include "valutazioni.h"
#include "wb_convert.h"
#include "workbook.h"


static int fail(const char *error, int rc)
{
    diag_report(stderr, NULL, "%s", error);
    return rc;
}

/* ---- crea --------------------------------------------------------------------------------- */

static int archivio_crea_cmd(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio crea", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    if (!p.value[OPT_ENTE] || !*p.value[OPT_ENTE])
        return usage_error(cmd, "indicare l'ente: --ente \"Comune di …\"");
    const char *profilo = p.value[OPT_PROFILO] ? p.value[OPT_PROFILO] : ARCHIVIO_PROFILO_PREDEFINITO;
    if ((rc = cli_check_profile(cmd, profilo)) != 0)
        return rc;
    Autore chi = {cli_author(&p), NULL};
    char *error = NULL;
    ArchivioEsito e = archivio_crea(p.args[0], p.value[OPT_ENTE], profilo, &chi, &error);
    if (e != ARCHIVIO_OK) {
        rc = fail(error, archivio_exit_code(e));
        free(error);
        return rc;
    }
    printf("creato %s (%s, profilo %s)\n", p.args[0], p.value[OPT_ENTE], profilo);
    return 0;
}

/* ---- importa ------------------------------------------------------------------------------ */

typedef struct {
    const char *file;
    char *bytes;
    size_t len;
    ArchivioTipo kind;
} Input;

/* One import: the plan the rilevazioni and valutazioni are checked against
 * (the one imported now, else the one the documents use: the archive's
 * version rule), and what the imports say, kept until the transaction is
 * committed (a message printed before the commit could be read as a change
 * that never happened). */
typedef struct {
    Plan plan;
    bool loaded;
    FILE *said;
} CurrentPlan;

static int import_plan(Archivio *a, const Input *in, const Autore *chi, CurrentPlan *cur, DiagList *diags)
{
    Plan plan;
    LoadStatus st = input_plan_read(in->file, in->bytes, in->len, &plan, diags);
    if (st != LOAD_OK) {
        plan_free(&plan);
        return EXIT_DATA;
    }
    plan_check(&plan, in->file, diags); /* the warnings of the plan itself; verifica gives every one */
    int numero;
    bool nuova;
    char *error = NULL;
    ArchivioEsito e = archivio_importa_piano(a, in->file, in->bytes, in->len, &plan, chi, &numero, &nuova, &error);
    if (e != ARCHIVIO_OK) {
        diag_report(stderr, NULL, "%s", error);
        free(error);
        plan_free(&plan);
        return archivio_exit_code(e);
    }
    fprintf(cur->said, nuova ? "%s: piano, versione %d\n" : "%s: piano identico alla versione %d: nessuna nuova versione\n", in->file,
           numero);
    char **fuori;
    size_t n_fuori = archivio_utenti_fuori_piano(a, &plan, &fuori);
    for (size_t i = 0; i < n_fuori; i++) { /* said each: schede verifica knows nothing of the users */
        diag_report(stderr, in->file, "avviso: %s", fuori[i]);
        free(fuori[i]);
    }
    free(fuori);
    if (cur->loaded)
        plan_free(&cur->plan);
    cur->plan = plan;
    cur->loaded = true;
    return 0;
}

static int ensure_plan(Archivio *a, CurrentPlan *cur, const char *for_file)
{
    if (cur->loaded)
        return 0;
    ArchivioFile f;
    VersionePiano v;
    char *error = NULL;
    ArchivioEsito e = archivio_piano_da_usare(a, 0, &f, &v, &error);
    if (e != ARCHIVIO_OK) {
        diag_report(stderr, for_file, "%s: si importa prima il piano", error);
        free(error);
        return EXIT_DATA;
    }
    DiagList d;
    diag_list_init(&d);
    bool ok = archivio_load_plan_file(&f, &cur->plan, &d) == LOAD_OK;
    diag_list_free(&d);
    archivio_file_free(&f);
    cur->loaded = ok;
    return ok ? 0 : EXIT_DATA;
}

static int import_rilevazioni(Archivio *a, const Input *in, const InputOptions *o, const Autore *chi,
                              CurrentPlan *cur, DiagList *diags)
{
    int rc = ensure_plan(a, cur, in->file);
    if (rc)
        return rc;
    Rilevazioni ril;
    LoadStatus st = input_raggiunto_read(in->file, in->bytes, in->len, o->codifica, &ril, diags);
    int anno = o->has_anno ? o->anno : o->has_al ? o->al.year : ril.has_anno ? ril.anno : cur->plan.triennio[0];
    size_t errors = diags->errors;
    if (st == LOAD_OK) {
        Esiti esiti;
        esiti_compute_at(&cur->plan, &ril, anno, o->has_al ? &o->al : NULL, &esiti, diags);
        esiti_free(&esiti);
    }
    if (st != LOAD_OK || diags->errors > errors) {
        raggiunto_free(&ril);
        return EXIT_DATA;
    }
    size_t cambiate;
    char *error = NULL;
    ArchivioEsito e = archivio_importa_rilevazioni(a, &ril, anno, o->has_al ? &o->al : NULL,
                                                   flusso_rilevazioni_bloccate, chi, &cambiate, &error);
    if (e != ARCHIVIO_OK) {
        diag_report(stderr, NULL, "%s", error);
        free(error);
    } else {
        char al[11] = "";
        if (o->has_al)
            date_format_it(o->al, al);
        fprintf(cur->said, "%s: %zu rilevazioni del %d%s%s, %zu nuove o cambiate\n", in->file, ril.n, anno, o->has_al ? " al " : "",
               al, cambiate);
    }
    raggiunto_free(&ril);
    return archivio_exit_code(e);
}

/* "Mario Rossi; Anna Neri": the names, trimmed (free each, then the array). */
static size_t split_names(const char *text, char ***out)
{
    *out = NULL;
    size_t n = 0;
    for (const char *p = text; p && *p;) {
        size_t len = strcspn(p, ";");
        char *name = xstrndup(p, len);
        char *t = csv_trim(name);
        free(name);
        if (*t) {
            *out = xrealloc(*out, (n + 1) * sizeof **out);
            (*out)[n++] = t;
        } else {
            free(t);
        }
        p += len + (p[len] == ';');
    }
    return n;
}

static void print_diffs(FILE *out, const Differenza *d, size_t n, bool *first)
{
    for (size_t i = 0; i < n; i++, *first = false)
        fprintf(out, "%s%s %s → %s", *first ? ": " : "; ", d[i].etichetta, d[i].prima, d[i].dopo);
}

/* What an upload changes, person by person: those that do not change are counted, not listed. */
static void print_changes(FILE *out, const Caricamento *c)
{
    if (c->tipo == TIPO_SISTEMA)
        fprintf(out, "%s: sistema di valutazione; cambia l'esito di %zu %s\n", c->file, c->con_esiti_cambiati,
                c->con_esiti_cambiati == 1 ? "persona" : "persone");
    else
        fprintf(out, "%s: valutazioni del %d: %zu nuove, %zu modificate, %zu uguali, %zu non nel file (restano come "
                     "sono), %zu rimosse\n",
                c->file, c->anno, c->nuove, c->modificate, c->uguali, c->assenti, c->rimosse);
    for (size_t i = 0; i < c->n; i++) {
        const CambioPersona *p = &c->persone[i];
        if (p->tipo == CAMBIO_UGUALE && p->n_esiti == 0)
            continue;
        if (p->tipo == CAMBIO_ASSENTE && p->n_esiti == 0)
            continue;
        fprintf(out, "  %s %d, %s", cambio_nome(p->tipo), p->anno, p->persona);
        bool first = true;
        if (p->tipo != CAMBIO_NUOVA) /* a new one: what it gives, not each of its fields */
            print_diffs(out, p->campi, p->n_campi, &first);
        print_diffs(out, p->esiti, p->n_esiti, &first);
        fputc('\n', out);
    }
}

/* The SMVP or valutazioni, through the same merge and locks as the web (src/caricamento). */
static int import_document(Archivio *a, const Input *in, const InputOptions *o, const Parsed *p, const Autore *chi,
                           CurrentPlan *cur, DiagList *diags)
{
    char **rimuovi = NULL;
    size_t n_rimuovi = in->kind == TIPO_VALUTAZIONI ? split_names(p->value[OPT_RIMUOVI], &rimuovi) : 0;
    RichiestaCaricamento r = {in->file, in->bytes, in->len, o->codifica, o->has_anno ? o->anno : 0,
                              (const char *const *)rimuovi, n_rimuovi};
    Caricamento c;
    char *error = NULL;
    EsitoCaricamento ec = caricamento_prepara(a, &r, &c, diags, &error);
    int rc = 0;
    if (ec == CARICAMENTO_ARCHIVIO) {
        diag_report(stderr, in->file, "%s", error);
        rc = EXIT_DATA;
    } else if (ec == CARICAMENTO_ERRORI) {
        rc = EXIT_DATA;
    } else if (ec == CARICAMENTO_BLOCCATO) {
        diag_report(stderr, in->file, "cambierebbe %zu %s già comunicate, viste o validate, che un caricamento non "
                                      "cambia:", c.n_bloccate, c.n_bloccate == 1 ? "valutazione" : "valutazioni");
        for (size_t i = 0; i < c.n_bloccate; i++)
            fprintf(stderr, "  %s\n", c.bloccate[i]);
        fprintf(stderr, "  per cambiarne una, l'ufficio personale la riapre con un motivo: schede archivio stato "
                        "ARCHIVIO valutazione \"ANNO NOME\" riapri --motivo \"…\"\n");
        rc = EXIT_DATA;
    } else {
        ArchivioEsito e = caricamento_applica(a, &c, &r, chi, &error);
        if (e != ARCHIVIO_OK) {
            diag_report(stderr, NULL, "%s", error);
            rc = archivio_exit_code(e);
        } else {
            print_changes(cur->said, &c);
        }
    }
    free(error);
    caricamento_free(&c);
    for (size_t i = 0; i < n_rimuovi; i++)
        free(rimuovi[i]);
    free(rimuovi);
    return rc;
}

static int archivio_importa_cmd(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio importa", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    InputOptions o;
    input_options_from(&p, &o);
    size_t n = p.n_args - 1;
    Input *in = xcalloc(n, sizeof *in);
    DiagList diags;
    diag_list_init(&diags);
    for (size_t i = 0; i < n && rc <= 0; i++) {
        in[i].file = p.args[i + 1];
        in[i].bytes = file_read_input(in[i].file, &in[i].len, &diags);
        if (!in[i].bytes) {
            rc = EXIT_USAGE;
            break;
        }
        in[i].kind = archivio_tipo_file(in[i].file, in[i].bytes, in[i].len);
        if (in[i].kind == TIPO_IGNOTO) {
            diag_add(&diags, DIAG_ERROR, in[i].file, NULL, NULL, -1,
                     "file non riconosciuto: non è un piano, delle rilevazioni, un sistema di valutazione o delle "
                     "valutazioni (docs/formato.md)");
            rc = EXIT_DATA;
        }
    }
    ArchivioEsito e = ARCHIVIO_OK;
    char *error = NULL;
    Archivio *a = rc > 0 ? NULL : archivio_apri(p.args[0], true, &e, &error);
    if (rc <= 0 && !a) {
        rc = fail(error, archivio_exit_code(e));
        free(error);
    }
    if (a && (e = archivio_inizia(a, &error)) != ARCHIVIO_OK) {
        rc = fail(error, archivio_exit_code(e));
        free(error);
    } else if (a) {
        Autore chi = {cli_author(&p), p.value[OPT_MOTIVO]};
        CurrentPlan cur = {0};
        rc = 0;
        char *said = NULL;
        size_t said_len = 0;
        cur.said = open_memstream(&said, &said_len);
        if (!cur.said)
            out_of_memory();
        /* plans first, so that what follows is checked against them; then the SMVP before the valutazioni */
        static const ArchivioTipo order[] = {TIPO_PIANO, TIPO_SISTEMA, TIPO_RILEVAZIONI, TIPO_VALUTAZIONI};
        for (size_t k = 0; k < 4 && rc == 0; k++)
            for (size_t i = 0; i < n && rc == 0; i++) {
                if (in[i].kind != order[k])
                    continue;
                rc = order[k] == TIPO_PIANO         ? import_plan(a, &in[i], &chi, &cur, &diags)
                     : order[k] == TIPO_RILEVAZIONI ? import_rilevazioni(a, &in[i], &o, &chi, &cur, &diags)
                                                    : import_document(a, &in[i], &o, &p, &chi, &cur, &diags);
            }
        if (rc == 0 && p.set[OPT_PROVA]) {
            archivio_annulla(a);
            fprintf(cur.said, "prova: nessuna modifica scritta nell'archivio\n");
        } else if (rc == 0 && (e = archivio_conferma(a, &error)) != ARCHIVIO_OK) {
            rc = fail(error, archivio_exit_code(e));
            free(error);
        } else if (rc != 0) {
            archivio_annulla(a);
        }
        fclose(cur.said);
        if (rc == 0) /* committed: now it can be said */
            fwrite(said, 1, said_len, stdout);
        free(said);
        if (cur.loaded)
            plan_free(&cur.plan);
    }
    cli_print_diags(&diags, stderr, true);
    if (rc != 0)
        fprintf(stderr, "%s: nessuna modifica: l'importazione si fa tutta o per niente\n", p.args[0]);
    else if (diags.warnings > 0)
        fprintf(stderr, "%zu %s (schede verifica sui file per l'elenco)\n", diags.warnings,
                diags.warnings == 1 ? "avviso" : "avvisi");
    diag_list_free(&diags);
    archivio_chiudi(a);
    for (size_t i = 0; i < n; i++)
        free(in[i].bytes);
    free(in);
    return rc;
}

/* ---- esporta ------------------------------------------------------------------------------ */

static cJSON *rilevazioni_json(const Rilevazioni *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "formato", RAGGIUNTO_FORMAT);
    cJSON_AddNumberToObject(root, "anno", r->anno);
    cJSON *list = cJSON_AddArrayToObject(root, "rilevazioni");
    for (size_t i = 0; i < r->n; i++) {
        const Rilevazione *x = &r->items[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "obiettivo", x->obiettivo);
        if (x->indicatore > 0)
            cJSON_AddNumberToObject(o, "indicatore", x->indicatore);
        else
            cJSON_AddNumberToObject(o, "azione", x->azione);
        if (x->has_data) {
            char d[11];
            date_format_iso(x->data, d);
            cJSON_AddStringToObject(o, "data", d);
        }
        if (x->valore_kind == VALORE_NUMERO)
            cJSON_AddNumberToObject(o, "valore", x->valore);
        else if (x->valore_kind == VALORE_SI_NO)
            cJSON_AddBoolToObject(o, "valore", x->valore_si);
        if (x->has_percentuale)
            cJSON_AddNumberToObject(o, "percentuale", x->percentuale);
        if (x->raggiunto)
            cJSON_AddStringToObject(o, "raggiunto", x->raggiunto);
        if (x->nota)
            cJSON_AddStringToObject(o, "nota", x->nota);
        if (x->has_avanzamento)
            cJSON_AddNumberToObject(o, "avanzamento", x->avanzamento);
        if (x->criticita)
            cJSON_AddStringToObject(o, "criticita", x->criticita);
        if (x->proposta)
            cJSON_AddStringToObject(o, "proposta", x->proposta);
        cJSON_AddItemToArray(list, o);
    }
    return root;
}

/* The extension a stored file is written back with: its own. */
static const char *extension_of(const ArchivioFile *f)
{
    const char *dot = strrchr(f->file, '.');
    return dot && !strchr(dot, '/') ? dot : ".json";
}

static int write_out(const char *dir, const char *name, const char *bytes, size_t len)
{
    char *path = xasprintf("%s/%s", dir, name);
    const char *reason;
    int rc = 0;
    if (file_write_atomic(path, bytes, len, &reason) != 0) {
        diag_report(stderr, path, "impossibile scrivere il file: %s", reason);
        rc = EXIT_DATA;
    } else {
        printf("scritto %s\n", path);
    }
    free(path);
    return rc;
}

static int export_rilevazioni(Archivio *a, const char *dir)
{
    Raccolta *rs;
    size_t n = archivio_raccolte(a, &rs);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        Rilevazioni ril;
        char *error = NULL;
        if (archivio_rilevazioni(a, rs[i].anno, rs[i].has_al ? &rs[i].al : NULL, &ril, &error) != ARCHIVIO_OK) {
            free(error);
            continue;
        }
        cJSON *j = rilevazioni_json(&ril);
        char *text = cJSON_Print(j);
        char d[11] = "";
        if (rs[i].has_al)
            date_format_iso(rs[i].al, d);
        char *name = rs[i].has_al ? xasprintf("raggiunto-%d-al-%s.json", rs[i].anno, d)
                                  : xasprintf("raggiunto-%d.json", rs[i].anno);
        rc = write_out(dir, name, text, strlen(text));
        free(name);
        free(text);
        cJSON_Delete(j);
        raggiunto_free(&ril);
    }
    free(rs);
    return rc;
}

static int archivio_esporta_cmd(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio esporta", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    const char *dir = p.value[OPT_OUT];
    if (!dir)
        return usage_error(cmd, "indicare la cartella: --out CARTELLA");
    int versione = 0;
    if (p.value[OPT_VERSIONE] && ((versione = atoi(p.value[OPT_VERSIONE])) < 1))
        return option_value_error(cmd, OPT_VERSIONE, p.value[OPT_VERSIONE]);
    Archivio *a = archivio_input_apri(p.args[0], &rc);
    if (!a)
        return rc;
    if (cli_ensure_folder(dir) != 0) {
        archivio_chiudi(a);
        return EXIT_USAGE;
    }
    ArchivioFile f;
    VersionePiano v;
    ArchivioEsito e;
    char *error = NULL;
    rc = 0;
    if ((e = archivio_piano_da_usare(a, versione, &f, &v, &error)) == ARCHIVIO_OK) {
        char *name = xasprintf("piano%s", extension_of(&f));
        rc = write_out(dir, name, f.bytes, f.len);
        free(name);
        archivio_file_free(&f);
    } else if (versione > 0) {
        rc = fail(error, archivio_exit_code(e));
    }
    free(error);
    error = NULL;
    if (rc == 0)
        rc = export_rilevazioni(a, dir);
    if (rc == 0 && archivio_sistema(a, &f, &error) == ARCHIVIO_OK) {
        rc = write_out(dir, "sistema.json", f.bytes, f.len);
        archivio_file_free(&f);
    }
    free(error);
    int *anni;
    size_t n = archivio_anni_valutazioni(a, &anni);
    for (size_t i = 0; i < n && rc == 0; i++) {
        error = NULL;
        Valutazioni set;
        if (archivio_valutazioni(a, anni[i], &set, &error) == ARCHIVIO_OK) {
            /* the rows as a file of valutazioni, whatever files they came from */
            char *name = xasprintf("valutazioni-%d.json", anni[i]), *json = valutazioni_in_json(&set);
            rc = write_out(dir, name, json, strlen(json));
            free(name);
            free(json);
        }
        valutazioni_free(&set);
        free(error);
    }
    free(anni);
    archivio_chiudi(a);
    return rc;
}

/* ---- storia, copia, controlla ------------------------------------------------------------- */

static void csv_field(FILE *out, const char *s)
{
    if (!s)
        return;
    putc('"', out);
    if (csv_sembra_formula(s)) /* not a formula in the OIV's spreadsheet (OWASP) */
        putc('\'', out);
    for (const char *c = s; *c; c++) {
        if (*c == '"')
            putc('"', out);
        putc(*c, out);
    }
    putc('"', out);
}

typedef struct {
    FILE *out;
    size_t n;
    StrBuf row; /* storia_json: one row at a time, the buffer reused */
} Storia;

static void storia_testo(const VoceRegistro *v, void *user)
{
    FILE *out = ((Storia *)user)->out;
    fprintf(out, "%s  %s  %s  %s", v->quando, v->chi, v->operazione, v->chiave);
    if (v->obiettivo && !strstr(v->chiave, v->obiettivo))
        fprintf(out, "  %s", v->obiettivo);
    if (v->campo)
        fprintf(out, ": %s", v->campo);
    if (v->prima || v->dopo)
        fprintf(out, " %s → %s", v->prima ? v->prima : "(nulla)", v->dopo ? v->dopo : "(nulla)");
    if (v->motivo)
        fprintf(out, "  (motivo: %s)", v->motivo);
    putc('\n', out);
}

static void storia_csv(const VoceRegistro *v, void *user)
{
    FILE *out = ((Storia *)user)->out;
    const char *f[] = {v->quando, v->chi, v->operazione, v->tabella, v->chiave,
                       v->obiettivo, v->campo, v->prima, v->dopo, v->motivo};
    for (int k = 0; k < 10; k++) {
        if (k)
            putc(';', out);
        csv_field(out, f[k]);
    }
    putc('\n', out);
}

/* prima and dopo are stored as JSON: written as they are. */
static void storia_json(const VoceRegistro *v, void *user)
{
    Storia *st = user;
    StrBuf *b = &st->row;
    b->len = 0;
    strbuf_printf(b, "%s\n  {\"id\": %ld", st->n++ ? "," : "", v->id);
    const char *names[] = {"quando", "chi", "operazione", "tabella", "chiave", "obiettivo", "campo", "motivo"};
    const char *vals[] = {v->quando, v->chi, v->operazione, v->tabella, v->chiave, v->obiettivo, v->campo, v->motivo};
    for (int k = 0; k < 8; k++) {
        strbuf_printf(b, ", \"%s\": ", names[k]);
        strbuf_json_string(b, vals[k]);
    }
    strbuf_printf(b, ", \"prima\": %s, \"dopo\": %s}", v->prima ? v->prima : "null", v->dopo ? v->dopo : "null");
    fwrite(b->data, 1, b->len, st->out);
}

static int archivio_storia_cmd(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio storia", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    const char *formato = p.value[OPT_FORMATO] ? p.value[OPT_FORMATO] : "testo";
    Archivio *a = archivio_input_apri(p.args[0], &rc);
    if (!a)
        return rc;
    const char *codice = p.n_args > 1 ? p.args[1] : NULL;
    static char buffer[1 << 16]; /* 100,000 rows written in large pieces; static: stdout uses it until exit */
    setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
    Storia st = {stdout, 0, {0}};
    if (strcmp(formato, "json") == 0) {
        fputs("[", stdout);
        archivio_storia(a, codice, storia_json, &st);
        fputs(st.n ? "\n]\n" : "]\n", stdout);
    } else if (strcmp(formato, "csv") == 0) {
        fputs("quando;chi;operazione;tabella;chiave;obiettivo;campo;prima;dopo;motivo\n", stdout);
        archivio_storia(a, codice, storia_csv, &st);
    } else {
        archivio_storia(a, codice, storia_testo, &st);
    }
    strbuf_free(&st.row);
    archivio_chiudi(a);
    return 0;
}

static int archivio_copia_cmd(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio copia", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    ArchivioEsito e;
    char *error = NULL;
    Archivio *a = archivio_apri(p.args[0], false, &e, &error);
    if (a)
        e = archivio_copia(a, p.args[1], &error);
    if (e != ARCHIVIO_OK)
        rc = fail(error, archivio_exit_code(e));
    else
        printf("scritto %s\n", p.args[1]), rc = 0;
    free(error);
    archivio_chiudi(a);
    return rc;
}

static int archivio_controlla_cmd(int argc, char **argv)
{
    Parsed p;
    const Command *cmd;
    int rc = cli_parse("archivio controlla", argc, argv, &p, &cmd);
    if (rc >= 0)
        return rc;
    Archivio *a = archivio_input_apri(p.args[0], &rc);
    if (!a)
        return rc;
    char **problemi;
    size_t n = archivio_controlla(a, &problemi);
    for (size_t i = 0; i < n; i++) {
        diag_report(stdout, p.args[0], "%s", problemi[i]);
        free(problemi[i]);
    }
    free(problemi);
    if (n == 0)
        printf("%s: archivio integro; %d %s del piano; registro completo\n", p.args[0], archivio_versioni(a),
               archivio_versioni(a) == 1 ? "versione" : "versioni");
    archivio_chiudi(a);
    return n ? EXIT_DATA : 0;
}

int cmd_archivio(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } subs[] = {{"crea", archivio_crea_cmd},     {"importa", archivio_importa_cmd},
                {"esporta", archivio_esporta_cmd}, {"storia", archivio_storia_cmd},
                {"copia", archivio_copia_cmd},   {"controlla", archivio_controlla_cmd},
                {"utente", cmd_archivio_utente}, {"profilo", cmd_archivio_profilo},
                {"approva", cmd_archivio_approva}, {"stato", cmd_archivio_stato}};
    if (argc >= 1)
        for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
            if (strcmp(argv[0], subs[i].name) == 0)
                return subs[i].run(argc - 1, argv + 1);
    bool help = argc >= 1 && (strcmp(argv[0], "--aiuto") == 0 || strcmp(argv[0], "-h") == 0 ||
                              strcmp(argv[0], "--help") == 0);
    FILE *out = help ? stdout : stderr;
    if (!help)
        fprintf(stderr, argc ? "schede archivio: «%s» non è un comando dell'archivio\n\n" : "schede archivio: manca il comando\n\n",
                argc ? argv[0] : "");
    fputs("uso: schede archivio COMANDO ARCHIVIO …\n\n", out);
    for (const Command *const *c = COMMANDS; *c; c++)
        if (strncmp((*c)->name, "archivio ", 9) == 0) {
            char *left = xasprintf("%s %s", (*c)->name + 9, (*c)->arguments);
            fprintf(out, "  %-28s %s\n", left, (*c)->summary);
            free(left);
        }
    fputs("\nLe opzioni di ogni comando: schede archivio COMANDO --aiuto.\n", out);
    return help ? 0 : EXIT_USAGE;
}
