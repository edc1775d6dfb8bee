/* tests/differential/csmith.h: the runtime that csmith's programs include ("csmith.h"), written
 * for this project (Debian's csmith ships the generator only): the safe-math functions csmith calls,
 * each defined for every input (what would overflow or be undefined returns the first operand),
 * and the CRC-32 checksum of the globals that the program prints at the end. */
#ifndef CSMITH_RUNTIME_H
#define CSMITH_RUNTIME_H
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc32_tab[256];
static uint32_t crc32_context = 0xFFFFFFFFUL;

static inline void platform_main_begin(void)
{
}

static inline void platform_main_end(uint32_t crc, int flag)
{
    (void)flag;
    printf("checksum = %X\n", crc);
}

static inline void crc32_gentab(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ 0xEDB88320UL : c >> 1;
        crc32_tab[i] = c;
    }
}

static inline void crc32_byte(uint8_t b)
{
    crc32_context = ((crc32_context >> 8) & 0x00FFFFFF) ^ crc32_tab[(crc32_context ^ b) & 0xFF];
}

static inline void crc32_8bytes(uint64_t val)
{
    for (int i = 0; i < 8; i++)
        crc32_byte((uint8_t)(val >> (8 * i)));
}

static inline void transparent_crc(uint64_t val, const char *vname, int flag)
{
    crc32_8bytes(val);
    if (flag)
        printf("...checksum after hashing %s : %X\n", vname, crc32_context ^ 0xFFFFFFFFU);
}

static inline void transparent_crc_bytes(const void *ptr, int nbytes, const char *vname, int flag)
{
    for (int i = 0; i < nbytes; i++)
        crc32_byte(((const uint8_t *)ptr)[i]);
    if (flag)
        printf("...checksum after hashing %s : %X\n", vname, crc32_context ^ 0xFFFFFFFFU);
}

/* 8-bit */
static inline int8_t safe_unary_minus_func_int8_t_s(int8_t a) { return a == INT8_MIN ? a : (int8_t)-a; }
static inline int8_t safe_add_func_int8_t_s_s(int8_t a, int8_t b) { int8_t r; return __builtin_add_overflow(a, b, &r) ? a : r; }
static inline int8_t safe_sub_func_int8_t_s_s(int8_t a, int8_t b) { int8_t r; return __builtin_sub_overflow(a, b, &r) ? a : r; }
static inline int8_t safe_mul_func_int8_t_s_s(int8_t a, int8_t b) { int8_t r; return __builtin_mul_overflow(a, b, &r) ? a : r; }
static inline int8_t safe_mod_func_int8_t_s_s(int8_t a, int8_t b) { return (b == 0 || (a == INT8_MIN && b == -1)) ? a : (int8_t)(a % b); }
static inline int8_t safe_div_func_int8_t_s_s(int8_t a, int8_t b) { return (b == 0 || (a == INT8_MIN && b == -1)) ? a : (int8_t)(a / b); }
static inline int8_t safe_lshift_func_int8_t_s_s(int8_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32 || a > (INT8_MAX >> b)) ? a : (int8_t)((int)a << b); }
static inline int8_t safe_rshift_func_int8_t_s_s(int8_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32) ? a : (int8_t)(a >> b); }
static inline int8_t safe_lshift_func_int8_t_s_u(int8_t a, unsigned int b) { return (a < 0 || b >= 32 || a > (INT8_MAX >> b)) ? a : (int8_t)((int)a << b); }
static inline int8_t safe_rshift_func_int8_t_s_u(int8_t a, unsigned int b) { return (a < 0 || b >= 32) ? a : (int8_t)(a >> b); }
static inline uint8_t safe_unary_minus_func_uint8_t_u(uint8_t a) { return (uint8_t)-(unsigned int)a; }
static inline uint8_t safe_add_func_uint8_t_u_u(uint8_t a, uint8_t b) { return (uint8_t)((unsigned int)a + (unsigned int)b); }
static inline uint8_t safe_sub_func_uint8_t_u_u(uint8_t a, uint8_t b) { return (uint8_t)((unsigned int)a - (unsigned int)b); }
static inline uint8_t safe_mul_func_uint8_t_u_u(uint8_t a, uint8_t b) { return (uint8_t)((unsigned int)a * (unsigned int)b); }
static inline uint8_t safe_mod_func_uint8_t_u_u(uint8_t a, uint8_t b) { return b == 0 ? a : (uint8_t)(a % b); }
static inline uint8_t safe_div_func_uint8_t_u_u(uint8_t a, uint8_t b) { return b == 0 ? a : (uint8_t)(a / b); }
static inline uint8_t safe_lshift_func_uint8_t_u_s(uint8_t a, int b) { return ((int)b < 0 || b >= 32 || a > (UINT8_MAX >> b)) ? a : (uint8_t)((unsigned int)a << b); }
static inline uint8_t safe_rshift_func_uint8_t_u_s(uint8_t a, int b) { return ((int)b < 0 || b >= 32) ? a : (uint8_t)(a >> b); }
static inline uint8_t safe_lshift_func_uint8_t_u_u(uint8_t a, unsigned int b) { return (b >= 32 || a > (UINT8_MAX >> b)) ? a : (uint8_t)((unsigned int)a << b); }
static inline uint8_t safe_rshift_func_uint8_t_u_u(uint8_t a, unsigned int b) { return (b >= 32) ? a : (uint8_t)(a >> b); }

