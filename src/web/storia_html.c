/* SPDX-License-Identifier: EUPL-1.2 */
/* storia_html.c — a row of the registro as the offices read it: who did
 * what to which thing, the thing named as the documents name it (the
 * objective and its action, the raccolta, the person, the plan's version),
 * the values as the documents write them (dates gg/mm/aaaa, decimal commas,
 * no JSON), a rilevazione «inserita dal web» told from one «importata» from
 * a file. The registro keeps its rows as they are (archivio storia prints
 * them whole); this is only how the web shows them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anno.h"
#include "html.h"
#include "text.h"
#include <cjson/cJSON.h>

/* ---- values --------------------------------------------------------------------------------- */

static bool iso_date(const char *s, char out[11])
{
    Date d;
    if (strlen(s) != 10 || date_parse_iso(s, &d) != DATE_OK)
        return false;
    date_format_it(d, out);
    return true;
}

/* A JSON value of the registro as the documents write it: a string as it is (an ISO date as gg/mm/aaaa), a number
   with a decimal comma, null as "—", an object by its file or its fields. */
static void value_text(StrBuf *b, const char *json)
{
    if (!json) {
        strbuf_puts(b, "—");
        return;
    }
    cJSON *v = cJSON_Parse(json);
    char buf[64];
    if (!v) {
        strbuf_puts(b, json); /* not JSON: written by an older program; shown as it is */
    } else if (cJSON_IsNull(v)) {
        strbuf_puts(b, "—");
    } else if (cJSON_IsString(v)) {
        strbuf_puts(b, iso_date(v->valuestring, buf) ? buf : *v->valuestring ? v->valuestring : "(vuoto)");
    } else if (cJSON_IsNumber(v)) {
        text_format_number(buf, sizeof buf, v->valuedouble);
        strbuf_puts(b, buf);
    } else if (cJSON_IsBool(v)) {
        strbuf_puts(b, cJSON_IsTrue(v) ? "sì" : "no");
    } else if (cJSON_IsObject(v)) {
        const cJSON *file = cJSON_GetObjectItemCaseSensitive(v, "file");
        if (cJSON_IsString(file)) {
            const char *base = strrchr(file->valuestring, '/');
            strbuf_printf(b, "file «%s»", base ? base + 1 : file->valuestring);
        } else {
            bool first = true;
            for (const cJSON *it = v->child; it; it = it->next, first = false) {
                char *inner = cJSON_PrintUnformatted(it);
                strbuf_printf(b, "%s%s ", first ? "" : ", ", it->string);
                value_text(b, inner);
                free(inner);
            }
        }
    } else {
        char *text = cJSON_PrintUnformatted(v);
        strbuf_puts(b, text);
        free(text);
    }
    cJSON_Delete(v);
}

static void change(StrBuf *b, const char *prima, const char *dopo)
{
    strbuf_puts(b, ": ");
    value_text(b, prima);
    strbuf_puts(b, " → ");
    value_text(b, dopo);
}

/* ---- the things ----------------------------------------------------------------------------- */

/* "2024" or "2024 al 2024-06-30" at the start of a key: the raccolta in words; *rest after it. */
static void raccolta_words(StrBuf *b, const char *key, const char **rest)
{
    int anno = atoi(key);
    const char *p = strchr(key, ' ');
    char d[11];
    if (p && strncmp(p, " al ", 4) == 0 && strlen(p + 4) >= 10) {
        char iso[11];
        memcpy(iso, p + 4, 10);
        iso[10] = '\0';
        if (iso_date(iso, d)) {
            strbuf_printf(b, "monitoraggio al %s", d);
            *rest = p + 14;
            while (**rest == ' ')
                (*rest)++;
            return;
        }
    }
    strbuf_printf(b, "fine anno %d", anno);
    *rest = p ? p + 1 : key + strlen(key);
}

/* "2024 SG-01 azione 2", "2024 al 2024-06-30 SG-01 azione 2", "2025 I-01 indicatore 1 2025-03-31". */
static void rilevazione_words(StrBuf *b, const char *key)
{
    StrBuf when = {0};
    const char *rest;
    raccolta_words(&when, key, &rest);
    const char *az = strstr(rest, " azione "), *ind = strstr(rest, " indicatore ");
    const char *cut = az ? az : ind;
    if (cut) {
        strbuf_printf(b, "la rilevazione di %.*s, %s", (int)(cut - rest), rest, cut + 1);
    } else {
        strbuf_printf(b, "la rilevazione %s", rest);
    }
    strbuf_printf(b, " (%s)", when.data);
    strbuf_free(&when);
}

static const char *field_label(const char *campo, char *buf, size_t size)
{
    static const char *const NAMES[][2] = {
        {"data", "data di conclusione"}, {"valore", "valore"}, {"percentuale", "percentuale"},
        {"raggiunto", "raggiunto"}, {"nota", "nota"}, {"avanzamento", "avanzamento (%)"},
        {"criticita", "criticità"}, {"proposta", "proposta"}, {"categoria", "categoria"}, {"profilo", "profilo"},
        {"orario", "orario (%)"}, {"servizio", "servizio nell'anno (%)"}, {"valutatore", "valutatore"},
        {"colloquio", "colloquio"}, {"commento", "commento"}, {"osservazioni", "osservazioni"},
        {"giudizio", "giudizio"}, {"escluso_premio", "escluso dal premio"},
    };
    for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
        if (strcmp(campo, NAMES[i][0]) == 0)
            return NAMES[i][1];
    if (strncmp(campo, "voti.", 5) == 0)
        snprintf(buf, size, "voto %s", campo + 5);
    else if (strncmp(campo, "manuali.", 8) == 0)
        snprintf(buf, size, "valore %s", campo + 8);
    else
        snprintf(buf, size, "%s", campo);
    return buf;
}

