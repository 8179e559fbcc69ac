/* genplan — a synthetic plan of N objectives for the benchmarks: the
 * objectives of a real plan repeated in turn, each with a new codice.
 * usage: genplan PIANO.json N > piano-N.json */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("uso: genplan PIANO.json N\n", stderr);
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
    if (!text || fread(text, 1, (size_t)len, f) != (size_t)len) {
        fclose(f);
        return 2;
    }
    text[len] = '\0';
    fclose(f);
    cJSON *plan = cJSON_Parse(text);
    free(text);
    long n = atol(argv[2]);
    cJSON *source = plan ? cJSON_DetachItemFromObject(plan, "obiettivi") : NULL;
    int count = source ? cJSON_GetArraySize(source) : 0;
    if (count == 0 || n <= 0) {
        fputs("genplan: piano senza obiettivi o N non valido\n", stderr);
        return 2;
    }
    cJSON *out = cJSON_AddArrayToObject(plan, "obiettivi");
    for (long i = 0; i < n; i++) {
        cJSON *o = cJSON_Duplicate(cJSON_GetArrayItem(source, (int)(i % count)), 1);
        char codice[32];
        snprintf(codice, sizeof codice, "B-%05ld", i + 1);
        cJSON_ReplaceItemInObject(o, "codice", cJSON_CreateString(codice));
        cJSON_AddItemToArray(out, o);
    }
    char *s = cJSON_PrintUnformatted(plan);
    fputs(s, stdout);
    free(s);
    cJSON_Delete(source);
    cJSON_Delete(plan);
    return 0;
}