/* 16-bit */
static inline int16_t safe_unary_minus_func_int16_t_s(int16_t a) { return a == INT16_MIN ? a : (int16_t)-a; }
static inline int16_t safe_add_func_int16_t_s_s(int16_t a, int16_t b) { int16_t r; return __builtin_add_overflow(a, b, &r) ? a : r; }
static inline int16_t safe_sub_func_int16_t_s_s(int16_t a, int16_t b) { int16_t r; return __builtin_sub_overflow(a, b, &r) ? a : r; }
static inline int16_t safe_mul_func_int16_t_s_s(int16_t a, int16_t b) { int16_t r; return __builtin_mul_overflow(a, b, &r) ? a : r; }
static inline int16_t safe_mod_func_int16_t_s_s(int16_t a, int16_t b) { return (b == 0 || (a == INT16_MIN && b == -1)) ? a : (int16_t)(a % b); }
static inline int16_t safe_div_func_int16_t_s_s(int16_t a, int16_t b) { return (b == 0 || (a == INT16_MIN && b == -1)) ? a : (int16_t)(a / b); }
static inline int16_t safe_lshift_func_int16_t_s_s(int16_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32 || a > (INT16_MAX >> b)) ? a : (int16_t)((int)a << b); }
static inline int16_t safe_rshift_func_int16_t_s_s(int16_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32) ? a : (int16_t)(a >> b); }
static inline int16_t safe_lshift_func_int16_t_s_u(int16_t a, unsigned int b) { return (a < 0 || b >= 32 || a > (INT16_MAX >> b)) ? a : (int16_t)((int)a << b); }
static inline int16_t safe_rshift_func_int16_t_s_u(int16_t a, unsigned int b) { return (a < 0 || b >= 32) ? a : (int16_t)(a >> b); }
static inline uint16_t safe_unary_minus_func_uint16_t_u(uint16_t a) { return (uint16_t)-(unsigned int)a; }
static inline uint16_t safe_add_func_uint16_t_u_u(uint16_t a, uint16_t b) { return (uint16_t)((unsigned int)a + (unsigned int)b); }
static inline uint16_t safe_sub_func_uint16_t_u_u(uint16_t a, uint16_t b) { return (uint16_t)((unsigned int)a - (unsigned int)b); }
static inline uint16_t safe_mul_func_uint16_t_u_u(uint16_t a, uint16_t b) { return (uint16_t)((unsigned int)a * (unsigned int)b); }
static inline uint16_t safe_mod_func_uint16_t_u_u(uint16_t a, uint16_t b) { return b == 0 ? a : (uint16_t)(a % b); }
static inline uint16_t safe_div_func_uint16_t_u_u(uint16_t a, uint16_t b) { return b == 0 ? a : (uint16_t)(a / b); }
static inline uint16_t safe_lshift_func_uint16_t_u_s(uint16_t a, int b) { return ((int)b < 0 || b >= 32 || a > (UINT16_MAX >> b)) ? a : (uint16_t)((unsigned int)a << b); }
static inline uint16_t safe_rshift_func_uint16_t_u_s(uint16_t a, int b) { return ((int)b < 0 || b >= 32) ? a : (uint16_t)(a >> b); }
static inline uint16_t safe_lshift_func_uint16_t_u_u(uint16_t a, unsigned int b) { return (b >= 32 || a > (UINT16_MAX >> b)) ? a : (uint16_t)((unsigned int)a << b); }
static inline uint16_t safe_rshift_func_uint16_t_u_u(uint16_t a, unsigned int b) { return (b >= 32) ? a : (uint16_t)(a >> b); }