/* A state's change: what it is of, in words. */
static void state_words(StrBuf *b, const VoceRegistro *v)
{
    const char *oggetto = v->campo ? v->campo : "", *key = v->chiave ? v->chiave : "", *rest;
    if (strcmp(oggetto, "rilevazioni") == 0) {
        StrBuf when = {0};
        raccolta_words(&when, key, &rest);
        strbuf_printf(b, "delle rilevazioni di %s (%s)", rest, when.data);
        strbuf_free(&when);
    } else if (strcmp(oggetto, "raccolta") == 0) {
        strbuf_puts(b, "della raccolta ");
        raccolta_words(b, key, &rest);
    } else if (strcmp(oggetto, "versione") == 0) {
        strbuf_printf(b, "della versione %s del piano", key);
    } else if (strcmp(oggetto, "valutazione") == 0) {
        const char *name = strchr(key, ' ');
        strbuf_printf(b, "della valutazione %.*s di %s", name ? (int)(name - key) : (int)strlen(key), key,
                      name ? name + 1 : "");
    } else if (strcmp(oggetto, "relazione") == 0) {
        strbuf_printf(b, "della Relazione sulla Performance %s", key);
    } else if (strcmp(oggetto, "valutazioni") == 0) {
        strbuf_printf(b, "delle valutazioni %s", key);
    } else {
        strbuf_printf(b, "di %s %s", oggetto, key);
    }
}

/* What the row says, after who made it. */
static void describe(StrBuf *b, const VoceRegistro *v)
{
    const char *op = v->operazione ? v->operazione : "", *tab = v->tabella ? v->tabella : "",
               *key = v->chiave ? v->chiave : "", *campo = v->campo && *v->campo ? v->campo : NULL;
    char label[128];
    if (strcmp(tab, "rilevazioni") == 0) {
        bool web = strstr(op, "inserisce") || strstr(op, "corregge");
        rilevazione_words(b, key);
        strbuf_puts(b, web ? ", inserita dal web" : ", importata da un file");
        if (campo) {
            strbuf_printf(b, " — %s", field_label(campo, label, sizeof label));
            change(b, v->prima, v->dopo);
        }
    } else if (strcmp(tab, "stati") == 0) {
        strbuf_puts(b, "stato ");
        state_words(b, v);
        change(b, v->prima, v->dopo);
    } else if (strcmp(tab, "obiettivi") == 0) {
        strbuf_printf(b, "%s del piano, obiettivo %s", key, v->obiettivo ? v->obiettivo : "");
        if (campo && strcmp(campo, "obiettivo") != 0) {
            strbuf_printf(b, ", %s", campo);
            change(b, v->prima, v->dopo);
        } else {
            strbuf_puts(b, v->dopo ? " aggiunto" : " tolto");
        }
    } else if (strcmp(tab, "versioni") == 0) {
        strbuf_printf(b, "importata la %s del piano (", key);
        value_text(b, v->dopo);
        strbuf_puts(b, ")");
    } else if (strcmp(tab, "valutazioni") == 0 && strstr(op, "valutazione")) {
        const char *name = strchr(key, ' ');
        strbuf_printf(b, "la valutazione %.*s di %s", name ? (int)(name - key) : (int)strlen(key), key,
                      name ? name + 1 : "");
        if (strncmp(op, "rimuove", 7) == 0) {
            strbuf_puts(b, " tolta");
        } else if (campo) {
            strbuf_printf(b, " — %s", field_label(campo, label, sizeof label));
            change(b, v->prima, v->dopo);
        }
    } else if (strcmp(tab, "valutazioni") == 0 || strcmp(tab, "sistemi") == 0) {
        strbuf_puts(b, strcmp(tab, "sistemi") == 0 ? "caricato il sistema di valutazione (" : "caricate le valutazioni ");
        if (strcmp(tab, "valutazioni") == 0)
            strbuf_printf(b, "del %s (", key);
        value_text(b, v->dopo);
        strbuf_puts(b, ")");
    } else if (strcmp(tab, "raccolte") == 0) {
        const char *rest;
        strbuf_puts(b, "termine per le rilevazioni della raccolta ");
        raccolta_words(b, key, &rest);
        change(b, v->prima, v->dopo);
    } else if (strcmp(tab, "utenti") == 0) {
        strbuf_printf(b, "%s %s", op, key);
        if (v->dopo && strcmp(op, "nuova password") != 0) {
            strbuf_puts(b, " (");
            value_text(b, v->dopo);
            strbuf_puts(b, ")");
        }
    } else if (strcmp(tab, "accessi") == 0) {
        strbuf_printf(b, "%s %s", op, key);
        if (v->dopo) {
            strbuf_puts(b, " (");
            value_text(b, v->dopo);
            strbuf_puts(b, ")");
        }
    } else {
        strbuf_printf(b, "%s %s", op, key);
        if (campo)
            strbuf_printf(b, " %s", field_label(campo, label, sizeof label));
        if (v->prima || v->dopo)
            change(b, v->prima, v->dopo);
    }
}

void storia_riga(StrBuf *b, const VoceRegistro *v)
{
    char when[17];
    date_utc_local_text(v->quando, when);
    StrBuf what = {0};
    describe(&what, v);
    html_printf(b, "<li><time datetime=\"%s\">%s</time> — <strong>%s</strong>: %s", v->quando, when, v->chi,
                what.data ? what.data : "");
    if (v->motivo && *v->motivo)
        html_printf(b, " (motivo: %s)", v->motivo);
    strbuf_puts(b, "</li>\n");
    strbuf_free(&what);
}
