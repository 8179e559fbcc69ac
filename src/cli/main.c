/* main.c — the schede command line: dispatches to the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "resources.h"
#include "wb_convert.h"

static void usage(FILE *out)
{
    fputs("uso: schede COMANDO [OPZIONI]\n"
          "\n"
          "Comandi:\n"
          "  verifica PIANO.json   controlla il piano ed elenca errori e avvisi\n"
          "                        (ogni PIANO, rilevazioni o valutazioni può essere anche .xlsx o .ods)\n"
          "  stampa PIANO.json     scrive i documenti in PDF: out/schede.pdf, out/persone.pdf e, con\n"
          "                        --raggiunto, la Relazione sulla Performance out/relazione.pdf;\n"
          "                        con --valutazioni anche out/premi.pdf e out/premi.csv (riservati);\n"
          "                        con --al DATA le schede e il monitoraggio out/monitoraggio.pdf\n"
          "      --out CARTELLA      dove scrivere i documenti (predefinita: out)\n"
          "      --layout CARTELLA   file di impaginazione da usare al posto di quelli installati\n"
          "      --profilo NOME      il modulo di un comune: la cartella layouts/NOME (predefinito: sarzana)\n"
          "      --solo schede|persone|relazione|premi|monitoraggio  solo il documento indicato\n"
          "      --una-per-persona   anche un PDF per persona in CARTELLA/persone/\n"
          "      --dati-aperti       anche relazione.csv (o monitoraggio.csv) in formato aperto\n"
          "  esiti PIANO.json      i risultati dell'anno come dati (JSON o CSV)\n"
          "      --formato json|csv  (predefinito: json)\n"
          "  modello-raggiunto PIANO.json   il CSV da compilare, una riga per azione dell'anno\n"
          "      --formato csv|xlsx  (xlsx: colonne di contesto bloccate, valori controllati)\n"
          "      --out FILE          in un file invece che sullo standard output\n"
          "      --per-dirigente CARTELLA   (xlsx) un foglio di calcolo per dirigente\n"
          "  modello-valutazioni PIANO.json --sistema FILE   il foglio delle valutazioni da compilare\n"
          "  esporta PIANO OUT.xlsx   il piano come foglio di calcolo (si rilegge con ogni comando)\n"
          "  confronta VECCHIO NUOVO  le variazioni tra due versioni del piano\n"
          "      --formato json|pdf  (json: sullo standard output; pdf: CARTELLA/variazioni.pdf)\n"
          "\n"
          "Opzioni dei risultati (verifica, stampa, esiti):\n"
          "  --raggiunto FILE      rilevazioni: JSON (schede-raggiunto/1) o CSV da foglio di calcolo\n"
          "  --anno N              l'annualità (predefinito: l'anno del file JSON, o il primo del piano)\n"
          "  --codifica C          codifica del CSV: utf-8 o windows-1252 (predefinito: riconosciuta)\n"
          "  --sistema FILE        il sistema di valutazione dell'ente (schede-sistema/1)\n"
          "  --valutazioni FILE    le valutazioni individuali dell'anno: JSON (schede-valutazioni/1) o CSV\n"
          "  --al DATA             (stampa, esiti) lo stato di ogni azione a una data: il monitoraggio\n"
          "  --dettagli            (verifica) la regola di ogni azione, in parole\n"
          "\n"
          "Opzioni generali:\n"
          "  --aiuto, -h           mostra questo aiuto\n"
          "  --versione            mostra la versione e la cartella dei dati\n"
          "\n"
          "Codici di uscita: 0 tutto bene, 1 errori nei dati, 2 uso errato o file illeggibile.\n",
          out);
}

static int run_command(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--aiuto") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "aiuto") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--versione") == 0 || strcmp(cmd, "--version") == 0) {
        const char *dir = resources_dir();
        printf("schede %s\ndati: %s\n", SCHEDE_VERSION, dir ? dir : "(cartella dei dati non trovata)");
        return 0;
    }
    if (strcmp(cmd, "verifica") == 0)
        return cmd_verifica(argc - 2, argv + 2);
    if (strcmp(cmd, "stampa") == 0)
        return cmd_stampa(argc - 2, argv + 2);
    if (strcmp(cmd, "esiti") == 0)
        return cmd_esiti(argc - 2, argv + 2);
    if (strcmp(cmd, "modello-raggiunto") == 0)
        return cmd_modello_raggiunto(argc - 2, argv + 2);
    if (strcmp(cmd, "modello-valutazioni") == 0)
        return cmd_modello_valutazioni(argc - 2, argv + 2);
    if (strcmp(cmd, "esporta") == 0)
        return cmd_esporta(argc - 2, argv + 2);
    if (strcmp(cmd, "confronta") == 0)
        return cmd_confronta(argc - 2, argv + 2);
    fprintf(stderr, "schede: comando sconosciuto «%s»\n\n", cmd);
    usage(stderr);
    return EXIT_USAGE;
}

int main(int argc, char **argv)
{
    int rc = run_command(argc, argv);
    workbook_forget();
    /* What went to standard output (esiti, the template, reports redirected
     * to a file) must have been written whole: a full disk is an error. */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "errore: impossibile scrivere l'output: %s\n",
                errno == ENOSPC || errno == EFBIG ? "spazio su disco esaurito" : "errore di scrittura");
        if (rc == 0)
            rc = EXIT_DATA;
    }
    return rc;
}
