/*
 * banned.h: functions we never call. Included last by common.h, so any use
 * in project code fails to compile. Modelled on git's banned.h.
 *
 * strcpy/strcat/sprintf/vsprintf overflow silently; strncpy/strncat do not
 * terminate or truncate silently; strtok keeps hidden state;
 * gmtime/localtime/ctime/asctime return static buffers (use the _r forms).
 */
#ifndef NV_BANNED_H
#define NV_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)
#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef asctime
#define asctime(t) BANNED(asctime)

#endif
