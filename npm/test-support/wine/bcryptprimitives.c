/* Rust's standard library takes its random numbers from ProcessPrng in bcryptprimitives.dll,
 * which every Windows from 10 on has and Debian 12's wine (8.0) lacks. This stand-in, built
 * into the tests' wine prefix only, answers from RtlGenRandom, which wine has; it is never
 * shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
