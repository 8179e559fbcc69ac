/* Text helpers, UTF-8 and dates, against values worked out by hand. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "csv_values.h"
#include "date.h"
#include "numeri.h"
#include "text.h"
#include "utf8.h"

static void expect_key(const char *name, const char *key)
{
    char *k = text_name_key(name);
    cr_assert_str_eq(k, key, "«%s» → «%s», expected «%s»", name, k, key);
    free(k);
}

Test(text, name_key_folds_case_accents_spaces_apostrophes)
{
    expect_key("  D’Agostino  MARÌA ", "d'agostino maria");
    expect_key("ANNAMARIA VESNAVER", "annamaria vesnaver");
    expect_key("Vesnaver\tAnnaMaria", "vesnaver annamaria");
    expect_key("Lotti.", "lotti");
    expect_key("Gregorini,", "gregorini");
    expect_key("Niccolò Àlvarez", "niccolo alvarez");
    expect_key("Łukasz Żółć", "lukasz zolc");
    expect_key("", "");
}

Test(text, edit_distance)
{
    cr_assert_eq(text_edit_distance("vangeli", "vargelli", 5), 2);
    cr_assert_eq(text_edit_distance("indicatori", "indicatore", 5), 1);
    cr_assert_eq(text_edit_distance("abc", "abc", 5), 0);
    cr_assert_eq(text_edit_distance("", "abcd", 5), 4);
    cr_assert_eq(text_edit_distance("kitten", "sitting", 5), 3);
    cr_assert_eq(text_edit_distance("a", "zzzzzzzz", 2), 3, "beyond the limit: limit + 1");
}

Test(text, format_number_italian)
{
    char buf[32];
    text_format_number(buf, sizeof buf, 125);
    cr_assert_str_eq(buf, "125");
    text_format_number(buf, sizeof buf, 99.5);
    cr_assert_str_eq(buf, "99,5");
    text_format_number(buf, sizeof buf, 12.25);
    cr_assert_str_eq(buf, "12,25");
    text_format_number(buf, sizeof buf, 33.3 + 33.3 + 33.4);
    cr_assert_str_eq(buf, "100");
    text_format_number(buf, sizeof buf, -5);
    cr_assert_str_eq(buf, "-5");
    text_format_number(buf, sizeof buf, 0.004);
    cr_assert_str_eq(buf, "0");
}

/* Open data keep a measured value as given (to the millionth), not to the cent. */
Test(text, csv_value_keeps_its_decimals)
{
    char buf[48];
    static const struct {
        double v;
        const char *s;
    } cases[] = {{30, "30"}, {12.345, "12,345"}, {0.004, "0,004"}, {-2.5, "-2,5"}, {1234567.125, "1234567,125"},
                 {0.1 + 0.2, "0,3"}, {1e-7, "0"}, {1e13, "10000000000000"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        csv_format_value(buf, sizeof buf, cases[i].v);
        cr_assert_str_eq(buf, cases[i].s, "%g → «%s», expected «%s»", cases[i].v, buf, cases[i].s);
    }
}

Test(utf8, validate_and_count)
{
    size_t bad = 99;
    cr_assert(utf8_validate("città è", strlen("città è"), &bad));
    cr_assert_eq(utf8_count("città è", strlen("città è")), 7);
    cr_assert_not(utf8_validate("ab\xE0z", 4, &bad));
    cr_assert_eq(bad, 2);
    cr_assert_not(utf8_validate("\xF4\x90\x80\x80", 4, &bad), "above U+10FFFF");
    cr_assert_not(utf8_validate("\xE2\x82", 2, &bad), "truncated sequence");
    cr_assert(utf8_validate("\xF0\x9F\x98\x80", 4, &bad), "an emoji is valid UTF-8");
}

Test(date, parse_iso)
{
    Date d;
    cr_assert_eq(date_parse_iso("2024-12-31", &d), DATE_OK);
    cr_assert_eq(d.year, 2024);
    cr_assert_eq(d.month, 12);
    cr_assert_eq(d.day, 31);
    cr_assert_eq(date_parse_iso("2023-02-29", &d), DATE_IMPOSSIBLE);
    cr_assert_eq(date_parse_iso("2024-02-29", &d), DATE_OK);
    cr_assert_eq(date_parse_iso("1900-02-29", &d), DATE_IMPOSSIBLE, "1900 is not a leap year");
    cr_assert_eq(date_parse_iso("2000-02-29", &d), DATE_OK, "2000 is");
    cr_assert_eq(date_parse_iso("2024-04-31", &d), DATE_IMPOSSIBLE);
    cr_assert_eq(date_parse_iso("31/12/2024", &d), DATE_BAD_FORMAT);
    cr_assert_eq(date_parse_iso("2024-1-5", &d), DATE_BAD_FORMAT);
    cr_assert_eq(date_parse_iso("2024-12-31T00", &d), DATE_BAD_FORMAT);
}

Test(date, day_arithmetic)
{
    cr_assert_eq(date_to_days((Date){1970, 1, 1}), 0);
    cr_assert_eq(date_to_days((Date){2025, 1, 20}) - date_to_days((Date){2024, 12, 31}), 20);
    cr_assert_eq(date_to_days((Date){2024, 3, 1}) - date_to_days((Date){2024, 2, 28}), 2, "leap year");
    cr_assert_eq(date_to_days((Date){2025, 1, 1}) - date_to_days((Date){2024, 1, 1}), 366);
    cr_assert_eq(date_compare((Date){2024, 6, 30}, (Date){2024, 7, 1}), -1);
}

Test(date, find_in_text)
{
    Date found[4];
    cr_assert_eq(date_find_in_text("Dal mese di aprile 2024 al 31/12/2024", found, 4), 1);
    cr_assert_eq(found[0].day, 31);
    cr_assert_eq(date_find_in_text("30/05/24", found, 4), 1);
    cr_assert_eq(found[0].year, 2024);
    cr_assert_eq(date_find_in_text("entro il 31.12.24 e poi 15 aprile 2025", found, 4), 2);
    cr_assert_eq(found[1].month, 4);
    cr_assert_eq(found[1].year, 2025);
    cr_assert_eq(date_find_in_text("Nessun ritardo rispetto alla data del 31/06/2024", found, 4), 0,
                 "an impossible date is not a date");
    cr_assert_eq(date_find_in_text("D.L.13/2023 e 123/45/2024", found, 4), 0);
    char buf[11];
    date_format_it((Date){2024, 6, 5}, buf);
    cr_assert_str_eq(buf, "05/06/2024");
    date_format_iso((Date){2024, 6, 5}, buf);
    cr_assert_str_eq(buf, "2024-06-05");
}

/* One strict reader for the numbers of the forms (numeri.h): what is typed, or nothing. */
Test(numeri, integers_digits_only_never_wrapped)
{
    long v = 0;
    cr_assert(numero_intero("1", 1, 10000, &v) && v == 1);
    cr_assert(numero_intero("10000", 1, 10000, &v) && v == 10000);
    const char *bad[] = {"4294967297", "0x1", " 1", "1 ", "+1", "1e0", "", "01a", "-1", "10001",
                         "99999999999999999999999", "1,0"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(numero_intero(bad[i], 1, 10000, &v), "«%s»", bad[i]);
    cr_assert(numero_intero("-5", -10, 10, &v) && v == -5);
    cr_assert_not(numero_intero(NULL, 0, 1, &v));
}

Test(numeri, decimals_with_a_comma_or_a_point)
{
    double v = -1;
    cr_assert(numero_decimale("62,5", 0, 100, &v) && v == 62.5);
    cr_assert(numero_decimale("62.5", 0, 100, &v) && v == 62.5);
    cr_assert(numero_decimale("0,1", 0, 100, &v) && v == 0.1); /* the nearest double, as a literal gives */
    cr_assert(numero_decimale("100", 0, 100, &v) && v == 100);
    cr_assert(numero_decimale("0", 0, 100, &v) && v == 0);
    const char *bad[] = {"0x10", "1e2", "  50", "50 ", "50%", "100,01", "-0", "1,2,3", ",5", "5,", "+5", "",
                         "1.000,5", "1234567890123456", "nan", "inf"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        cr_assert_not(numero_decimale(bad[i], 0, 100, &v), "«%s»", bad[i]);
}

/* A cell that a spreadsheet would run as a formula begins with ' in every CSV written (OWASP). */
Test(text, csv_cells_never_formulas)
{
    StrBuf b = {0};
    csv_put_field(&b, "=HYPERLINK(\"http://x\";\"clic\")", false);
    csv_put_field(&b, "+39 0187", false);
    csv_put_field(&b, "@SUM(A1)", false);
    csv_put_field(&b, "-12,50", false);
    csv_put_field(&b, "-", false);
    csv_put_field(&b, "Mario Rossi", true);
    cr_assert_str_eq(b.data, "\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";\"'+39 0187\";\"'@SUM(A1)\";-12,50;"
                             "\"'-\";Mario Rossi\r\n");
    strbuf_free(&b);
    cr_assert(csv_sembra_formula("\tx"));
    cr_assert_not(csv_sembra_formula("-5"));
    cr_assert_not(csv_sembra_formula("Mario"));
    cr_assert_not(csv_sembra_formula(""));
}
