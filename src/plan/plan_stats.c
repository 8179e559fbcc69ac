#include "plan_stats.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* The name keys of every registry nome and alias, computed once. */
typedef struct {
    char **keys;
    size_t count;
} KeySet;

static void keyset_add(KeySet *set, size_t *cap, char *key)
{
    if (set->count == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        set->keys = xrealloc(set->keys, *cap * sizeof *set->keys);
    }
    set->keys[set->count++] = key;
}

static bool keyset_has(const KeySet *set, const char *key)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->keys[i], key) == 0)
            return true;
    return false;
}

static void keyset_free(KeySet *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->keys[i]);
    free(set->keys);
}

PlanStats plan_stats(const Plan *plan)
{
    PlanStats s = {0};
    s.obiettivi = plan->n_obiettivi;
    s.persone_registro = plan->n_persone;
    KeySet registry = {0}, outside = {0};
    size_t reg_cap = 0, out_cap = 0;
    for (size_t i = 0; i < plan->n_persone; i++) {
        const Persona *p = &plan->persone[i];
        if (p->nome)
            keyset_add(&registry, &reg_cap, text_name_key(p->nome));
        for (size_t a = 0; a < p->n_alias; a++)
            keyset_add(&registry, &reg_cap, text_name_key(p->alias[a]));
    }
    for (size_t i = 0; i < plan->n_obiettivi; i++) {
        const Obiettivo *o = &plan->obiettivi[i];
        for (size_t j = 0; j < o->n_annualita; j++)
            s.azioni += o->annualita[j].n_azioni;
        for (size_t r = 0; r < o->n_risorse_umane; r++)
            for (size_t k = 0; k < o->risorse_umane[r].n_personale; k++) {
                const Partecipante *x = &o->risorse_umane[r].personale[k];
                if (x->gruppo || !x->nome)
                    continue;
                char *key = text_name_key(x->nome);
                if (keyset_has(&registry, key) || keyset_has(&outside, key))
                    free(key);
                else
                    keyset_add(&outside, &out_cap, key);
            }
    }
    s.nomi_fuori_registro = outside.count;
    s.persone = s.persone_registro + outside.count;
    keyset_free(&registry);
    keyset_free(&outside);
    return s;
}
