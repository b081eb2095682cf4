/*
 * common.h: the first include of every project source file. Pulls in the
 * standard headers the project uses and then banned.h, so a banned
 * function is caught wherever it is used.
 */
#ifndef NV_COMMON_H
#define NV_COMMON_H

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NV_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define NV_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NV_NORETURN	__attribute__((noreturn))
#else
#define NV_PRINTF(f, a)
#define NV_NORETURN
#endif

/*
 * A function built for AVX2 besides the SSE2 the compiler assumes on
 * x86-64, for a caller to take where the CPU has it
 * (__builtin_cpu_supports("avx2")), with <immintrin.h>.
 */
#if defined(__SSE2__) && defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define NV_TARGET_AVX2 __attribute__((target("avx2")))
#endif

#include "banned.h"

#endif
