/* SPDX-License-Identifier: EUPL-1.2 */
/* persone_nomi.c — one person under the ways people write her name: "Mario
 * Rossi", "ROSSI MARIO", "Dott. Mario Rossi – Dirigente Area Tecnica"
 * (persone.h). For the users of the web, who say who they are in the plan. */
#include "persone.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static int cmp_words(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char *persone_chiave_nome(const char *name)
{
    char *key = text_name_key(name ? name : "");
    /* a role after a dash or a comma: "mario rossi – dirigente area tecnica", "rossi mario, dirigente" */
    static const char *const cuts[] = {" – ", " — ", " - ", ",", NULL};
    for (size_t i = 0; cuts[i]; i++) {
        char *at = strstr(key, cuts[i]);
        if (at && at != key)
            *at = '\0';
    }
    const char *bare = key;
    for (const char *next; (next = persone_senza_titolo(bare)) != bare;) /* "dott. ing. mario rossi" */
        bare = next;
    char *copy = xstrdup(bare);
    free(key);
    size_t n = 0, cap = 0;
    char **words = NULL;
    for (char *save = NULL, *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        words = xgrow(words, n, &cap, sizeof *words, 8);
        words[n++] = w;
    }
    if (n > 1)
        qsort(words, n, sizeof *words, cmp_words);
    StrBuf b = {0};
    strbuf_puts(&b, "");
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&b, "%s%s", i ? " " : "", words[i]);
    free(words);
    free(copy);
    return b.data;
}

bool persone_stesso_nome(const char *a, const char *b)
{
    char *ka = persone_chiave_nome(a), *kb = persone_chiave_nome(b);
    bool same = *ka && strcmp(ka, kb) == 0;
    free(ka);
    free(kb);
    return same;
}

/* Calls visit for every name of the plan a user may be: the registry's persons (nome, then aliases, with the nome
   they stand for), then each objective's dirigente as written; stops when visit returns true. */
static const char *each_name(const Plan *plan, bool (*visit)(const char *name, void *user), void *user)
{
    for (size_t i = 0; i < plan->n_persone; i++) {
        const Persona *p = &plan->persone[i];
        for (size_t a = 0; a <= p->n_alias; a++) {
            const char *n = a == 0 ? p->nome : p->alias[a - 1];
            if (n && visit(n, user))
                return p->nome;
        }
    }
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const char *d = plan->obiettivi[i].dirigente;
        if (d && visit(d, user))
            return d;
    }
    return NULL;
}

static bool same_as(const char *name, void *user)
{
    return persone_stesso_nome(name, user);
}

const char *persone_nome_nel_piano(const Plan *plan, const char *name)
{
    return name && *name ? each_name(plan, same_as, (void *)name) : NULL;
}

typedef struct {
    char *key;
    const char **out;
    size_t *dist, n, max;
} Near;

static bool consider(const char *name, void *user)
{
    Near *near = user;
    char *k = persone_chiave_nome(name);
    size_t limit = strlen(near->key) / 4 + 2, d = text_edit_distance(k, near->key, limit);
    free(k);
    if (d > limit)
        return false;
    for (size_t i = 0; i < near->n; i++)
        if (persone_stesso_nome(near->out[i], name))
            return false;
    size_t at = near->n;
    while (at > 0 && near->dist[at - 1] > d)
        at--;
    if (at >= near->max)
        return false;
    if (near->n < near->max)
        near->n++;
    for (size_t i = near->n - 1; i > at; i--) {
        near->out[i] = near->out[i - 1];
        near->dist[i] = near->dist[i - 1];
    }
    near->out[at] = name;
    near->dist[at] = d;
    return false;
}

size_t persone_nomi_vicini(const Plan *plan, const char *name, const char **out, size_t max)
{
    size_t dist[8];
    Near near = {persone_chiave_nome(name), out, dist, 0, max < 8 ? max : 8};
    each_name(plan, consider, &near);
    free(near.key);
    return near.n;
}

const Persona *persone_di_nome(const Plan *plan, const char *name)
{
    const Persona *p = name ? persone_match_untitled(plan, name) : NULL;
    for (size_t i = 0; name && !p && i < plan->n_persone; i++)
        for (size_t a = 0; !p && a <= plan->persone[i].n_alias; a++) {
            const char *n = a == 0 ? plan->persone[i].nome : plan->persone[i].alias[a - 1];
            if (n && persone_stesso_nome(n, name))
                p = &plan->persone[i];
        }
    return p;
}
