/* For the Wine smoke test only, never shipped: Wine 8 lacks ProcessPrng in
 * bcryptprimitives.dll, which Rust's standard library calls on Windows 10+.
 * This stand-in forwards it to RtlGenRandom (advapi32's SystemFunction036).
 * Built by tests/windows.rs with mingw; placed beside the installed exe. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