/* 32-bit */
static inline int32_t safe_unary_minus_func_int32_t_s(int32_t a) { return a == INT32_MIN ? a : (int32_t)-a; }
static inline int32_t safe_add_func_int32_t_s_s(int32_t a, int32_t b) { int32_t r; return __builtin_add_overflow(a, b, &r) ? a : r; }
static inline int32_t safe_sub_func_int32_t_s_s(int32_t a, int32_t b) { int32_t r; return __builtin_sub_overflow(a, b, &r) ? a : r; }
static inline int32_t safe_mul_func_int32_t_s_s(int32_t a, int32_t b) { int32_t r; return __builtin_mul_overflow(a, b, &r) ? a : r; }
static inline int32_t safe_mod_func_int32_t_s_s(int32_t a, int32_t b) { return (b == 0 || (a == INT32_MIN && b == -1)) ? a : (int32_t)(a % b); }
static inline int32_t safe_div_func_int32_t_s_s(int32_t a, int32_t b) { return (b == 0 || (a == INT32_MIN && b == -1)) ? a : (int32_t)(a / b); }
static inline int32_t safe_lshift_func_int32_t_s_s(int32_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32 || a > (INT32_MAX >> b)) ? a : (int32_t)((int)a << b); }
static inline int32_t safe_rshift_func_int32_t_s_s(int32_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32) ? a : (int32_t)(a >> b); }
static inline int32_t safe_lshift_func_int32_t_s_u(int32_t a, unsigned int b) { return (a < 0 || b >= 32 || a > (INT32_MAX >> b)) ? a : (int32_t)((int)a << b); }
static inline int32_t safe_rshift_func_int32_t_s_u(int32_t a, unsigned int b) { return (a < 0 || b >= 32) ? a : (int32_t)(a >> b); }
static inline uint32_t safe_unary_minus_func_uint32_t_u(uint32_t a) { return (uint32_t)-(unsigned int)a; }
static inline uint32_t safe_add_func_uint32_t_u_u(uint32_t a, uint32_t b) { return (uint32_t)((unsigned int)a + (unsigned int)b); }
static inline uint32_t safe_sub_func_uint32_t_u_u(uint32_t a, uint32_t b) { return (uint32_t)((unsigned int)a - (unsigned int)b); }
static inline uint32_t safe_mul_func_uint32_t_u_u(uint32_t a, uint32_t b) { return (uint32_t)((unsigned int)a * (unsigned int)b); }
static inline uint32_t safe_mod_func_uint32_t_u_u(uint32_t a, uint32_t b) { return b == 0 ? a : (uint32_t)(a % b); }
static inline uint32_t safe_div_func_uint32_t_u_u(uint32_t a, uint32_t b) { return b == 0 ? a : (uint32_t)(a / b); }
static inline uint32_t safe_lshift_func_uint32_t_u_s(uint32_t a, int b) { return ((int)b < 0 || b >= 32 || a > (UINT32_MAX >> b)) ? a : (uint32_t)((unsigned int)a << b); }
static inline uint32_t safe_rshift_func_uint32_t_u_s(uint32_t a, int b) { return ((int)b < 0 || b >= 32) ? a : (uint32_t)(a >> b); }
static inline uint32_t safe_lshift_func_uint32_t_u_u(uint32_t a, unsigned int b) { return (b >= 32 || a > (UINT32_MAX >> b)) ? a : (uint32_t)((unsigned int)a << b); }
static inline uint32_t safe_rshift_func_uint32_t_u_u(uint32_t a, unsigned int b) { return (b >= 32) ? a : (uint32_t)(a >> b); }

