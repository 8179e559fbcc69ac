/* htmlplan — the schede of a plan as one HTML page, for the comparison with
 * WeasyPrint: the same content schede.pdf has (heading, links to budget,
 * mandate and DUP, dirigente, description, baseline, target, stakeholders,
 * accessibility, units, the piano operativo of each annualità, risorse
 * umane, assegnazione finanziaria, pesatura), A4 landscape, one scheda per
 * page, "Pag. X di Y" in the footer, in a plain CSS a comune could write.
 * usage: htmlplan PIANO.json > schede.html */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

static void esc(const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", stdout); break;
        case '>': fputs("&gt;", stdout); break;
        case '&': fputs("&amp;", stdout); break;
        case '"': fputs("&quot;", stdout); break;
        case '\n': fputs("<br>", stdout); break;
        default: putchar(*s);
        }
    }
}

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static void num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (cJSON_IsNumber(v))
        printf("%g", v->valuedouble);
}

static void td_str(const cJSON *o, const char *k)
{
    fputs("<td>", stdout);
    esc(str(o, k));
    fputs("</td>", stdout);
}

static void td_num(const cJSON *o, const char *k)
{
    fputs("<td>", stdout);
    num(o, k);
    fputs("</td>", stdout);
}

static void row(const char *label, const char *value)
{
    fputs("<tr><th>", stdout);
    esc(label);
    fputs("</th><td colspan=\"3\">", stdout);
    esc(value);
    fputs("</td></tr>\n", stdout);
}

static void scheda(const cJSON *o)
{
    fputs("<section><table class=\"head\"><tr><td class=\"title\">OBIETTIVO GESTIONALE ", stdout);
    esc(str(o, "codice"));
    printf("</td><td>&#9744; COMUNE</td><td>&#9744; INDIVIDUALE</td></tr></table>\n<table>\n");
    const cJSON *b;
    cJSON_ArrayForEach(b, cJSON_GetObjectItemCaseSensitive(o, "bilancio"))
    {
        fputs("<tr><th>Missione</th>", stdout);
        td_str(b, "missione");
        fputs("<th>Programma</th>", stdout);
        td_str(b, "programma");
        fputs("</tr>\n", stdout);
    }
    row("Linea programmatica di mandato", str(o, "linea_mandato"));
    row("DUP – sezione strategica", str(o, "dup_strategica"));
    row("DUP – sezione operativa", str(o, "dup_operativa"));
    row("Dirigente", str(o, "dirigente"));
    row("Posizione organizzativa", str(o, "posizione_organizzativa"));
    row("Referenti", str(o, "referenti"));
    row("Descrizione", str(o, "descrizione"));
    row("Baseline", str(o, "baseline"));
    row("Target", str(o, "target"));
    row("Stakeholder", str(o, "stakeholder"));
    row("Accessibilità (D.lgs. 222/2023)", str(o, "accessibilita"));
    row("Unità responsabile", str(o, "unita_responsabile"));
    fputs("</table>\n", stdout);
    const cJSON *a;
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(o, "annualita"))
    {
        fputs("<table class=\"po\"><thead><tr><th colspan=\"9\">PIANO OPERATIVO ", stdout);
        num(a, "anno");
        fputs("</th></tr><tr><th>N.</th><th>PESO</th><th>AZIONE</th><th>TEMPI</th><th>INDICATORI</th>"
              "<th>ATTESO</th><th>GRADUAZIONE</th><th>RAGGIUNTO</th><th>%</th></tr></thead>\n",
              stdout);
        const cJSON *z;
        cJSON_ArrayForEach(z, cJSON_GetObjectItemCaseSensitive(a, "azioni"))
        {
            fputs("<tr>", stdout);
            td_num(z, "n");
            td_num(z, "peso");
            static const char *const k[] = {"azione", "tempi", "indicatore", "atteso", "graduazione"};
            for (int i = 0; i < 5; i++)
                td_str(z, k[i]);
            fputs("<td></td><td></td></tr>\n", stdout);
        }
        fputs("</table>\n", stdout);
    }
    fputs("<table class=\"ru\"><thead><tr><th>N.</th><th>AZIONE</th><th>RESPONSABILE</th>"
          "<th>PERSONALE COINVOLTO</th></tr></thead>\n",
          stdout);
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(o, "risorse_umane"))
    {
        fputs("<tr>", stdout);
        td_num(r, "azione");
        td_str(r, "descrizione");
        td_str(r, "responsabile");
        fputs("<td>", stdout);
        const cJSON *p;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(r, "personale"))
        {
            esc(str(p, "nome"));
            fputs(" ", stdout);
            num(p, "percentuale");
            fputs("%; ", stdout);
        }
        fputs("</td></tr>\n", stdout);
    }
    fputs("</table>\n<table><thead><tr><th>Capitolo</th><th>Descrizione</th><th>Stanziamenti</th><th>Note</th>"
          "</tr></thead>\n",
          stdout);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(o, "finanziaria"))
    {
        fputs("<tr>", stdout);
        td_str(c, "capitolo");
        td_str(c, "descrizione");
        fputs("<td>", stdout);
        const cJSON *s;
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(c, "stanziamenti"))
        {
            num(s, "anno");
            fputs(": ", stdout);
            num(s, "importo");
            fputs(" €; ", stdout);
        }
        fputs("</td>", stdout);
        td_str(c, "note");
        fputs("</tr>\n", stdout);
    }
    fputs("</table>\n", stdout);
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(o, "pesatura");
    static const char *const criteria[][2] = {
        {"Rilevanza", "rilevanza"}, {"Innovatività", "innovativita"}, {"Complessità", "complessita"}, {"Beneficio", "beneficio"}};
    fputs("<table><tr>", stdout);
    for (int i = 0; i < 4; i++) {
        printf("<th>%s</th>", criteria[i][0]);
        td_num(w, criteria[i][1]);
    }
    fputs("</tr></table></section>\n", stdout);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("uso: htmlplan PIANO.json\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)len + 1);
    if (!text || fread(text, 1, (size_t)len, f) != (size_t)len)
        return 2;
    text[len] = '\0';
    fclose(f);
    cJSON *plan = cJSON_Parse(text);
    free(text);
    if (!plan)
        return 2;
    fputs("<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>", stdout);
    esc(str(plan, "ente"));
    fputs("</title><style>\n"
          "@font-face { font-family: Titillium; src: url(../../fonts/TitilliumWeb_400Regular.ttf); }\n"
          "@font-face { font-family: Titillium; font-weight: bold; src: url(../../fonts/TitilliumWeb_700Bold.ttf); }\n"
          "@page { size: A4 landscape; margin: 12mm 10mm; @bottom-right { content: \"Pag. \" counter(page) "
          "\" di \" counter(pages); font: 7pt Titillium; } }\n"
          "body { font: 7.5pt/1.25 Titillium, sans-serif; }\n"
          "section { page-break-after: always; }\n"
          "table { width: 100%; border-collapse: collapse; margin-bottom: 4pt; }\n"
          "th, td { border: 0.5pt solid #5C6F82; padding: 2pt; vertical-align: top; text-align: left; }\n"
          "th { background: #E8EEF4; } thead { display: table-header-group; } tr { page-break-inside: auto; }\n"
          ".head .title { font-size: 12pt; font-weight: bold; background: #0B4A8B; color: white; }\n"
          "</style></head><body>\n",
          stdout);
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(plan, "obiettivi")) scheda(o);
    fputs("</body></html>\n", stdout);
    cJSON_Delete(plan);
    return 0;
}
