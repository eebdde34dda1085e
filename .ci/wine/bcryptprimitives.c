/*
 * A stand-in for Windows' bcryptprimitives.dll, for test runs under Wine only.
 *
 * Go 1.26 programs call ProcessPrng from bcryptprimitives.dll when they start
 * (it fills the runtime's random source); Windows 10 and later have it, Wine 8
 * does not, and without it bin/clienttracker.exe stops before main. This DLL
 * gives ProcessPrng on top of RtlGenRandom (advapi32's SystemFunction036),
 * which Wine has. .ci/wine-test.sh builds it with MinGW into the throwaway
 * Wine prefix of a test run; it is never shipped and never committed built.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
