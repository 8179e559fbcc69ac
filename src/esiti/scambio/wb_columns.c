/* wb_columns.c — the sheets of a plan's workbook (wb_columns.h). */
#include "wb_columns.h"

#define TABLE(var, sheet_name, ...)                                                                                   \
    static const WbColumn var##_COLS[] = {__VA_ARGS__};                                                               \
    const WbTable var = {sheet_name, var##_COLS, sizeof var##_COLS / sizeof var##_COLS[0]}

TABLE(WB_PIANO, "Piano", {"chiave", 14}, {"valore", 60});
TABLE(WB_PERSONE, "Persone", {"id", 16}, {"nome", 28}, {"matricola", 11}, {"area", 24}, {"alias", 36});
TABLE(WB_OBIETTIVI, "Obiettivi", {"codice", 11}, {"tipo", 12}, {"triennio", 11}, {"nota_tipo", 20},
      {"linea_mandato", 30}, {"dup_strategica", 30}, {"dup_operativa", 30}, {"dirigente", 24},
      {"posizione_organizzativa", 24}, {"referenti", 24}, {"descrizione", 60}, {"baseline", 40}, {"target", 40},
      {"stakeholder", 30}, {"accessibilita", 30}, {"unita_responsabile", 28}, {"altre_unita", 28},
      {"rilevanza", 10}, {"innovativita", 10}, {"complessita", 10}, {"beneficio", 10},
      /* docs/formato.md §7 */
      {"tipologia", 16}, {"peso", 8}, {"valutazione_individuale", 12});
TABLE(WB_BILANCIO, "Bilancio", {"codice", 11}, {"missione", 40}, {"programma", 40});
TABLE(WB_AZIONI, "Azioni", {"codice", 11}, {"anno", 7}, {"n", 5}, {"peso", 7}, {"azione", 50}, {"tempi", 18},
      {"scadenza", 12}, {"inizio", 12}, {"indicatore", 30}, {"atteso", 24}, {"graduazione", 40}, {"regola", 30});
TABLE(WB_RISORSE, "Risorse umane", {"codice", 11}, {"anno", 7}, {"azione", 7}, {"descrizione", 30},
      {"responsabile", 24}, {"nome", 28}, {"percentuale", 11}, {"gruppo", 8});
TABLE(WB_FINANZIARIA, "Finanziaria", {"codice", 11}, {"capitolo", 12}, {"descrizione", 36}, {"anno", 7},
      {"importo", 14}, {"note", 30});
/* docs/formato.md §7 */
TABLE(WB_INDICATORI, "Indicatori", {"codice", 11}, {"n", 5}, {"nome", 36}, {"tipo", 14}, {"unita", 10},
      {"fonte", 20}, {"formula", 24}, {"verso", 12}, {"peso", 7}, {"baseline_anno", 9}, {"baseline_valore", 10},
      {"regola", 30}, {"anno", 7}, {"target", 10});
TABLE(WB_COLLEGAMENTI, "Collegamenti", {"codice", 11}, {"livello", 24}, {"codice_collegamento", 14},
      {"testo", 60});
TABLE(WB_CAMPI, "Campi", {"codice", 11}, {"etichetta", 30}, {"valore", 60});

TABLE(WB_RILEVAZIONI, "Rilevazioni", {"obiettivo", 0}, {"azione", 0}, {"indicatore", 0}, {"data", 0},
      {"valore", 0}, {"percentuale", 0}, {"raggiunto", 0}, {"nota", 0}, {"avanzamento", 0}, {"criticita", 0},
      {"proposta", 0},
      /* written by modello-raggiunto for the offices to read */
      {"testo_azione", 0}, {"scadenza", 0}, {"regola", 0}, {"graduazione", 0});
TABLE(WB_VALUTAZIONI, "Valutazioni", {"persona", 0}, {"categoria", 0}, {"profilo", 0}, {"orario", 0},
      {"servizio", 0}, {"valutatore", 0}, {"data", 0}, {"commento", 0}, {"osservazioni", 0}, {"giudizio", 0},
      {"colloquio", 0}, {"presa_visione", 0}, {"escluso_premio", 0},
      {"nome", 0} /* written by modello-valutazioni for reading */);
