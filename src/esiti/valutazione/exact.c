#include "exact.h"

#include <string.h>

__extension__ typedef unsigned __int128 Wide;

Exact exact_from(uint64_t v)
{
    Exact e = {{v, 0, 0, 0}};
    return e;
}

bool exact_is_zero(Exact a)
{
    return (a.w[0] | a.w[1] | a.w[2] | a.w[3]) == 0;
}

int exact_cmp(Exact a, Exact b)
{
    for (int i = 3; i >= 0; i--)
        if (a.w[i] != b.w[i])
            return a.w[i] < b.w[i] ? -1 : 1;
    return 0;
}

bool exact_add(Exact a, Exact b, Exact *out)
{
    uint64_t carry = 0;
    for (int i = 0; i < 4; i++) {
        Wide s = (Wide)a.w[i] + b.w[i] + carry;
        out->w[i] = (uint64_t)s;
        carry = (uint64_t)(s >> 64);
    }
    return carry == 0;
}

Exact exact_sub(Exact a, Exact b)
{
    Exact r;
    uint64_t borrow = 0;
    for (int i = 0; i < 4; i++) {
        Wide d = (Wide)a.w[i] - b.w[i] - borrow;
        r.w[i] = (uint64_t)d;
        borrow = (uint64_t)(d >> 64) ? 1 : 0;
    }
    return r;
}

bool exact_mul(Exact a, Exact b, Exact *out)
{
    uint64_t r[8] = {0};
    for (int i = 0; i < 4; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; j++) {
            Wide p = (Wide)a.w[i] * b.w[j] + r[i + j] + carry;
            r[i + j] = (uint64_t)p;
            carry = (uint64_t)(p >> 64);
        }
        r[i + 4] = carry;
    }
    memcpy(out->w, r, sizeof out->w);
    return (r[4] | r[5] | r[6] | r[7]) == 0;
}

static int top_bit(Exact a)
{
    for (int i = 3; i >= 0; i--)
        if (a.w[i])
            for (int b = 63; b >= 0; b--)
                if (a.w[i] >> b & 1)
                    return i * 64 + b;
    return -1;
}

/* Schoolbook binary long division: premi.c divides a few thousand times
 * per run, so clarity wins over speed. */
void exact_divmod(Exact a, Exact b, Exact *quot, Exact *rem)
{
    Exact q = exact_from(0), r = exact_from(0);
    for (int bit = top_bit(a); bit >= 0; bit--) {
        /* r = r · 2 + the next bit of a */
        for (int i = 3; i > 0; i--)
            r.w[i] = r.w[i] << 1 | r.w[i - 1] >> 63;
        r.w[0] = r.w[0] << 1 | (a.w[bit / 64] >> (bit % 64) & 1);
        if (exact_cmp(r, b) >= 0) {
            r = exact_sub(r, b);
            q.w[bit / 64] |= (uint64_t)1 << (bit % 64);
        }
    }
    *quot = q;
    *rem = r;
}

bool exact_to_u64(Exact a, uint64_t *out)
{
    *out = a.w[0];
    return (a.w[1] | a.w[2] | a.w[3]) == 0;
}