/* 64-bit */
static inline int64_t safe_unary_minus_func_int64_t_s(int64_t a) { return a == INT64_MIN ? a : (int64_t)-a; }
static inline int64_t safe_add_func_int64_t_s_s(int64_t a, int64_t b) { int64_t r; return __builtin_add_overflow(a, b, &r) ? a : r; }
static inline int64_t safe_sub_func_int64_t_s_s(int64_t a, int64_t b) { int64_t r; return __builtin_sub_overflow(a, b, &r) ? a : r; }
static inline int64_t safe_mul_func_int64_t_s_s(int64_t a, int64_t b) { int64_t r; return __builtin_mul_overflow(a, b, &r) ? a : r; }
static inline int64_t safe_mod_func_int64_t_s_s(int64_t a, int64_t b) { return (b == 0 || (a == INT64_MIN && b == -1)) ? a : (int64_t)(a % b); }
static inline int64_t safe_div_func_int64_t_s_s(int64_t a, int64_t b) { return (b == 0 || (a == INT64_MIN && b == -1)) ? a : (int64_t)(a / b); }
static inline int64_t safe_lshift_func_int64_t_s_s(int64_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32 || a > (INT64_MAX >> b)) ? a : (int64_t)((int64_t)a << b); }
static inline int64_t safe_rshift_func_int64_t_s_s(int64_t a, int b) { return (a < 0 || (int)b < 0 || b >= 32) ? a : (int64_t)(a >> b); }
static inline int64_t safe_lshift_func_int64_t_s_u(int64_t a, unsigned int b) { return (a < 0 || b >= 32 || a > (INT64_MAX >> b)) ? a : (int64_t)((int64_t)a << b); }
static inline int64_t safe_rshift_func_int64_t_s_u(int64_t a, unsigned int b) { return (a < 0 || b >= 32) ? a : (int64_t)(a >> b); }
static inline uint64_t safe_unary_minus_func_uint64_t_u(uint64_t a) { return (uint64_t)-(uint64_t)a; }
static inline uint64_t safe_add_func_uint64_t_u_u(uint64_t a, uint64_t b) { return (uint64_t)((uint64_t)a + (uint64_t)b); }
static inline uint64_t safe_sub_func_uint64_t_u_u(uint64_t a, uint64_t b) { return (uint64_t)((uint64_t)a - (uint64_t)b); }
static inline uint64_t safe_mul_func_uint64_t_u_u(uint64_t a, uint64_t b) { return (uint64_t)((uint64_t)a * (uint64_t)b); }
static inline uint64_t safe_mod_func_uint64_t_u_u(uint64_t a, uint64_t b) { return b == 0 ? a : (uint64_t)(a % b); }
static inline uint64_t safe_div_func_uint64_t_u_u(uint64_t a, uint64_t b) { return b == 0 ? a : (uint64_t)(a / b); }
static inline uint64_t safe_lshift_func_uint64_t_u_s(uint64_t a, int b) { return ((int)b < 0 || b >= 32 || a > (UINT64_MAX >> b)) ? a : (uint64_t)((uint64_t)a << b); }
static inline uint64_t safe_rshift_func_uint64_t_u_s(uint64_t a, int b) { return ((int)b < 0 || b >= 32) ? a : (uint64_t)(a >> b); }
static inline uint64_t safe_lshift_func_uint64_t_u_u(uint64_t a, unsigned int b) { return (b >= 32 || a > (UINT64_MAX >> b)) ? a : (uint64_t)((uint64_t)a << b); }
static inline uint64_t safe_rshift_func_uint64_t_u_u(uint64_t a, unsigned int b) { return (b >= 32) ? a : (uint64_t)(a >> b); }

/* float (csmith --float): a result that is not finite returns the first operand */
static inline float safe_add_func_float_f_f(float a, float b) { float r = a + b; return __builtin_isfinite(r) ? r : a; }
static inline float safe_sub_func_float_f_f(float a, float b) { float r = a - b; return __builtin_isfinite(r) ? r : a; }
static inline float safe_mul_func_float_f_f(float a, float b) { float r = a * b; return __builtin_isfinite(r) ? r : a; }
static inline float safe_div_func_float_f_f(float a, float b) { float r = b == 0.0f ? a : a / b; return __builtin_isfinite(r) ? r : a; }

#endif
