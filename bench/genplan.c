/* genplan — a synthetic plan of N objectives for the benchmarks: the
 * objectives of a real plan repeated in turn, each with a new codice (their
 * people come along: the registry's people take part in N/38 times as many
 * actions). With RAGGIUNTO.json, the achievement data of the real plan are
 * repeated the same way into RAGGIUNTO-N.json.
 * usage: genplan PIANO.json N [RAGGIUNTO.json RAGGIUNTO-N.json] > piano-N.json */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)len + 1);
    if (!text || fread(text, 1, (size_t)len, f) != (size_t)len)
        exit(2);
    text[len] = '\0';
    fclose(f);
    cJSON *j = cJSON_Parse(text);
    free(text);
    return j;
}

/* The rilevazioni of source objective `codice`, copied under `nuovo`. */
static void copy_results(const cJSON *source, const char *codice, const char *nuovo, cJSON *out)
{
    const cJSON *r;
    cJSON_ArrayForEach(r, source)
    {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(r, "obiettivo");
        if (cJSON_IsString(o) && strcmp(o->valuestring, codice) == 0) {
            cJSON *c = cJSON_Duplicate(r, 1);
            cJSON_ReplaceItemInObject(c, "obiettivo", cJSON_CreateString(nuovo));
            cJSON_AddItemToArray(out, c);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 5) {
        fputs("uso: genplan PIANO.json N [RAGGIUNTO.json RAGGIUNTO-N.json]\n", stderr);
        return 2;
    }
    cJSON *plan = read_json(argv[1]);
    cJSON *results = argc == 5 ? read_json(argv[3]) : NULL;
    cJSON *source_results = results ? cJSON_DetachItemFromObject(results, "rilevazioni") : NULL;
    cJSON *out_results = results ? cJSON_AddArrayToObject(results, "rilevazioni") : NULL;
    long n = atol(argv[2]);
    cJSON *source = plan ? cJSON_DetachItemFromObject(plan, "obiettivi") : NULL;
    int count = source ? cJSON_GetArraySize(source) : 0;
    if (count == 0 || n <= 0) {
        fputs("genplan: piano senza obiettivi o N non valido\n", stderr);
        return 2;
    }
    cJSON *out = cJSON_AddArrayToObject(plan, "obiettivi");
    for (long i = 0; i < n; i++) {
        const cJSON *from = cJSON_GetArrayItem(source, (int)(i % count));
        cJSON *o = cJSON_Duplicate(from, 1);
        char codice[32];
        snprintf(codice, sizeof codice, "B-%05ld", i + 1);
        cJSON_ReplaceItemInObject(o, "codice", cJSON_CreateString(codice));
        cJSON_AddItemToArray(out, o);
        if (out_results)
            copy_results(source_results, cJSON_GetObjectItemCaseSensitive(from, "codice")->valuestring, codice,
                         out_results);
    }
    if (results) {
        char *r = cJSON_Print(results);
        FILE *f = fopen(argv[4], "wb");
        if (!f || fputs(r, f) < 0 || fclose(f) != 0) {
            perror(argv[4]);
            return 2;
        }
        free(r);
        cJSON_Delete(source_results);
        cJSON_Delete(results);
    }
    char *s = cJSON_PrintUnformatted(plan);
    fputs(s, stdout);
    free(s);
    cJSON_Delete(source);
    cJSON_Delete(plan);
    return 0;
}
