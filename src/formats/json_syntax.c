#include "json_syntax.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t len, pos;
    JsonSyntaxError *err;
} Scanner;

static int fail(Scanner *sc, size_t at, const char *message)
{
    sc->err->offset = at;
    sc->err->message = message;
    return 0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static void skip_space(Scanner *sc)
{
    while (sc->pos < sc->len && is_space(sc->s[sc->pos]))
        sc->pos++;
}

static int at_end(const Scanner *sc) { return sc->pos >= sc->len; }
static char peek(const Scanner *sc) { return sc->pos < sc->len ? sc->s[sc->pos] : '\0'; }

/* Reads the four hex digits of the \\uXXXX escape starting at at. */
static int read_u_escape(const Scanner *sc, size_t at, unsigned *cp)
{
    unsigned v = 0;
    for (size_t i = 2; i < 6; i++) {
        if (at + i >= sc->len || !is_hex(sc->s[at + i]))
            return 0;
        char c = sc->s[at + i];
        v = v * 16 + (unsigned)(is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    *cp = v;
    return 1;
}

static int scan_string(Scanner *sc)
{
    size_t start = sc->pos++; /* the opening quote */
    while (sc->pos < sc->len) {
        unsigned char c = (unsigned char)sc->s[sc->pos];
        if (c == '"') {
            sc->pos++;
            return 1;
        }
        if (c == '\\') {
            char e = sc->pos + 1 < sc->len ? sc->s[sc->pos + 1] : '\0';
            if (e == 'u') {
                unsigned cp;
                if (!read_u_escape(sc, sc->pos, &cp))
                    return fail(sc, sc->pos, "sequenza \\u non valida: servono quattro cifre esadecimali");
                if (cp == 0)
                    return fail(sc, sc->pos, "il carattere \\u0000 non è ammesso in un testo");
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(sc, sc->pos, "sequenza \\u non valida: seconda metà di una coppia surrogata senza la prima");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned low;
                    if (sc->pos + 7 >= sc->len || sc->s[sc->pos + 6] != '\\' || sc->s[sc->pos + 7] != 'u' ||
                        !read_u_escape(sc, sc->pos + 6, &low) || low < 0xDC00 || low > 0xDFFF)
                        return fail(sc, sc->pos, "sequenza \\u non valida: coppia surrogata incompleta");
                    sc->pos += 6;
                }
                sc->pos += 6;
                continue;
            }
            if (!e || !strchr("\"\\/bfnrt", e))
                return fail(sc, sc->pos, "barra rovesciata (\\) non valida in un testo: per scriverla si usa \\\\");
            sc->pos += 2;
            continue;
        }
        if (c == '\n' || c == '\r')
            return fail(sc, sc->pos, "a capo dentro un testo: manca la virgoletta di chiusura, "
                                     "oppure l'a capo va scritto \\n");
        if (c < 0x20)
            return fail(sc, sc->pos, "carattere di controllo dentro un testo");
        sc->pos++;
    }
    return fail(sc, start, "testo non chiuso: manca la virgoletta di chiusura");
}

static int scan_number(Scanner *sc)
{
    size_t start = sc->pos;
    if (peek(sc) == '-')
        sc->pos++;
    if (peek(sc) == '0') {
        sc->pos++;
        if (is_digit(peek(sc)))
            return fail(sc, start, "numero non valido: un numero non può cominciare con 0");
    } else if (is_digit(peek(sc))) {
        while (is_digit(peek(sc)))
            sc->pos++;
    } else {
        return fail(sc, start, "numero non valido");
    }
    if (peek(sc) == '.') {
        sc->pos++;
        if (!is_digit(peek(sc)))
            return fail(sc, sc->pos, "numero non valido: servono cifre dopo il punto decimale");
        while (is_digit(peek(sc)))
            sc->pos++;
    }
    if (peek(sc) == 'e' || peek(sc) == 'E') {
        sc->pos++;
        if (peek(sc) == '+' || peek(sc) == '-')
            sc->pos++;
        if (!is_digit(peek(sc)))
            return fail(sc, sc->pos, "numero non valido: esponente senza cifre");
        while (is_digit(peek(sc)))
            sc->pos++;
    }
    return 1;
}

static int scan_literal(Scanner *sc)
{
    static const char *const words[] = {"true", "false", "null"};
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(words[i]);
        if (sc->len - sc->pos >= n && memcmp(sc->s + sc->pos, words[i], n) == 0) {
            sc->pos += n;
            return 1;
        }
    }
    return fail(sc, sc->pos, "parola non valida: i testi vanno tra virgolette doppie; "
                             "sono ammessi senza virgolette solo numeri, true, false e null");
}

/* Explains an unexpected character where a value should start. */
static int bad_value(Scanner *sc)
{
    if (at_end(sc))
        return fail(sc, sc->len, "il file finisce prima del previsto (manca una parentesi di chiusura?)");
    char c = peek(sc);
    if (c == '\'')
        return fail(sc, sc->pos, "i testi vanno tra virgolette doppie (\"), non singole");
    if (c == '/')
        return fail(sc, sc->pos, "il JSON non ammette commenti");
    if (c == '}' || c == ']')
        return fail(sc, sc->pos, "virgola di troppo prima della chiusura, o valore mancante");
    if (c == ',')
        return fail(sc, sc->pos, "valore mancante tra due virgole");
    if ((unsigned char)c >= 0x80 || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
        return scan_literal(sc);
    return fail(sc, sc->pos, "valore non valido");
}

/* One container on the stack: what comes next inside it. */
enum { IN_ARRAY, IN_OBJECT };

/* One loop over the bytes with an explicit stack of containers (no
 * recursion, so no depth can overflow the C stack): its states read as one
 * grammar, which is why it is longer than the rest. */
int json_syntax_check(const char *text, size_t len, int max_depth, JsonSyntaxError *err)
{
    Scanner sc = {text, len, 0, err};
    unsigned char *stack = malloc((size_t)max_depth + 1);
    int depth = 0, ok = 1;
    if (!stack)
        return fail(&sc, 0, "memoria insufficiente");

    skip_space(&sc);
    /* Each turn reads one value, then the separators that follow it. */
    for (;;) {
        /* ---- a value ---- */
        skip_space(&sc);
        char c = peek(&sc);
        if (at_end(&sc)) {
            ok = bad_value(&sc);
            break;
        }
        if (c == '{' || c == '[') {
            if (depth >= max_depth) {
                ok = fail(&sc, sc.pos, "annidamento troppo profondo");
                break;
            }
            stack[depth++] = c == '{' ? IN_OBJECT : IN_ARRAY;
            sc.pos++;
            skip_space(&sc);
            if (peek(&sc) == (c == '{' ? '}' : ']')) {
                sc.pos++;
                depth--;
            } else if (c == '{') {
                /* first key */
                if (peek(&sc) != '"') {
                    ok = peek(&sc) == '\'' ? fail(&sc, sc.pos, "i nomi delle chiavi vanno tra virgolette doppie (\"), non singole")
                         : at_end(&sc) ? bad_value(&sc)
                                       : fail(&sc, sc.pos, "atteso il nome di una chiave tra virgolette doppie");
                    break;
                }
                if (!(ok = scan_string(&sc)))
                    break;
                skip_space(&sc);
                if (peek(&sc) != ':') {
                    ok = fail(&sc, sc.pos, "manca «:» dopo il nome della chiave");
                    break;
                }
                sc.pos++;
                continue;
            } else {
                continue; /* first element of the array */
            }
        } else if (c == '"') {
            if (!(ok = scan_string(&sc)))
                break;
        } else if (c == '-' || is_digit(c)) {
            if (!(ok = scan_number(&sc)))
                break;
        } else if (c == 't' || c == 'f' || c == 'n') {
            if (!(ok = scan_literal(&sc)))
                break;
        } else {
            ok = bad_value(&sc);
            break;
        }

        /* ---- after a value: close containers, or a separator ---- */
        for (;;) {
            skip_space(&sc);
            if (depth == 0)
                break;
            char close = stack[depth - 1] == IN_OBJECT ? '}' : ']';
            char n = peek(&sc);
            if (n == close) {
                sc.pos++;
                depth--;
                continue;
            }
            if (n == ',') {
                sc.pos++;
                skip_space(&sc);
                if (stack[depth - 1] == IN_OBJECT) {
                    if (peek(&sc) == '}') {
                        ok = fail(&sc, sc.pos, "virgola di troppo prima della chiusura");
                    } else if (peek(&sc) != '"') {
                        ok = peek(&sc) == '\''
                                 ? fail(&sc, sc.pos, "i nomi delle chiavi vanno tra virgolette doppie (\"), non singole")
                             : is_digit(peek(&sc))
                                 ? fail(&sc, sc.pos, "atteso il nome di una chiave (i decimali si scrivono con il "
                                                     "punto, non con la virgola)")
                             : at_end(&sc) ? bad_value(&sc)
                                           : fail(&sc, sc.pos, "atteso il nome di una chiave tra virgolette doppie");
                    } else if ((ok = scan_string(&sc))) {
                        skip_space(&sc);
                        if (peek(&sc) != ':')
                            ok = fail(&sc, sc.pos, "manca «:» dopo il nome della chiave");
                        else
                            sc.pos++;
                    }
                } else if (peek(&sc) == ']') {
                    ok = fail(&sc, sc.pos, "virgola di troppo prima della chiusura");
                }
                goto next_value;
            }
            if (at_end(&sc))
                ok = fail(&sc, sc.len, close == '}' ? "il file finisce prima del previsto: manca «}»"
                                                    : "il file finisce prima del previsto: manca «]»");
            else if (n == '"' || n == '{' || n == '[' || is_digit(n) || n == '-' || n == 't' ||
                     n == 'f' || n == 'n')
                ok = fail(&sc, sc.pos, "manca una virgola tra due elementi");
            else if (n == '}' || n == ']')
                ok = fail(&sc, sc.pos, close == '}' ? "parentesi sbagliata: qui va chiuso un oggetto con «}»"
                                                    : "parentesi sbagliata: qui va chiuso un elenco con «]»");
            else
                ok = fail(&sc, sc.pos, close == '}' ? "atteso «,» o «}»" : "atteso «,» o «]»");
            goto done;
        }
        /* the top-level value is complete */
        if (!at_end(&sc))
            ok = fail(&sc, sc.pos, "testo in più dopo la fine del documento");
        goto done;
    next_value:
        if (!ok)
            goto done;
    }
done:
    free(stack);
    return ok;
}
