/* Compiled versions of fastops.py's helpers over the short actor axis: spreads, row sums and
   maxima, the masked first maximum, select, operations between a pair array and a per-actor or
   per-game one, and transposes. Each gives exactly what its numpy version gives (fastops.py keeps
   those as the reference and the fallback); they skip numpy's per-row overhead on rows of 8 and
   the spread copies it needs to combine arrays of different shapes.
   Arrays are C-contiguous; n is the actor count (the last axis). */
#include <stdint.h>
#include <string.h>

#ifndef DOD_NO_CLONES
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

/* Loops over the actor axis are written once, as an inline body taking n, and called with n = 8
   (the East Asia scenario: the compiler then unrolls and vectorises them) or with any n. */
#define INLINE static inline __attribute__((always_inline))
#define FOR_N(call_with_n) do { if (n == 8) { const int64_t n8 = 8; call_with_n(n8); } else { call_with_n(n); } } while (0)

/* (b, n) -> (b, n, n) with out[g, i, j] = v[g, j]; elements of `size` bytes (1 or 4). */
CLONES
void spread_cols(const void *restrict v, int64_t b, int64_t n, int64_t size, void *restrict out)
{
    if (size == 4 && n == 8) {
        const uint32_t *restrict s = v;
        uint32_t *restrict o = out;
        for (int64_t g = 0; g < b; g++)
            for (int i = 0; i < 8; i++)
                for (int j = 0; j < 8; j++)
                    o[g * 64 + i * 8 + j] = s[g * 8 + j];
        return;
    }
    const char *s = v;
    char *o = out;
    if (size == 1 && n == 8) {   /* a row of 8 bytes: one 64-bit move each */
        for (int64_t g = 0; g < b; g++)
            for (int i = 0; i < 8; i++)
                memcpy(o + g * 64 + i * 8, s + g * 8, 8);
        return;
    }
    const int64_t row = n * size;
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            memcpy(o + (g * n + i) * row, s + g * row, (size_t)row);
}

/* (b, n) -> (b, n, n) with out[g, i, j] = v[g, i]; 4-byte elements. */
INLINE void spread_rows_n(const uint32_t *restrict v, int64_t b, int64_t n, uint32_t *restrict out)
{
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++) {
            const uint32_t x = v[g * n + i];
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = x;
        }
}

CLONES
void spread_rows(const uint32_t *restrict v, int64_t b, int64_t n, uint32_t *restrict out)
{
#define CALL(k) spread_rows_n(v, b, k, out)
    FOR_N(CALL);
#undef CALL
}

/* Sums of rows of 8 float32s in einsum's order, ((c0 + c4) + (c1 + c5)) + ((c2 + c6) + (c3 + c7)),
   one row after another: the order fastops.sum_last keeps. No contraction or reordering: the
   build uses ISO C (-std=c99), where the compiler keeps each rounding. */
CLONES
void sum_rows8(const float *restrict x, int64_t rows, float *restrict out)
{
    for (int64_t r = 0; r < rows; r++) {
        const float *restrict c = x + r * 8;
        const float a = c[0] + c[4];
        const float t = c[1] + c[5];
        const float u = c[2] + c[6];
        const float w = c[3] + c[7];
        out[r] = (a + t) + (u + w);
    }
}

/* Maximum of each row of n float32s, taken left to right as numpy.maximum does (no NaN here). */
INLINE void max_rows_n(const float *restrict x, int64_t rows, int64_t n, float *restrict out)
{
    for (int64_t r = 0; r < rows; r++) {
        const float *restrict c = x + r * n;
        float best = c[0];
        for (int64_t k = 1; k < n; k++)
            best = c[k] > best ? c[k] : best;
        out[r] = best;
    }
}

CLONES
void max_rows(const float *restrict x, int64_t rows, int64_t n, float *restrict out)
{
#define CALL(k) max_rows_n(x, rows, k, out)
    FOR_N(CALL);
#undef CALL
}

/* out[i] = cond[i] ? x[i * xs] : y[i * ys] for `count` items of `size` bytes (1, 2, 4 or 8); a
   step of 0 repeats one value. Branch-free in the compiled loop, as fastops.select is in numpy. */
#define SELECT_LOOP(T)                                                        \
    do {                                                                      \
        const T *restrict xx = x;                                             \
        const T *restrict yy = y;                                             \
        T *restrict oo = out;                                                 \
        for (int64_t i = 0; i < count; i++)                                   \
            oo[i] = cond[i] ? xx[i * xs] : yy[i * ys];                        \
    } while (0)

CLONES
void select_items(const uint8_t *restrict cond, int64_t count, const void *restrict x, int64_t xs,
                  const void *restrict y, int64_t ys, int64_t size, void *restrict out)
{
    switch (size) {
    case 1: SELECT_LOOP(uint8_t); break;
    case 2: SELECT_LOOP(uint16_t); break;
    case 4: SELECT_LOOP(uint32_t); break;
    default: SELECT_LOOP(uint64_t); break;
    }
}

/* Operations between a (b, n, n) array and a (b, n) one along one of its axes, without the
   spread copy numpy needs for them: out may be x itself. Each element is one IEEE operation,
   as numpy does it on the spread array. */
