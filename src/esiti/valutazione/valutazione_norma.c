/* SPDX-License-Identifier: EUPL-1.2 */
/* valutazione_norma.c — a valutazione in the one form the archive keeps,
 * whatever file it came from (valutazione.h). */
#include "valutazione.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

static void move_voce(Voce **list, size_t *n, const Voce *x)
{
    *list = xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = *x;
}

void valutazione_normalizza(const Plan *plan, const Sistema *s, Valutazione *v)
{
    const Persona *who = v->persona ? persone_by_id(plan, v->persona) : NULL;
    if (!who && v->persona)
        who = persone_match(plan, v->persona);
    if (who && strcmp(who->nome, v->persona) != 0) {
        free(v->persona);
        v->persona = xstrdup(who->nome);
    }
    const Categoria *cat = v->categoria ? sistema_categoria(s, v->categoria) : NULL;
    if (!cat)
        return;
    /* A CSV row carries every category's columns among its votes: the category's behaviours stay votes, its
       components given by hand become manuali, the rest (another category's empty columns, unknown ones) go. */
    Voce *voti = NULL, *manuali = v->manuali;
    size_t n_voti = 0, n_manuali = v->n_manuali;
    for (size_t i = 0; i < v->n_voti; i++) {
        Voce *x = &v->voti[i];
        const Componente *c = categoria_componente(cat, x->id);
        if (categoria_comportamento(cat, x->id))
            move_voce(&voti, &n_voti, x);
        else if (c && c->fonte == FONTE_MANUALE && !valutazione_voce(manuali, n_manuali, x->id))
            move_voce(&manuali, &n_manuali, x);
        else
            free(x->id);
    }
    free(v->voti);
    v->voti = voti;
    v->n_voti = n_voti;
    v->manuali = manuali;
    v->n_manuali = n_manuali;
    v->has_presa_visione = false; /* only the person's own step is a presa visione */
}
