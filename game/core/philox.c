/* Philox4x32 (after Random123) for many games at once: the same words as rng.words_for's numpy
   version, which stays the reference and the fallback. Built by `python -m game.core.kernels`
   (scripts/setup.sh runs it) and loaded with ctypes; the core never needs it to be present.

   Each game has its own key; every game draws the same counters. Games run along the inner
   loop, so the compiler can work several games per instruction; target_clones gives the loop in
   AVX-512, AVX2 and plain versions, and the loader picks the one the processor has. */
#include <stdint.h>

#ifndef DOD_NO_CLONES
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

#define PHILOX_ROUNDS 10   /* rng.ROUNDS: the loader checks that they agree */
#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u

/* keys: (PHILOX_ROUNDS, 2, b) round keys, 32-bit words held in uint64 (rng.key_schedule).
   Block j has the counter (turn, streams[j], index[j], 0); its word w for game i goes to
   out[(4 * j + w) * b + i]. */
CLONES
void philox_words(const uint64_t *restrict keys, int64_t b, uint32_t turn,
                  const uint32_t *restrict streams, const uint32_t *restrict index, int64_t m,
                  uint32_t *restrict out)
{
    for (int64_t j = 0; j < m; j++) {
        uint32_t *restrict o0 = out + 4 * j * b;
        uint32_t *restrict o1 = o0 + b;
        uint32_t *restrict o2 = o1 + b;
        uint32_t *restrict o3 = o2 + b;
        const uint32_t stream = streams[j], idx = index[j];
        for (int64_t i = 0; i < b; i++) {
            uint32_t c0 = turn, c1 = stream, c2 = idx, c3 = 0;
            for (int r = 0; r < PHILOX_ROUNDS; r++) {   /* a fixed count: the compiler unrolls it */
                const uint32_t k0 = (uint32_t)keys[(2 * r) * b + i];
                const uint32_t k1 = (uint32_t)keys[(2 * r + 1) * b + i];
                const uint64_t p0 = (uint64_t)c0 * PHILOX_M0;
                const uint64_t p1 = (uint64_t)c2 * PHILOX_M1;
                c0 = (uint32_t)(p1 >> 32) ^ c1 ^ k0;
                c1 = (uint32_t)p1;
                c2 = (uint32_t)(p0 >> 32) ^ c3 ^ k1;
                c3 = (uint32_t)p0;
            }
            o0[i] = c0;
            o1[i] = c1;
            o2[i] = c2;
            o3[i] = c3;
        }
    }
}

int philox_rounds(void)
{
    return PHILOX_ROUNDS;
}

/* A 16-bit uniform (x + 1/2) / 2**16 from one half of a 32-bit word: low half first. As exact
   as rng._halves, which builds the same float from its bits. */
static inline float half_of(uint32_t w, int64_t h)
{
    const uint32_t x = (h & 1) ? (w >> 16) : (w & 0xFFFFu);
    return (float)((x << 1) | 1u) * (1.0f / 131072.0f);
}

/* Halves h0 .. h0 + count - 1 of the words from row `row` on, (rows, b): half h is word
   row + h / 2. out: (count, b) float32, a row per half. */
CLONES
void philox_halves(const uint32_t *restrict words, int64_t b, int64_t row, int64_t h0, int64_t count,
                   float *restrict out)
{
    for (int64_t h = 0; h < count; h++) {
        const int64_t hh = h0 + h;
        const uint32_t *restrict w = words + (row + hh / 2) * b;
        float *restrict o = out + h * b;
        const int hi = (int)(hh & 1);
        for (int64_t i = 0; i < b; i++)
            o[i] = half_of(w[i], hi);
    }
}

/* out[i, c] = rows[map[c], i]: per-game cells (b, cells) gathered from rows of values (R, b),
   16 games at a time: each read takes a run of one row, and the writes stay within a small tile. */
CLONES
void gather_cells(const float *restrict rows, int64_t b, int64_t cells, const int64_t *restrict map,
                  float *restrict out)
{
    enum { TILE = 16 };
    int64_t i0 = 0;
    for (; i0 + TILE <= b; i0 += TILE)
        for (int64_t c = 0; c < cells; c++) {
            const float *restrict r = rows + map[c] * b + i0;
            float *restrict o = out + i0 * cells + c;
            for (int t = 0; t < TILE; t++)
                o[t * cells] = r[t];
        }
    for (int64_t i = i0; i < b; i++) {
        float *restrict o = out + i * cells;
        for (int64_t c = 0; c < cells; c++)
            o[c] = rows[map[c] * b + i];
    }
}