INLINE void mul_cols_n(const float *x, const float *restrict v, int64_t b, int64_t n, float *out)
{   /* out[g, i, j] = x[g, i, j] * v[g, j] */
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = x[(g * n + i) * n + j] * v[g * n + j];
}

CLONES
void mul_cols(const float *x, const float *restrict v, int64_t b, int64_t n, float *out)
{
#define CALL(k) mul_cols_n(x, v, b, k, out)
    FOR_N(CALL);
#undef CALL
}

INLINE void add_rows_cols_n(const float *restrict r, const float *restrict c, int64_t b, int64_t n,
                            float *restrict out)
{   /* out[g, i, j] = r[g, i] + c[g, j] */
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = r[g * n + i] + c[g * n + j];
}

CLONES
void add_rows_cols(const float *restrict r, const float *restrict c, int64_t b, int64_t n, float *restrict out)
{
#define CALL(k) add_rows_cols_n(r, c, b, k, out)
    FOR_N(CALL);
#undef CALL
}

INLINE void share_rows_n(const float *restrict r, const float *restrict c, int64_t b, int64_t n,
                         float *restrict out)
{   /* out[g, i, j] = r[g, i] / (c[g, j] + r[g, i]) */
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = r[g * n + i] / (c[g * n + j] + r[g * n + i]);
}

CLONES
void share_rows(const float *restrict r, const float *restrict c, int64_t b, int64_t n, float *restrict out)
{
#define CALL(k) share_rows_n(r, c, b, k, out)
    FOR_N(CALL);
#undef CALL
}

/* The (b, n, n) array read along its other axis: out[g, i, j] = x[g, j, i], bytes. */
INLINE void transpose_bytes_n(const uint8_t *restrict x, int64_t b, int64_t n, uint8_t *restrict out)
{
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = x[(g * n + j) * n + i];
}

CLONES
void transpose_bytes(const uint8_t *restrict x, int64_t b, int64_t n, uint8_t *restrict out)
{
#define CALL(k) transpose_bytes_n(x, b, k, out)
    FOR_N(CALL);
#undef CALL
}

/* A pair's two cells combined: out[g, i, j] = x[g, i, j] + x[g, j, i] (float32, op 0) or
   x[g, i, j] | x[g, j, i] (bytes, op 1). */
INLINE void add_transposed_n(const float *restrict x, int64_t b, int64_t n, float *restrict out)
{
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = x[(g * n + i) * n + j] + x[(g * n + j) * n + i];
}

INLINE void or_transposed_n(const uint8_t *restrict x, int64_t b, int64_t n, uint8_t *restrict out)
{
    for (int64_t g = 0; g < b; g++)
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++)
                out[(g * n + i) * n + j] = x[(g * n + i) * n + j] | x[(g * n + j) * n + i];
}

CLONES
void with_transposed(const void *restrict x, int64_t b, int64_t n, int32_t op, void *restrict out)
{
    if (op == 0) {
#define CALL(k) add_transposed_n(x, b, k, out)
        FOR_N(CALL);
#undef CALL
    } else {
#define CALL(k) or_transposed_n(x, b, k, out)
        FOR_N(CALL);
#undef CALL
    }
}

/* out[g, c] = x[g, c] + v[g] (op 0) or x[g, c] * v[g] (op 1): one value per game; out may be x. */
CLONES
void games_op(const float *x, const float *restrict v, int64_t b, int64_t cells, int32_t op, float *out)
{
    for (int64_t g = 0; g < b; g++) {
        const float a = v[g];
        if (op == 0)
            for (int64_t c = 0; c < cells; c++)
                out[g * cells + c] = x[g * cells + c] + a;
        else
            for (int64_t c = 0; c < cells; c++)
                out[g * cells + c] = x[g * cells + c] * a;
    }
}

/* The first maximum of each row of n float32s among the cells its mask opens; a closed cell
   counts as `closed` (far below any value), and a row whose maximum is at most `none` gives -1.
   Row r reads mask row r % mask_rows: a mask every game shares is passed once. */
INLINE void argmax_masked_n(const float *restrict x, const uint8_t *restrict mask, int64_t rows, int64_t n,
                            int64_t mask_rows, float closed, float none, int64_t *restrict out)
{
    for (int64_t r = 0; r < rows; r++) {
        const float *restrict c = x + r * n;
        const uint8_t *restrict m = mask + (r % mask_rows) * n;
        float best = m[0] ? c[0] : closed;
        int64_t at = 0;
        for (int64_t k = 1; k < n; k++) {
            const float v = m[k] ? c[k] : closed;
            if (v > best) {
                best = v;
                at = k;
            }
        }
        out[r] = best <= none ? -1 : at;
    }
}

CLONES
void argmax_masked_rows(const float *restrict x, const uint8_t *restrict mask, int64_t rows, int64_t n,
                        int64_t mask_rows, float closed, float none, int64_t *restrict out)
{
#define CALL(k) argmax_masked_n(x, mask, rows, k, mask_rows, closed, none, out)
    FOR_N(CALL);
#undef CALL
}
